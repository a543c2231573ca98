import { describeValue } from '../collaborator/options.js';
import { InputMismatchError } from './errors.js';
import type { ValueInfo } from './model.js';
import { Tensor } from './tensor.js';

/** Dims for messages: `[batch, 8]`, `?` for an unknown dimension. */
export function formatDims(dims: readonly (number | string | null)[]): string {
  return `[${dims.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

function isTensor(value: unknown): value is Tensor {
  return typeof value === 'object' && value !== null && typeof (value as Tensor).dtype === 'string'
    && Array.isArray((value as Tensor).dims) && ArrayBuffer.isView((value as Tensor).data);
}

/** Checks one feed against its input; `symbols` records the size each symbolic dimension took, and from which input. */
function checkFeed(info: ValueInfo, feed: unknown, symbols: Map<string, [size: number, input: string]>): void {
  const name = info.name;
  if (!isTensor(feed)) throw new InputMismatchError(`input '${name}': expected a Tensor, got ${describeValue(feed)}`);
  if (feed.dtype !== info.dtype) throw new InputMismatchError(`input '${name}': expected dtype ${info.dtype}, got ${feed.dtype}`);
  // onnxruntime-web reports an unknown shape as [], like a scalar's: only a known rank is checked.
  if (info.dims.length === 0) return;
  if (feed.dims.length !== info.dims.length) {
    throw new InputMismatchError(`input '${name}': expected rank ${info.dims.length} ${formatDims(info.dims)}, got rank ${feed.dims.length} ${formatDims(feed.dims)}`);
  }
  info.dims.forEach((want, axis) => {
    const got = feed.dims[axis];
    if (typeof want === 'number' && want !== got) {
      throw new InputMismatchError(`input '${name}': expected dims ${formatDims(info.dims)}, got ${formatDims(feed.dims)} (dimension ${axis} must be ${want})`);
    }
    if (typeof want !== 'string') return;
    const seen = symbols.get(want);
    if (!seen) symbols.set(want, [got, name]);
    else if (seen[0] !== got) {
      throw new InputMismatchError(`input '${name}': dimension ${axis} ('${want}') is ${got}, but input '${seen[1]}' gave '${want}' = ${seen[0]} (dims ${formatDims(feed.dims)})`);
    }
  });
}

/**
 * Checks `feeds` against a model's inputs before anything runs: every input present, no unknown name,
 * dtypes equal, ranks and fixed dimensions equal, and each symbolic dimension (such as `batch`) the same
 * size across inputs, as ONNX requires.
 * @throws TypeError when `feeds` is not an object
 * @throws InputMismatchError naming the input, the expected and the actual value
 */
export function checkFeeds(inputs: readonly ValueInfo[], feeds: Readonly<Record<string, unknown>>): void {
  if (typeof feeds !== 'object' || feeds === null) throw new TypeError(`Model.run: feeds must be an object of tensors by input name, got ${describeValue(feeds)}`);
  const expected = inputs.map((i) => `'${i.name}'`).join(', ');
  for (const name of Object.keys(feeds)) {
    if (!inputs.some((i) => i.name === name)) throw new InputMismatchError(`unknown input '${name}': the model's inputs are ${expected}`);
  }
  const symbols = new Map<string, [number, string]>();
  for (const info of inputs) {
    if (!Object.hasOwn(feeds, info.name)) throw new InputMismatchError(`missing input '${info.name}' (${info.dtype} ${formatDims(info.dims)}): the model's inputs are ${expected}`);
    checkFeed(info, feeds[info.name], symbols);
  }
}

/**
 * {@link checkFeeds} compiled for one model's inputs: the common case (every feed right) is checked against
 * expectations laid out once, without allocating; anything wrong is re-checked by `checkFeeds` for its message.
 * @throws TypeError and InputMismatchError as `checkFeeds` does
 */
export function compileFeedCheck(inputs: readonly ValueInfo[]): (feeds: Readonly<Record<string, unknown>>) => void {
  const names = inputs.map((i) => i.name);
  const dtypes = inputs.map((i) => i.dtype);
  // Per input: -1 when the rank is unknown (not checked), else the rank; fixed sizes, or -1 for a symbolic dimension.
  const ranks = inputs.map((i) => (i.dims.length === 0 ? -1 : i.dims.length));
  const fixed = inputs.map((i) => i.dims.map((d) => (typeof d === 'number' ? d : -1)));
  const symbolic = inputs.flatMap((input, i) => input.dims.flatMap((d, axis) => (typeof d === 'string' ? [{ input: i, axis, symbol: d }] : [])));
  const symbols = [...new Set(symbolic.map((s) => s.symbol))];
  const sizes = new Float64Array(symbols.length);
  const symbolIndex = symbolic.map((s) => symbols.indexOf(s.symbol));
  const fast = (feeds: Readonly<Record<string, unknown>>): boolean => {
    if (typeof feeds !== 'object' || feeds === null) return false;
    let count = 0;
    for (const key in feeds) {
      if (!Object.hasOwn(feeds, key)) continue;
      count++;
    }
    if (count !== names.length) return false;
    for (let i = 0; i < names.length; i++) {
      const feed = feeds[names[i]] as Tensor | undefined;
      if (!(feed instanceof Tensor) || feed.dtype !== dtypes[i] || !Object.hasOwn(feeds, names[i])) return false;
      if (ranks[i] < 0) continue;
      const dims = feed.dims, want = fixed[i];
      if (dims.length !== ranks[i]) return false;
      for (let axis = 0; axis < want.length; axis++) if (want[axis] >= 0 && want[axis] !== dims[axis]) return false;
    }
    sizes.fill(-1);
    for (let s = 0; s < symbolic.length; s++) {
      const { input, axis } = symbolic[s];
      const got = (feeds[names[input]] as Tensor).dims[axis];
      const at = symbolIndex[s];
      if (sizes[at] < 0) sizes[at] = got;
      else if (sizes[at] !== got) return false;
    }
    return true;
  };
  return (feeds) => {
    if (!fast(feeds)) checkFeeds(inputs, feeds);
  };
}
