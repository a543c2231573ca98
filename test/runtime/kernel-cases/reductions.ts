import { f32, i64, iota, type KernelCase } from './case.js';

const softmax = (xs: readonly number[]): number[] => {
  const e = xs.map((x) => Math.exp(x));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

/** Softmax, LogSoftmax and the reductions. */
export const reductionCases: KernelCase[] = [
  { name: 'Softmax over the last axis (opset 13)', op: 'Softmax', inputs: [f32([2, 3], [1, 2, 3, 0, 0, 0])], expected: [f32([2, 3], [...softmax([1, 2, 3]), 1 / 3, 1 / 3, 1 / 3])] },
  { name: 'Softmax over axis 0 (opset 13)', op: 'Softmax', attributes: { axis: 0 }, inputs: [f32([2, 2], [0, 1, Math.log(3), 1])], expected: [f32([2, 2], [0.25, 0.5, 0.75, 0.5])] },
  { name: 'Softmax flattens from axis 1 before opset 13', op: 'Softmax', opset: 11, inputs: [f32([2, 2, 2], [0, 0, 0, 0, 1, 2, 3, 4])], expected: [f32([2, 2, 2], [0.25, 0.25, 0.25, 0.25, ...softmax([1, 2, 3, 4])])] },
  { name: 'Softmax with a negative axis (opset 13)', op: 'Softmax', attributes: { axis: -2 }, inputs: [f32([2, 1], [5, 5])], expected: [f32([2, 1], [0.5, 0.5])] },
  { name: 'LogSoftmax (opset 13)', op: 'LogSoftmax', inputs: [f32([1, 3], [1, 2, 3])], expected: [f32([1, 3], softmax([1, 2, 3]).map(Math.log))] },
  { name: 'LogSoftmax flattens before opset 13', op: 'LogSoftmax', opset: 12, attributes: { axis: 0 }, inputs: [f32([2, 1], [0, 0])], expected: [f32([2, 1], [Math.log(0.5), Math.log(0.5)])] },

  { name: 'ReduceSum over axes from an input, keepdims 0 (opset 13)', op: 'ReduceSum', attributes: { keepdims: 0 }, inputs: [iota([2, 3]), i64([1], [1])], constants: [1], expected: [f32([2], [3, 12])] },
  { name: 'ReduceSum over every axis when axes are absent', op: 'ReduceSum', inputs: [iota([2, 3])], expected: [f32([1, 1], [15])] },
  { name: 'ReduceSum with noop_with_empty_axes returns the input', op: 'ReduceSum', attributes: { noop_with_empty_axes: 1 }, inputs: [iota([2, 2])], expected: [iota([2, 2])] },
  { name: 'ReduceSum with axes as an attribute (opset 11)', op: 'ReduceSum', opset: 11, attributes: { axes: [0] }, inputs: [iota([2, 3])], expected: [f32([1, 3], [3, 5, 7])] },
  { name: 'ReduceMean over a negative axis (opset 13 attribute)', op: 'ReduceMean', attributes: { axes: [-1] }, inputs: [iota([2, 2, 2])], expected: [f32([2, 2, 1], [0.5, 2.5, 4.5, 6.5])] },
  { name: 'ReduceMean with axes as an input (opset 18)', op: 'ReduceMean', opset: 18, attributes: { keepdims: 0 }, inputs: [iota([2, 2, 2]), i64([2], [0, 2])], expected: [f32([2], [2.5, 4.5])] },
  { name: 'ReduceMax over two non-adjacent axes', op: 'ReduceMax', attributes: { axes: [0, 2], keepdims: 0 }, inputs: [f32([2, 2, 2], [1, 9, 2, 3, 4, -1, 0, 8])], expected: [f32([2], [9, 8])] },
  { name: 'ReduceMax keeps dims', op: 'ReduceMax', attributes: { axes: [1] }, inputs: [f32([2, 3], [1, 3, 2, -4, -6, -5])], expected: [f32([2, 1], [3, -4])] },
  { name: 'ReduceSum rejects an axis out of range', op: 'ReduceSum', inputs: [iota([2, 3]), i64([1], [2])], throws: /axes entry 2 is out of range for rank 2/ },
];
