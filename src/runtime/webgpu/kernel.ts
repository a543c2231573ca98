import type { GraphNode } from '../graph.js';
import type { DataType, Tensor } from '../tensor.js';
import type { Activation } from './ops/common.js';

/** The dtype and shape a value has in one run signature. */
export interface ValueMeta {
  readonly dtype: DataType;
  readonly dims: readonly number[];
}

/** How one dispatch of a kernel runs for one run signature: its workgroup counts and its uniform words. */
export interface RunData {
  /** Workgroups along x, y, z. */
  readonly workgroups: readonly [number, number, number];
  /** The uniform block as 32-bit words (floats through {@link f32Bits}); at most {@link UNIFORM_WORDS}. */
  readonly uniforms: readonly number[];
}

/** Words in every kernel's uniform block: 256 bytes, one uniform-offset alignment. */
export const UNIFORM_WORDS = 64;

/**
 * A WGSL kernel (the onnxruntime-web convention): `cacheKey` identifies its pipeline, so two kernels with equal
 * keys must have equal `shaderSource`; shapes never enter the key, they go in the uniforms `getRunData` returns.
 * Bindings: the read-only storage buffers first, then the written ones, then the uniform block, in group 0.
 */
export interface GpuKernel {
  /** A readable name for labels, e.g. 'Gemm tiled'. */
  readonly name: string;
  /** The pipeline cache key. */
  readonly cacheKey: string;
  /** The uniform words and workgroup counts of this dispatch. */
  getRunData(): RunData;
  /** The WGSL source, built from the snippets in wgsl.ts. */
  shaderSource(): string;
}

/** A buffer a dispatch binds: a value of the graph (by name) or a tensor packed at load (weights, folded constants). */
export type Binding = { readonly value: string } | { readonly packed: Tensor };

/** One dispatch of a node for one run signature. */
export interface Dispatch {
  readonly kernel: GpuKernel;
  /** What the kernel reads, in binding order. */
  readonly reads: readonly Binding[];
  /** What it writes, in binding order (after the reads). */
  readonly writes: readonly Binding[];
}

/** What a node does on the GPU for one run signature. */
export type NodePlan =
  /** Its output 0 is its input `alias` under another shape (Reshape, Flatten, Squeeze, Unsqueeze, Identity). */
  | { readonly alias: number }
  /** Its dispatches, in order. */
  | { readonly dispatches: readonly Dispatch[] };

/** What a GPU op knows when it plans a run signature. */
export interface PlanContext {
  /** Meta of input `i`, undefined when absent. */
  input(i: number): ValueMeta | undefined;
  /** Meta of output `i`. */
  output(i: number): ValueMeta;
  /** The value of input `i` when it is known on the host for this signature (a constant or a shape computation). */
  hostValue(i: number): Tensor | undefined;
}

/**
 * A node compiled for the GPU at load: `plan` returns its dispatches for a run signature, or undefined when this
 * signature must run on the CPU (for instance an unsupported dtype).
 */
export interface GpuOp {
  plan(context: PlanContext): NodePlan | undefined;
}

/** The IEEE-754 bits of a float, as a uniform word. */
export function f32Bits(value: number): number {
  scratch[0] = value;
  return scratchBits[0];
}
const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/** Workgroups of 64 invocations covering `count`, split over x and y so that neither exceeds 65535. */
export function groups1d(count: number): [number, number, number] {
  const total = Math.max(1, Math.ceil(count / 64));
  if (total <= 65535) return [total, 1, 1];
  const x = 65535;
  return [x, Math.ceil(total / x), 1];
}

/** What a GPU op factory knows at load: its node, its constant inputs and the activation fused into it. */
export interface GpuOpContext {
  readonly node: GraphNode;
  /** The default-domain opset of the model. */
  readonly opset: number;
  /** The constant value of input `i`, or undefined when it is computed at run time (or absent). */
  constantInput(i: number): Tensor | undefined;
  /** The activation of a following node fused into this one ('none' unless the op accepts fusion). */
  readonly activation: Activation;
}

/**
 * Compiles a node for the GPU at load (validating attributes, packing constant weights). Returns undefined
 * when the node must run on the CPU whatever the shapes; throws a KernelError for an invalid node.
 */
export type GpuOpFactory = (context: GpuOpContext) => GpuOp | undefined;
