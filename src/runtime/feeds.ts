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
  // Per input: the rank, or -1 when it is unknown (then nothing else is checked).
  const ranks = Int32Array.from(inputs, (i) => (i.dims.length === 0 ? -1 : i.dims.length));
  // Triples (input, axis, size) of the fixed dimensions, and quadruples (input, axis, input, axis) of a symbolic
  // dimension and the first one of the same symbol.
  const fixed: number[] = [];
  const same: number[] = [];
  const first = new Map<string, [number, number]>();
  inputs.forEach((input, i) => input.dims.forEach((d, axis) => {
    if (typeof d === 'number') fixed.push(i, axis, d);
    if (typeof d !== 'string') return;
    const seen = first.get(d);
    if (seen) same.push(i, axis, ...seen);
    else first.set(d, [i, axis]);
  }));
  const dim = (feeds: Readonly<Record<string, unknown>>, input: number, axis: number): number => (feeds[names[input]] as Tensor).dims[axis];
  const fast = (feeds: Readonly<Record<string, unknown>>): boolean => {
    if (typeof feeds !== 'object' || feeds === null || Object.keys(feeds).length !== names.length) return false;
    for (let i = 0; i < names.length; i++) {
      const feed = feeds[names[i]];
      if (!(feed instanceof Tensor) || feed.dtype !== dtypes[i] || !Object.hasOwn(feeds, names[i])) return false;
      if (ranks[i] >= 0 && feed.dims.length !== ranks[i]) return false;
    }
    for (let f = 0; f < fixed.length; f += 3) if (dim(feeds, fixed[f], fixed[f + 1]) !== fixed[f + 2]) return false;
    for (let s = 0; s < same.length; s += 4) if (dim(feeds, same[s], same[s + 1]) !== dim(feeds, same[s + 2], same[s + 3])) return false;
    return true;
  };
  return (feeds) => {
    if (!fast(feeds)) checkFeeds(inputs, feeds);
  };
}
