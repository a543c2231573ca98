/**
 * The weight file format of {@link WeightStore}, the same bytes in files and in IndexedDB:
 * `'BCWT'` magic, u32 format version, u32 header length, the header as UTF-8 JSON, zero padding to 4 bytes,
 * little-endian float32 payload (parameters, then each optimiser slot), u32 CRC-32 of everything before it.
 */
import { crc32 } from './crc32.js';
import { WeightStoreError } from './errors.js';
import type { OptimizerState } from './optimizer.js';

/** The format version this code writes and reads. */
export const WEIGHT_FORMAT_VERSION = 1;
const MAGIC = [0x42, 0x43, 0x57, 0x54]; // 'BCWT'

/** What a weight file says about itself. */
export interface WeightFileHeader {
  /** The format version. */
  readonly formatVersion: number;
  /** The model's signature (sizes and activations), e.g. `mlp:10-20-10:relu,relu`. */
  readonly signature: string;
  /** Number of parameters. */
  readonly parameterCount: number;
  /** When it was saved (ISO 8601). */
  readonly savedAt: string;
  /** The optimiser state saved with it, if any: kind, steps and its slot count. */
  readonly optimizer?: { readonly kind: string; readonly steps: number; readonly slotCount: number };
  /** The caller's metadata (JSON). */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** A decoded weight file. */
export interface WeightFile {
  readonly header: WeightFileHeader;
  readonly params: Float32Array;
  readonly optimizerState?: OptimizerState;
}

const pad4 = (n: number): number => (n + 3) & ~3;

/** Encodes parameters, optional optimiser state and header fields into the bytes of a weight file. */
export function encodeWeightFile(header: Omit<WeightFileHeader, 'formatVersion'>, params: Float32Array, optimizerState?: OptimizerState): Uint8Array {
  const full: WeightFileHeader = { formatVersion: WEIGHT_FORMAT_VERSION, ...header };
  const json = new TextEncoder().encode(JSON.stringify(full));
  const arrays = [params, ...(optimizerState?.slots ?? [])];
  const floats = arrays.reduce((n, a) => n + a.length, 0);
  const payloadAt = pad4(12 + json.length);
  const bytes = new Uint8Array(payloadAt + floats * 4 + 4);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint32(4, WEIGHT_FORMAT_VERSION, true);
  view.setUint32(8, json.length, true);
  bytes.set(json, 12);
  let at = payloadAt;
  for (const array of arrays) for (let i = 0; i < array.length; i++, at += 4) view.setFloat32(at, array[i], true);
  view.setUint32(at, crc32(bytes.subarray(0, at)), true);
  return bytes;
}

function corrupt(why: string): WeightStoreError {
  return new WeightStoreError('corrupt', `WeightStore: the stored weights are corrupt (${why})`);
}

/**
 * Decodes and checks the bytes of a weight file.
 * @throws WeightStoreError 'corrupt' (bad magic, truncated, checksum or header mismatch) or 'unsupported-version'
 */
export function decodeWeightFile(bytes: Uint8Array): WeightFile {
  if (bytes.length < 16 || MAGIC.some((b, i) => bytes[i] !== b)) throw corrupt('not a weight file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== WEIGHT_FORMAT_VERSION) {
    throw new WeightStoreError('unsupported-version', `WeightStore: format version ${version} is not supported (this version reads ${WEIGHT_FORMAT_VERSION})`);
  }
  if (view.getUint32(bytes.length - 4, true) !== crc32(bytes.subarray(0, bytes.length - 4))) throw corrupt('checksum mismatch');
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.length - 4) throw corrupt('header past the end');
  let header: WeightFileHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as WeightFileHeader;
  } catch {
    throw corrupt('unreadable header');
  }
  const count = header?.parameterCount;
  const slots = header?.optimizer?.slotCount ?? 0;
  const payloadAt = pad4(12 + headerLength);
  if (!Number.isInteger(count) || !Number.isInteger(slots) || payloadAt + (1 + slots) * count * 4 + 4 !== bytes.length) {
    throw corrupt('payload size does not match the header');
  }
  const read = (index: number): Float32Array => {
    const out = new Float32Array(count);
    for (let i = 0, at = payloadAt + index * count * 4; i < count; i++, at += 4) out[i] = view.getFloat32(at, true);
    return out;
  };
  const params = read(0);
  const optimizerState = header.optimizer
    ? { kind: header.optimizer.kind, steps: header.optimizer.steps, slots: Array.from({ length: slots }, (_, s) => read(1 + s)) }
    : undefined;
  return { header, params, ...(optimizerState && { optimizerState }) };
}
