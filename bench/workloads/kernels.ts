/**
 * Single kernels on the CPU back end against the same op as a one-node model on onnxruntime-web (wasm, 1 thread),
 * in the same process run: `kernel/gemm-MxKxN` (Gemm with a constant, transposed B and a bias) and
 * `kernel/conv-...` (Conv NCHW with constant weights and bias). Ours runs the compiled kernel directly (no
 * executor), so later back ends can be compared kernel for kernel.
 */
import { createOnnxRuntimeModel } from '../../src/onnxruntime/index.js';
import { cpuKernels } from '../../src/runtime/cpu/ops/index.js';
import type { AttributeValue } from '../../src/runtime/graph.js';
import { buildModel } from '../../src/runtime/onnx/build.js';
import { Tensor } from '../../src/runtime/tensor.js';
import { measureAlternating } from '../harness.js';
import type { BenchResult, BenchWorkload } from '../harness.js';

const PEER = 'onnxruntime-web-wasm';

/** Uniform floats in [-1, 1) from a fixed seed. */
function randomTensor(dims: readonly number[], seed: number): Tensor<'float32'> {
  let state = seed >>> 0;
  const t = Tensor.zeros('float32', dims);
  for (let i = 0; i < t.size; i++) t.data[i] = (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 31 - 1;
  return t;
}

interface KernelWorkload {
  readonly id: string;
  readonly op: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** Input 0 is fed at run time; the others are constants (weights, bias). */
  readonly inputs: readonly (readonly number[])[];
  readonly output: readonly number[];
  readonly runs: number;
}

async function measure(w: KernelWorkload): Promise<BenchResult> {
  const tensors = w.inputs.map((dims, i) => randomTensor(dims, i + 1));
  const names = tensors.map((_, i) => `input${i}`);
  const node = { name: w.id, opType: w.op, domain: '', inputs: names, outputs: ['y'], attributes: w.attributes };
  const ours = cpuKernels[w.op]({ node, opset: 17, constantInput: (i) => (i > 0 ? tensors[i] : undefined) });
  const bytes = buildModel({
    nodes: [{ opType: w.op, inputs: names, outputs: ['y'], attributes: w.attributes as never }],
    inputs: [{ name: 'input0', dtype: 'float32', dims: w.inputs[0] }],
    outputs: [{ name: 'y', dtype: 'float32', dims: w.output }],
    initializers: Object.fromEntries(tensors.slice(1).map((t, i) => [names[i + 1], t])),
  });
  const peer = await createOnnxRuntimeModel(bytes, { numThreads: 1 });
  try {
    const feeds = { input0: tensors[0] };
    const medians = await measureAlternating({ ours: () => ours.run(tensors), [PEER]: () => peer.run(feeds) }, { runs: w.runs, warmup: 5 });
    return { id: w.id, unit: 'ms', ours: medians['ours'], peers: { [PEER]: medians[PEER] }, runs: w.runs, notes: `median of ${w.runs} after 5 warm-ups; our kernel alone vs a one-node ${w.op} session` };
  } finally {
    peer.dispose();
  }
}

const gemm = (m: number, k: number, n: number, runs: number): KernelWorkload => ({
  id: `kernel/gemm-${m}x${k}x${n}`, op: 'Gemm', attributes: { transB: 1 }, inputs: [[m, k], [n, k], [n]], output: [m, n], runs,
});

const conv = (id: string, c: number, m: number, size: number, k: number, group: number, stride: number, runs: number): KernelWorkload => {
  const pad = (k - 1) >> 1;
  const out = Math.floor((size + 2 * pad - k) / stride) + 1;
  return {
    id: `kernel/conv-${id}`, op: 'Conv', attributes: { group, strides: [stride, stride], pads: [pad, pad, pad, pad] },
    inputs: [[1, c, size, size], [m, c / group, k, k], [m]], output: [1, m, out, out], runs,
  };
};

const KERNELS: readonly KernelWorkload[] = [
  gemm(1, 64, 128, 200),
  gemm(1000, 64, 128, 30),
  gemm(256, 256, 256, 20),
  conv('3x3-c32-m32-56', 32, 32, 56, 3, 1, 1, 10),
  conv('1x1-c48-m48-32', 48, 48, 32, 1, 1, 1, 20),
  conv('dw3x3-c96-32', 96, 96, 32, 3, 96, 1, 20),
  conv('5x5s2-c3-m24-128', 3, 24, 128, 5, 1, 2, 20),
];

export const workloads: BenchWorkload[] = [{
  id: 'kernel',
  async run() {
    const results: BenchResult[] = [];
    for (const w of KERNELS) results.push(await measure(w));
    return results;
  },
}];
