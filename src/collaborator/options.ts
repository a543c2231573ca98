/** Helpers that validate constructor options at once and name the option, the expected range and the value got. */

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return (value as object).constructor?.name ?? typeof value;
}

/** Throws a RangeError unless `value` is an integer in [min, max]. */
export function requireInteger(owner: string, option: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
    throw new RangeError(`${owner}: option '${option}' must be ${range}, got ${describe(value)}`);
  }
  return value;
}

/** Throws a RangeError unless `value` is a finite number in [min, max] (`exclusiveMin` excludes min). */
export function requireNumber(owner: string, option: string, value: unknown, min = -Infinity, max = Infinity, exclusiveMin = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value > max || (exclusiveMin ? value <= min : value < min)) {
    const lower = min === -Infinity ? '' : `${exclusiveMin ? '>' : '>='} ${min}`;
    const upper = max === Infinity ? '' : `<= ${max}`;
    const range = [lower, upper].filter(Boolean).join(' and ');
    throw new RangeError(`${owner}: option '${option}' must be a finite number${range ? ' ' + range : ''}, got ${describe(value)}`);
  }
  return value;
}

/** Throws a TypeError unless `value` passes `check`; `expected` says what was wanted. */
export function requireType<T>(owner: string, option: string, value: unknown, check: (v: unknown) => boolean, expected: string): T {
  if (!check(value)) throw new TypeError(`${owner}: option '${option}' must be ${expected}, got ${describe(value)}`);
  return value as T;
}

/** Describes a value for an error message. */
export { describe as describeValue };
