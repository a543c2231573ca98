import type { GraphNode } from '../graph.js';
import type { Tensor } from '../tensor.js';

/**
 * What a kernel knows when it is compiled at load time: its node, and the constant values among its inputs
 * (weights, shapes) so it can validate attributes and pre-pack weights once.
 */
export interface KernelContext {
  readonly node: GraphNode;
  /** The constant value of input `i`, or undefined when it is computed at run time (or absent). */
  constantInput(i: number): Tensor | undefined;
  /** The default-domain opset version of the model. */
  readonly opset: number;
}

/**
 * A kernel compiled for one node. `run` receives the node's inputs in operator order (undefined for an absent
 * optional input; constants included) and returns its outputs in operator order. It may reuse output buffers
 * between runs when the shapes are unchanged: the executor copies what it hands to the user.
 */
export interface CompiledKernel {
  run(inputs: readonly (Tensor | undefined)[]): Tensor[];
  /**
   * True when every run returns new tensors over new buffers that the kernel keeps no reference to: the executor
   * then hands a graph output the kernel produced to the user without copying it.
   */
  readonly ownedOutputs?: boolean;
}

/**
 * Compiles a kernel for a node. Throws a typed error (naming the node and the op) when an attribute or a
 * constant input is unsupported or invalid.
 */
export type KernelFactory = (context: KernelContext) => CompiledKernel;
