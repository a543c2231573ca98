import type { Tensor } from './tensor.js';
import type { ValueInfo } from './model.js';

/** A decoded ONNX attribute value. */
export type AttributeValue =
  | number
  | bigint
  | string
  | Tensor
  | Graph
  | readonly number[]
  | readonly bigint[]
  | readonly string[]
  | readonly Tensor[]
  | readonly Graph[];

/** One operator application in a {@link Graph}. Names of absent optional inputs are ''. */
export interface GraphNode {
  /** The node's name (generated as `<opType>_<index>` when the file has none); used in every error about it. */
  readonly name: string;
  /** The ONNX operator, e.g. 'Gemm'. */
  readonly opType: string;
  /** The operator set domain ('' for the default ONNX domain). */
  readonly domain: string;
  /** Input value names, in operator order; '' for an absent optional input. */
  readonly inputs: readonly string[];
  /** Output value names, in operator order. */
  readonly outputs: readonly string[];
  /** Attributes by name. */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

/**
 * A model's computation: nodes in topological order, constant values (initialisers and folded constants),
 * and the graph's inputs and outputs.
 */
export interface Graph {
  readonly nodes: readonly GraphNode[];
  /** Constant values by name: initialisers and everything constant folding produced. */
  readonly constants: ReadonlyMap<string, Tensor>;
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  /** The default-domain opset version the model was exported with. */
  readonly opset: number;
  /**
   * Known dtypes and shapes of intermediate values by name (the model's value_info hints), when the file has them.
   * Optional: passes use it to fold `Shape` of values whose dims are all known.
   */
  readonly valueInfo?: ReadonlyMap<string, ValueInfo>;
}
