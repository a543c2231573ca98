/**
 * Thrown when training or inference meets a value that is not finite (NaN or +-Infinity) in an input, a target,
 * a loss, a gradient or an output: the model is left as it was before the failing call. The message names where.
 */
export class NonFiniteError extends Error {
  override readonly name = 'NonFiniteError';
}

/** Why a {@link WeightStoreError} was thrown. */
export type WeightStoreErrorReason =
  /** The stored bytes are damaged or not a weight file (bad magic, truncated, checksum mismatch). */
  | 'corrupt'
  /** The stored model's sizes or activations differ from the model given. */
  | 'signature-mismatch'
  /** The file was written by a newer, unknown format version. */
  | 'unsupported-version'
  /** The stored optimiser state does not fit the optimiser given (another kind or parameter count). */
  | 'optimizer-mismatch'
  /** Reading or writing the storage failed (file system or IndexedDB error; see `cause`). */
  | 'io';

/**
 * Thrown (rejected with) by {@link WeightStore}: `reason` says what went wrong. A failed load or save never
 * changes the model given nor the versions already stored.
 */
export class WeightStoreError extends Error {
  override readonly name = 'WeightStoreError';
  /** What went wrong. */
  readonly reason: WeightStoreErrorReason;

  constructor(reason: WeightStoreErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/** Thrown by {@link readMLAgentsDemo} when the bytes are not a readable ML-Agents `.demo` file; the message says where. */
export class DemoFormatError extends Error {
  override readonly name = 'DemoFormatError';
}
