import type { Graph, GraphNode } from '../graph.js';
import { Tensor } from '../tensor.js';
import type { Activation } from './ops/common.js';
import { NO_ACTIVATION } from './ops/common.js';
import { FUSES_ACTIVATION } from './ops/index.js';
import { fuseMlpChains } from './mlp-chain.js';
import type { MlpChain } from './mlp-chain.js';

/** A node of the GPU graph: one or more original nodes run as one (a producer and the activation fused into it). */
export interface FusedNode {
  /** The node the GPU op compiles: the producer, with the last part's outputs. */
  readonly node: GraphNode;
  /** The nodes it stands for, in order: what the CPU runs when the GPU cannot. */
  readonly parts: readonly GraphNode[];
  /** The activation fused into `node`. */
  readonly activation: Activation;
  /** The dense layers `node` runs as one kernel (a 'FusedMlp' node), when it is a fused MLP chain. */
  readonly mlp?: MlpChain;
}

/** The graph the GPU runs: fused nodes, and the constants (folded weights included) they read. */
export interface FusedGraph {
  readonly nodes: readonly FusedNode[];
  readonly constants: ReadonlyMap<string, Tensor>;
}

const FLT_MAX = 3.4028234663852886e38;

/** The activation `node` applies, when it is one a producer can take (Clip only with constant bounds). */
function activationOf(node: GraphNode, graph: Graph, constants: ReadonlyMap<string, Tensor>): Activation | undefined {
  const attribute = (name: string, fallback: number): number => (typeof node.attributes[name] === 'number' ? node.attributes[name] as number : fallback);
  switch (node.opType) {
    case 'Relu': return { kind: 'relu', alpha: 0, beta: 0 };
    case 'Sigmoid': return { kind: 'sigmoid', alpha: 0, beta: 0 };
    case 'Tanh': return { kind: 'tanh', alpha: 0, beta: 0 };
    case 'LeakyRelu': return { kind: 'leakyrelu', alpha: attribute('alpha', 0.01), beta: 0 };
    case 'Clip': {
      if (graph.opset < 11) return { kind: 'clip', alpha: attribute('min', -FLT_MAX), beta: attribute('max', FLT_MAX) };
      const bound = (i: number, fallback: number): number | undefined => {
        const name = node.inputs[i];
        if (!name) return fallback;
        const value = constants.get(name);
        return value && value.size === 1 && value.dtype === 'float32' ? Number(value.data[0]) : undefined;
      };
      const [lo, hi] = [bound(1, -Infinity), bound(2, Infinity)];
      return lo === undefined || hi === undefined ? undefined : { kind: 'clip', alpha: lo, beta: hi };
    }
    default: return undefined;
  }
}

/**
 * Folds an inference BatchNormalization with constant statistics into the Conv before it (constant weights):
 * `W' = W * s`, `B' = (B - mean) * s + beta` with `s = gamma / sqrt(var + eps)` per output channel.
 * @returns the new Conv node (reading the folded constants, writing the BatchNormalization's output), or undefined
 */
function foldBatchNorm(conv: GraphNode, bn: GraphNode, constants: Map<string, Tensor>): GraphNode | undefined {
  const w = constants.get(conv.inputs[1]);
  const b = conv.inputs[2] ? constants.get(conv.inputs[2]) : undefined;
  const [gamma, beta, mean, variance] = bn.inputs.slice(1, 5).map((n) => constants.get(n));
  if (!w || w.dtype !== 'float32' || (conv.inputs[2] && !b) || !gamma || !beta || !mean || !variance || bn.outputs.length !== 1
    || bn.attributes.training_mode || gamma.size !== w.dims[0]) return undefined;
  const epsilon = typeof bn.attributes.epsilon === 'number' ? bn.attributes.epsilon : 1e-5;
  const M = w.dims[0], K = w.size / M;
  const weights = new Float32Array(w.size), bias = new Float32Array(M);
  for (let m = 0; m < M; m++) {
    const s = Number(gamma.data[m]) / Math.sqrt(Number(variance.data[m]) + epsilon);
    for (let k = 0; k < K; k++) weights[m * K + k] = (w.data as Float32Array)[m * K + k] * s;
    bias[m] = ((b ? Number(b.data[m]) : 0) - Number(mean.data[m])) * s + Number(beta.data[m]);
  }
  const [wName, bName] = [`${conv.name}/folded_weights`, `${conv.name}/folded_bias`];
  constants.set(wName, new Tensor('float32', weights, w.dims));
  constants.set(bName, new Tensor('float32', bias, [M]));
  return { ...conv, name: `${conv.name}+${bn.name}`, inputs: [conv.inputs[0], wName, bName], outputs: bn.outputs };
}

/**
 * Fuses at load, for the GPU: a BatchNormalization after a Conv is folded into its weights, and an activation
 * (Relu, LeakyRelu, Sigmoid, Tanh, Clip with constant bounds) that is the only reader of a producer's output
 * (Gemm, MatMul, Conv, Add, Sub, Mul, Div, BatchNormalization) runs inside the producer's kernel. Graph outputs
 * are never fused away. Then chains of dense layers run as one fused MLP node each (see {@link fuseMlpChains}).
 */
export function fuseGraph(graph: Graph): FusedGraph {
  const constants = new Map(graph.constants);
  const readers = new Map<string, GraphNode[]>();
  for (const node of graph.nodes) for (const input of node.inputs) if (input) readers.set(input, [...(readers.get(input) ?? []), node]);
  const outputs = new Set(graph.outputs.map((o) => o.name));
  const soleReader = (node: GraphNode): GraphNode | undefined => {
    const value = node.outputs[0];
    const list = readers.get(value);
    return node.outputs.length === 1 && !outputs.has(value) && list?.length === 1 && list[0].inputs[0] === value ? list[0] : undefined;
  };
  const consumed = new Set<GraphNode>();
  const nodes: FusedNode[] = [];
  for (const original of graph.nodes) {
    if (consumed.has(original)) continue;
    let node = original;
    const parts: GraphNode[] = [original];
    let next = soleReader(node);
    if (node.opType === 'Conv' && next?.opType === 'BatchNormalization') {
      const folded = foldBatchNorm(node, next, constants);
      if (folded) {
        consumed.add(next);
        node = folded;
        parts.splice(0, 1, folded);
        next = soleReader(node);
      }
    }
    let activation = NO_ACTIVATION;
    const fused = next && FUSES_ACTIVATION.has(node.opType) ? activationOf(next, graph, constants) : undefined;
    if (next && fused) {
      consumed.add(next);
      parts.push(next);
      activation = fused;
      node = { ...node, outputs: next.outputs };
    }
    nodes.push({ node, parts, activation });
  }
  return fuseMlpChains({ nodes, constants }, outputs);
}
