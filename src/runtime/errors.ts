/**
 * Thrown (or rejected with) when a model cannot be loaded: the bytes are truncated, corrupt or not ONNX,
 * the source cannot be fetched, or the back end refuses the model. The message names what is wrong;
 * `cause` holds the underlying error when there is one.
 */
export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';
}

/**
 * Thrown (or rejected with) when the feeds given to `Model.run()` do not match the model's inputs:
 * an unknown or missing input, a wrong dtype, rank or dimension. The message names the input,
 * the expected and the actual value.
 */
export class InputMismatchError extends Error {
  override readonly name = 'InputMismatchError';
}

/** Rejected with when `Model.run()` is called after `Model.dispose()`. */
export class ModelDisposedError extends Error {
  override readonly name = 'ModelDisposedError';
}
