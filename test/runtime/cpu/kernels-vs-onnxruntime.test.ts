import { createOnnxRuntimeModel } from '../../../src/onnxruntime/index.js';
import { cpuKernels } from '../../../src/runtime/cpu/ops/index.js';
import type { AttributeValue } from '../../../src/runtime/graph.js';
import { buildModel } from '../../../src/runtime/onnx/build.js';
import type { AttributeInit } from '../../../src/runtime/onnx/build.js';
import { Tensor } from '../../../src/runtime/tensor.js';
import { expectClose, uniform } from '../helpers.js';
import { kernelCases, RANDOM_OPS, type KernelCase } from '../kernel-cases/index.js';

/** Attributes that ONNX types FLOAT: integral values must still be encoded as floats. */
const FLOAT_ATTRIBUTES = new Set(['alpha', 'beta', 'epsilon', 'min', 'max', 'mean', 'scale', 'seed', 'clip']);

function attributeInit(name: string, value: AttributeValue): AttributeInit {
  return typeof value === 'number' && FLOAT_ATTRIBUTES.has(name) ? { float: value } : (value as AttributeInit);
}

function runOurs(c: KernelCase, inputs: readonly (Tensor | undefined)[], outputs: number): Tensor[] {
  const node = {
    name: 'node', opType: c.op, domain: '', attributes: c.attributes ?? {},
    inputs: inputs.map((t, i) => (t ? `input${i}` : '')), outputs: Array.from({ length: outputs }, (_, i) => `output${i}`),
  };
  return cpuKernels[c.op]({ node, opset: c.opset ?? 17, constantInput: (i) => (c.constants?.includes(i) ? inputs[i] : undefined) }).run(inputs);
}

/** A single-node model of the case: constant inputs as initialisers, the others as graph inputs (dims from ours). */
function modelBytes(c: KernelCase, outputs: readonly Tensor[]): Uint8Array {
  const constant = (i: number): boolean => c.constants?.includes(i) ?? false;
  return buildModel({
    opset: c.opset ?? 17,
    nodes: [{
      opType: c.op,
      inputs: c.inputs.map((t, i) => (t ? `input${i}` : '')),
      outputs: outputs.map((_, i) => `output${i}`),
      attributes: Object.fromEntries(Object.entries(c.attributes ?? {}).map(([k, v]) => [k, attributeInit(k, v)])),
    }],
    inputs: c.inputs.flatMap((t, i) => (t && !constant(i) ? [{ name: `input${i}`, dtype: t.dtype, dims: t.dims }] : [])),
    outputs: outputs.map((t, i) => ({ name: `output${i}`, dtype: t.dtype, dims: t.dims })),
    initializers: Object.fromEntries(c.inputs.flatMap((t, i) => (t && constant(i) ? [[`input${i}`, t]] : []))),
  });
}

/**
 * The case's inputs with every run-time float input replaced by random values (positive where the case's are
 * non-negative, for Sqrt, Log and Pow); constants (weights, shapes, bounds) are kept so one model serves both.
 */
function randomised(c: KernelCase, seed: number): (Tensor | undefined)[] {
  return c.inputs.map((t, i) => {
    if (!t || t.dtype !== 'float32' || c.constants?.includes(i)) return t;
    const positive = Array.from(t.data as Float32Array).every((v) => v >= 0);
    return uniform(t.dims, seed + i, positive ? 0.1 : -2, 2);
  });
}

function feeds(c: KernelCase, inputs: readonly (Tensor | undefined)[]): Record<string, Tensor> {
  return Object.fromEntries(inputs.flatMap((t, i) => (t && !c.constants?.includes(i) ? [[`input${i}`, t]] : [])));
}

describe('CPU kernels against onnxruntime-web (wasm)', () => {
  const cases = kernelCases.filter((c) => !c.throws && !RANDOM_OPS.has(c.op));
  for (const [index, c] of cases.entries()) {
    it(`${c.op}: ${c.name}`, async () => {
      const count = Array.isArray(c.expected) ? c.expected.length : c.op === 'LSTM' ? 3 : 1;
      const model = await createOnnxRuntimeModel(modelBytes(c, runOurs(c, c.inputs, count)), { numThreads: 1 });
      try {
        for (const [which, inputs] of [['the case\'s inputs', c.inputs], ['random inputs', randomised(c, 1000 * index)]] as const) {
          const ours = runOurs(c, inputs, count);
          const theirs = await model.run(feeds(c, inputs));
          ours.forEach((t, i) => expectClose(t, theirs[`output${i}`], `${which}, output ${i}`));
        }
      } finally {
        model.dispose();
      }
    });
  }
});
