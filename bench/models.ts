/** Models shared by the benchmark workloads, so every back end is measured on the same bytes. */
import { buildModel } from '../src/runtime/onnx/build.js';
import { Tensor } from '../src/runtime/tensor.js';

/** Uniform floats in [-scale, scale) from a fixed seed (a linear congruential generator). */
export function randomTensor(dims: number[], seed: number, scale = 1): Tensor<'float32'> {
  let state = seed >>> 0;
  const t = Tensor.zeros('float32', dims);
  for (let i = 0; i < t.size; i++) t.data[i] = ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32 * 2 - 1) * scale;
  return t;
}

/** The `policy-mlp` model: MLP 64-128-16 with ReLU after the hidden layer, as ONNX (Gemm with transposed weights, like PyTorch exports). */
export function mlpModel(): Uint8Array {
  return buildModel({
    nodes: [
      { opType: 'Gemm', inputs: ['x', 'w1', 'b1'], outputs: ['h'], attributes: { transB: 1 } },
      { opType: 'Relu', inputs: ['h'], outputs: ['a'] },
      { opType: 'Gemm', inputs: ['a', 'w2', 'b2'], outputs: ['y'], attributes: { transB: 1 } },
    ],
    inputs: [{ name: 'x', dtype: 'float32', dims: ['batch', 64] }],
    outputs: [{ name: 'y', dtype: 'float32', dims: ['batch', 16] }],
    initializers: { w1: randomTensor([128, 64], 1, 0.125), b1: randomTensor([128], 2, 0.1), w2: randomTensor([16, 128], 3, 0.09), b2: randomTensor([16], 4, 0.1) },
  });
}
