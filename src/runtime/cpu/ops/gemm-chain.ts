import type { Graph } from '../../graph.js';
import { CHAIN_LAYERS } from '../../passes/gemm-chain.js';
import { Tensor } from '../../tensor.js';
import type { CompiledKernel, KernelContext, KernelFactory } from '../kernel.js';
import { SimdArena } from '../simd/simd-arena.js';
import { copyRows, panelWidth } from '../simd/simd-gemm.js';
import { copyA, gemmKernel, gemmShape, layOutWeights, readGemm } from './gemm.js';
import type { GemmAttributes, SimdWeights } from './gemm.js';
import { NodeReader } from './node-reader.js';

/** One layer laid out for the SIMD GEMM: its weights, padded width and output bounds. */
interface Layer extends SimdWeights {
  readonly width: number;
  readonly lo: number;
  readonly hi: number;
}

/** Rows per pass through the layers, so that a chunk's activations (about 64 KiB a layer) stay in cache. */
function chunkRows(widest: number): number {
  return Math.max(4, Math.floor(16384 / widest) & ~3);
}

/**
 * The layers on one WebAssembly arena, or null where SIMD is unavailable or a layer does not fit (B not a 2-D
 * float32 constant, C neither absent nor a row vector, A transposed after the first layer, inner dimensions that
 * do not match): the chain then runs layer by layer.
 */
function simdChain(layers: readonly KernelContext[]): CompiledKernel | null {
  const arena = SimdArena.create();
  if (!arena) return null;
  const first = new NodeReader(layers[0]);
  const attributes: GemmAttributes[] = layers.map((l) => readGemm(new NodeReader(l)));
  const laid: Layer[] = [];
  for (const [l, layer] of layers.entries()) {
    const b = layer.constantInput(1), c = layer.constantInput(2), { beta, transA, activation } = attributes[l];
    if (!b || b.dtype !== 'float32' || b.rank !== 2 || (l > 0 && transA)) return null;
    const w = layOutWeights(arena, b as Tensor<'float32'>, attributes[l], c);
    if ((c && beta !== 0 && w.bias === 0) || (l > 0 && w.K !== laid[l - 1].N)) return null;
    laid.push({ ...w, width: panelWidth(w.N), lo: activation.lo, hi: activation.hi });
  }
  const K = laid[0].K, bDims = layers[0].constantInput(1)!.dims;
  const last = laid[laid.length - 1];
  const chunk = chunkRows(Math.max(K, ...laid.map((l) => l.width)));
  const perRow = K + laid.reduce((sum, l) => sum + l.width, 0);
  const { transA } = attributes[0];
  const { gemm } = arena.kernels;
  return {
    ownedOutputs: true,
    run(inputs) {
      const a = first.typed(inputs, 0, ['float32']);
      const M = gemmShape(first, a, bDims, attributes[0])[0];
      const y = new Float32Array(M * last.N);
      const at = arena.reserve(Math.min(M, chunk) * perRow);
      const memory = arena.f32;
      for (let i0 = 0; i0 < M; i0 += chunk) {
        const rows = Math.min(chunk, M - i0);
        copyA(a.data, transA, M, K, i0, rows, memory, at / 4);
        let x = at, ldx = K * 4, out = at + rows * K * 4;
        for (let l = 0; l < laid.length; l++) {
          const { b, width, K: k, bias, lo, hi } = laid[l];
          gemm(x, ldx, b, width * 4, out, width * 4, rows, width, k, bias, bias ? 4 : 0, 0, 0, lo, hi);
          x = out;
          ldx = width * 4;
          out += rows * width * 4;
        }
        copyRows(memory, x / 4, last.width, y, i0 * last.N, last.N, rows, last.N);
      }
      return [new Tensor('float32', y, [M, last.N])];
    },
  };
}

/** The chain layer by layer, each layer a Gemm kernel of its own. */
function layerByLayer(layers: readonly KernelContext[]): CompiledKernel {
  const kernels = layers.map(gemmKernel);
  return {
    run(inputs) {
      let x = inputs[0];
      for (let l = 0; l < kernels.length; l++) x = kernels[l].run([x, inputs[2 * l + 1], inputs[2 * l + 2]])[0];
      return [x!];
    },
  };
}

/**
 * FusedGemmChain (see passes/gemm-chain.ts): Gemm layers with constant weights, each feeding the next. On the
 * WebAssembly SIMD GEMM, every layer's weights and bias live in one arena and a run copies A in once, runs the
 * layers chunk of rows by chunk of rows with the activations kept in the arena (each layer's bias and fused
 * activation in its epilogue), and copies the last layer's rows out into a new tensor. Elsewhere each layer runs
 * as its own Gemm kernel. Errors name the chain's node (its first layer) or the layer.
 */
export const gemmChainKernel: KernelFactory = (context) => {
  const nodes = (context.node.attributes[CHAIN_LAYERS] as Graph).nodes;
  // Layer l reads A (the chain's input for the first layer), then the chain's inputs 2l + 1 and 2l + 2.
  const layers = nodes.map((node, l): KernelContext => ({
    node,
    opset: context.opset,
    constantInput: (i) => (i > 0 ? context.constantInput(2 * l + i) : l === 0 ? context.constantInput(0) : undefined),
  }));
  return simdChain(layers) ?? layerByLayer(layers);
};
