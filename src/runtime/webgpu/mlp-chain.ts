import type { GraphNode } from '../graph.js';
import type { Tensor } from '../tensor.js';
import type { FusedGraph, FusedNode } from './fusion.js';
import type { Activation } from './ops/common.js';
import { NO_ACTIVATION } from './ops/common.js';

/** A layer's activation: one a producer kernel fuses, or swish (`x * sigmoid(x)`, ML-Agents' hidden activation). */
export type MlpActivation = Activation | { readonly kind: 'swish'; readonly alpha: 0; readonly beta: 0 };

/** One dense layer of a fused MLP: `y = activation(x W + b)`. */
export interface MlpLayer {
  /** Input features (K). */
  readonly inputs: number;
  /** Output features (N). */
  readonly outputs: number;
  /** W as [inputs, outputs], row-major, alpha already applied. */
  readonly weights: Float32Array;
  /** b as [outputs], beta already applied (zeros without a bias). */
  readonly bias: Float32Array;
  readonly activation: MlpActivation;
}

/** A chain of dense layers that runs as one kernel: the input's last dim is the first layer's `inputs`. */
export interface MlpChain {
  readonly layers: readonly MlpLayer[];
}

/** The widest layer (inputs or outputs) the fused kernel takes: its inner loops are unrolled over the outputs. */
export const MLP_MAX_WIDTH = 256;
/** The most layers one fused kernel takes. */
export const MLP_MAX_LAYERS = 8;

interface Parsed {
  readonly layer: MlpLayer;
  /** The fused nodes the layer stands for, in order. */
  readonly nodes: readonly FusedNode[];
  /** The value the layer writes. */
  readonly output: string;
}

/** What the chain finder knows of the graph. */
interface Context {
  readonly constants: ReadonlyMap<string, Tensor>;
  readonly readers: ReadonlyMap<string, readonly FusedNode[]>;
  readonly graphOutputs: ReadonlySet<string>;
}

function numberAttribute(node: GraphNode, name: string, fallback: number): number {
  const value = node.attributes[name];
  return typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : fallback;
}

function floatConstant(context: Context, name: string | undefined): Tensor<'float32'> | undefined {
  const value = name ? context.constants.get(name) : undefined;
  return value?.dtype === 'float32' ? value as Tensor<'float32'> : undefined;
}

/** A bias broadcast over rows: N values ([N] or [1, N]) or one; undefined when it is not one of those. */
function rowBias(tensor: Tensor<'float32'>, n: number, scale: number): Float32Array | undefined {
  const perColumn = tensor.size === n && tensor.dims[tensor.rank - 1] === n && tensor.rank <= 2;
  if (!perColumn && tensor.size !== 1) return undefined;
  return Float32Array.from({ length: n }, (_, j) => scale * tensor.data[perColumn ? j : 0]);
}

/** W [K, N] from a constant B (transposed when `transB`), times alpha. */
function denseWeights(b: Tensor<'float32'>, transB: boolean, alpha: number): { weights: Float32Array; k: number; n: number } {
  const [k, n] = transB ? [b.dims[1], b.dims[0]] : [b.dims[0], b.dims[1]];
  const weights = new Float32Array(k * n);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < n; j++) weights[i * n + j] = alpha * b.data[transB ? j * k + i : i * n + j];
  }
  return { weights, k, n };
}

/** The only fused node reading `value` (not a graph output), as its input 0. */
function soleReader(context: Context, value: string): FusedNode | undefined {
  const list = context.readers.get(value);
  return !context.graphOutputs.has(value) && list?.length === 1 && list[0].node.inputs[0] === value ? list[0] : undefined;
}

/** Gemm (transA 0, constant B and C) or MatMul (constant 2-D B) with its fused activation. */
function parseDense(context: Context, fused: FusedNode): Parsed | undefined {
  const { node } = fused;
  if (node.domain !== '' || fused.mlp || (node.opType !== 'Gemm' && node.opType !== 'MatMul')) return undefined;
  const b = floatConstant(context, node.inputs[1]);
  if (!b || b.rank !== 2) return undefined;
  const gemm = node.opType === 'Gemm';
  if (gemm && numberAttribute(node, 'transA', 0) !== 0) return undefined;
  const { weights, k, n } = denseWeights(b, gemm && numberAttribute(node, 'transB', 0) !== 0, gemm ? numberAttribute(node, 'alpha', 1) : 1);
  let bias: Float32Array | undefined = new Float32Array(n);
  if (gemm && node.inputs[2]) {
    const c = floatConstant(context, node.inputs[2]);
    bias = c && rowBias(c, n, numberAttribute(node, 'beta', 1));
  }
  if (!bias) return undefined;
  return { layer: { inputs: k, outputs: n, weights, bias, activation: fused.activation }, nodes: [fused], output: node.outputs[0] };
}

/** A MatMul's layer extended by the Add of a constant row bias that alone reads its output. */
function withBiasAdd(context: Context, parsed: Parsed): Parsed {
  if (parsed.nodes[0].node.opType !== 'MatMul' || parsed.layer.activation.kind !== 'none') return parsed;
  const list = context.readers.get(parsed.output);
  const add = list?.length === 1 && !context.graphOutputs.has(parsed.output) ? list[0] : undefined;
  if (!add || add.node.opType !== 'Add' || add.node.domain !== '') return parsed;
  const other = add.node.inputs[0] === parsed.output ? add.node.inputs[1] : add.node.inputs[0];
  const c = floatConstant(context, other);
  const bias = c && rowBias(c, parsed.layer.outputs, 1);
  if (!bias) return parsed;
  return { layer: { ...parsed.layer, bias, activation: add.activation }, nodes: [...parsed.nodes, add], output: add.node.outputs[0] };
}

/** A layer extended by `Mul(h, Sigmoid(h))` (swish) when those two nodes alone read its output. */
function withSwish(context: Context, parsed: Parsed): Parsed {
  const h = parsed.output;
  const list = context.readers.get(h);
  if (parsed.layer.activation.kind !== 'none' || context.graphOutputs.has(h) || list?.length !== 2) return parsed;
  const sigmoid = list.find((r) => r.node.opType === 'Sigmoid' && r.node.domain === '' && r.activation.kind === 'none');
  const mul = list.find((r) => r !== sigmoid && r.node.opType === 'Mul' && r.node.domain === '' && r.activation.kind === 'none');
  if (!sigmoid || !mul) return parsed;
  const s = sigmoid.node.outputs[0];
  const sReaders = context.readers.get(s);
  const inputs = [...mul.node.inputs].sort();
  if (context.graphOutputs.has(s) || sReaders?.length !== 1 || sReaders[0] !== mul || inputs.join('\n') !== [h, s].sort().join('\n')) return parsed;
  return { layer: { ...parsed.layer, activation: { kind: 'swish', alpha: 0, beta: 0 } }, nodes: [...parsed.nodes, sigmoid, mul], output: mul.node.outputs[0] };
}

function parseLayer(context: Context, fused: FusedNode): Parsed | undefined {
  const dense = parseDense(context, fused);
  return dense && withSwish(context, withBiasAdd(context, dense));
}

const fits = (layer: MlpLayer): boolean => layer.inputs <= MLP_MAX_WIDTH && layer.outputs <= MLP_MAX_WIDTH;

/** The longest chain of layers from `start`: each layer alone reads the one before it. */
function chainFrom(context: Context, start: FusedNode): Parsed[] {
  const first = parseLayer(context, start);
  if (!first || !fits(first.layer)) return [];
  const chain = [first];
  while (chain.length < MLP_MAX_LAYERS) {
    const last = chain[chain.length - 1];
    const reader = soleReader(context, last.output);
    const next = reader && parseLayer(context, reader);
    if (!next || !fits(next.layer) || next.layer.inputs !== last.layer.outputs) break;
    chain.push(next);
  }
  return chain;
}

/**
 * Runs chains of two or more dense layers as one fused node each: Gemm (constant B and C, transA 0) or MatMul
 * (constant 2-D B, optionally followed by an Add of a constant row bias), with the activation fused into them or
 * swish (`Mul(h, Sigmoid(h))`), where each layer alone reads the one before and no intermediate value is a graph
 * output. The fused node reads the chain's input, writes its last output, and keeps every original node in
 * `parts` for the CPU. Widths up to {@link MLP_MAX_WIDTH}, up to {@link MLP_MAX_LAYERS} layers.
 */
export function fuseMlpChains(graph: FusedGraph, graphOutputs: ReadonlySet<string>): FusedGraph {
  const readers = new Map<string, FusedNode[]>();
  for (const fused of graph.nodes) {
    for (const input of new Set(fused.node.inputs)) if (input) readers.set(input, [...(readers.get(input) ?? []), fused]);
  }
  const context: Context = { constants: graph.constants, readers, graphOutputs };
  const consumed = new Set<FusedNode>();
  const nodes: FusedNode[] = [];
  for (const fused of graph.nodes) {
    if (consumed.has(fused)) continue;
    const chain = chainFrom(context, fused);
    if (chain.length < 2) {
      nodes.push(fused);
      continue;
    }
    const members = chain.flatMap((layer) => layer.nodes);
    members.forEach((member) => consumed.add(member));
    const last = chain[chain.length - 1];
    nodes.push({
      node: {
        name: `mlp(${members[0].node.name} .. ${members[members.length - 1].node.name})`, opType: 'FusedMlp', domain: 'babylon-collaborator',
        inputs: [fused.node.inputs[0]], outputs: [last.output], attributes: {},
      },
      parts: members.flatMap((member) => member.parts),
      activation: NO_ACTIVATION,
      mlp: { layers: chain.map((layer) => layer.layer) },
    });
  }
  return { nodes, constants: graph.constants };
}
