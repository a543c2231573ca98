import type { GpuOpFactory } from '../kernel.js';
import { batchNormOps } from './batch-norm.js';
import { convOps } from './conv.js';
import { elementwiseOps } from './elementwise.js';
import { matrixOps } from './matmul.js';
import { poolOps } from './pool.js';
import { reduceOps } from './reduce.js';
import { shapingOps } from './shaping.js';
import { softmaxOps } from './softmax.js';

/**
 * The WebGPU back end's ops, by ONNX operator. Every other operator of the CPU registry (LSTM, RandomNormalLike,
 * Multinomial, and Shape / ConstantOfShape when not computed on the host) runs on the CPU inside a GPU model.
 */
export const gpuOps: Readonly<Record<string, GpuOpFactory>> = {
  ...elementwiseOps,
  ...matrixOps,
  ...convOps,
  ...poolOps,
  ...reduceOps,
  ...softmaxOps,
  ...shapingOps,
  ...batchNormOps,
};

/** Ops that accept a following activation fused into their output. */
export const FUSES_ACTIVATION: ReadonlySet<string> = new Set(['Gemm', 'MatMul', 'Conv', 'Add', 'Sub', 'Mul', 'Div', 'BatchNormalization']);
