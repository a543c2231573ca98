import type { DataType, Tensor } from './tensor.js';

/** The back ends a {@link Model} can run on. */
export type BackendName = 'cpu' | 'webgpu' | 'onnxruntime';

/** One input or output of a model: its name, element type and shape (`null` or a name for a symbolic dimension). */
export interface ValueInfo {
  readonly name: string;
  readonly dtype: DataType;
  readonly dims: readonly (number | string | null)[];
}

/**
 * A loaded model, ready to run on one back end.
 * `run()` may resolve a frame or more later on asynchronous back ends; feeds are never modified.
 */
export interface Model {
  /** The graph inputs (initialisers excluded), in graph order. */
  readonly inputs: readonly ValueInfo[];
  /** The graph outputs, in graph order. */
  readonly outputs: readonly ValueInfo[];
  /** The back end running the model. */
  readonly backend: BackendName;
  /**
   * Runs the model on `feeds` (one tensor per required input, by name) and returns every output by name.
   * Throws a typed error naming the input, the expected and the actual dtype or shape when a feed is wrong.
   */
  run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>>;
  /** Releases the model's memory. Calling it twice is harmless; `run()` afterwards rejects. */
  dispose(): void;
}
