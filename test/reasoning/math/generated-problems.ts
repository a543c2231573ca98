/** A seeded generator of maths problems with known solutions, for the MathReasoner tests. */

/** mulberry32: a small seeded PRNG in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random integer in [lo, hi], never 0 when `nonzero`. */
export function int(rand: () => number, lo: number, hi: number, nonzero = false): number {
  for (;;) {
    const v = lo + Math.floor(rand() * (hi - lo + 1));
    if (!nonzero || v !== 0) return v;
  }
}

/** `3x`, `-x`, `(2/3)x`, `+ 4` style pieces of a human-written sum. */
export function term(coefficient: string | number, variable: string, first: boolean): string {
  const text = String(coefficient);
  const negative = text.startsWith('-');
  const magnitude = negative ? text.slice(1) : text;
  const body = variable ? (magnitude === '1' ? variable : magnitude.includes('/') ? `(${magnitude})${variable}` : `${magnitude}${variable}`) : magnitude;
  if (first) return `${negative ? '-' : ''}${body}`;
  return `${negative ? '-' : '+'} ${body}`;
}

/** A sum of `[coefficient, variable]` pieces, zero coefficients left out. */
export function sum(pieces: readonly (readonly [number | string, string])[]): string {
  const kept = pieces.filter(([c]) => c !== 0 && c !== '0');
  if (kept.length === 0) return '0';
  return kept.map(([c, v], i) => term(c, v, i === 0)).join(' ');
}

function determinant(m: readonly number[][]): number {
  if (m.length === 2) return m[0][0] * m[1][1] - m[0][1] * m[1][0];
  return m[0].reduce((s, c, j) => s + (j % 2 ? -1 : 1) * c * determinant(m.slice(1).map((row) => row.filter((_, k) => k !== j))), 0);
}

/** A generated problem and its kind. */
export interface Generated {
  readonly problem: string;
  readonly kind: 'linear' | 'system2' | 'system3' | 'quadratic-integer' | 'quadratic-irrational';
}

/** `count` problems of each kind, from `seed`. */
export function generateProblems(seed: number, count: number): Generated[] {
  const rand = seeded(seed);
  const out: Generated[] = [];
  const fraction = (): string => {
    const d = int(rand, 2, 5);
    return `${int(rand, -9, 9, true)}/${d}`;
  };
  for (let i = 0; i < count; i++) {
    const a = rand() < 0.3 ? fraction() : int(rand, -9, 9, true);
    const c = int(rand, -5, 5);
    const b = rand() < 0.2 ? int(rand, -20, 20) / 4 : int(rand, -20, 20);
    const d = int(rand, -20, 20);
    if (String(a) === String(c)) continue;
    const left = i % 3 === 0 ? `${int(rand, 2, 4)}(${sum([[a, 'x'], [b, '']])})` : sum([[a, 'x'], [b, '']]);
    out.push({ problem: `solve ${left} = ${sum([[c, 'x'], [d, '']])}`, kind: 'linear' });
  }
  const variables = ['x', 'y', 'z'];
  for (const n of [2, 3]) {
    for (let i = 0; i < count; i++) {
      const solution = variables.slice(0, n).map(() => int(rand, -6, 6));
      const rows = Array.from({ length: n }, () => variables.slice(0, n).map(() => int(rand, -4, 4)));
      const equations = rows.map((row) => `${sum(row.map((c, j) => [c, variables[j]] as const))} = ${row.reduce((s, c, j) => s + c * solution[j], 0)}`);
      if (determinant(rows) === 0) continue;
      out.push({ problem: `solve ${equations.join(n === 2 ? ', ' : '; ')}`, kind: n === 2 ? 'system2' : 'system3' });
    }
  }
  for (let i = 0; i < count; i++) {
    const [r1, r2, a] = [int(rand, -7, 7), int(rand, -7, 7), int(rand, -3, 3, true)];
    out.push({ problem: `solve ${sum([[a, 'x^2'], [-a * (r1 + r2), 'x'], [a * r1 * r2, '']])} = 0`, kind: 'quadratic-integer' });
    const [b, cc] = [int(rand, -8, 8), int(rand, -9, 9)];
    const disc = b * b - 4 * cc;
    if (disc <= 0 || Number.isInteger(Math.sqrt(disc))) continue;
    out.push({ problem: `solve ${sum([[1, 'x^2'], [b, 'x'], [cc, '']])} = 0`, kind: 'quadratic-irrational' });
  }
  return out;
}
