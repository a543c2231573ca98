import { f32, full, iota, shapes, type KernelCase } from './case.js';

const ones = (dims: readonly number[]) => full(dims, 1);
const random = (dims: readonly number[], seed: number) => {
  let s = seed;
  const n = dims.reduce((a, b) => a * b, 1);
  return f32(dims, Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1));
};

/** Conv, the pools and BatchNormalization. */
export const convolutionCases: KernelCase[] = [
  { name: 'Conv 2x2 without padding, with a bias', op: 'Conv', inputs: [iota([1, 1, 3, 3]), ones([1, 1, 2, 2]), f32([1], [1])], constants: [1, 2], expected: [f32([1, 1, 2, 2], [9, 13, 21, 25])] },
  { name: 'Conv 3x3 with pads 1 and strides 2', op: 'Conv', attributes: { pads: [1, 1, 1, 1], strides: [2, 2] }, inputs: [ones([1, 1, 3, 3]), ones([1, 1, 3, 3])], constants: [1], expected: [f32([1, 1, 2, 2], [4, 4, 4, 4])] },
  { name: 'Conv auto_pad SAME_UPPER pads at the end', op: 'Conv', attributes: { auto_pad: 'SAME_UPPER', kernel_shape: [2, 2] }, inputs: [iota([1, 1, 3, 3]), ones([1, 1, 2, 2])], expected: [f32([1, 1, 3, 3], [8, 12, 7, 20, 24, 13, 13, 15, 8])] },
  { name: 'Conv auto_pad SAME_LOWER pads at the start', op: 'Conv', attributes: { auto_pad: 'SAME_LOWER' }, inputs: [iota([1, 1, 3, 3]), ones([1, 1, 2, 2])], expected: [f32([1, 1, 3, 3], [0, 1, 3, 3, 8, 12, 9, 20, 24])] },
  { name: 'Conv auto_pad VALID with strides 2', op: 'Conv', attributes: { auto_pad: 'VALID', strides: [2, 2] }, inputs: [iota([1, 1, 3, 3]), full([1, 1, 1, 1], 2)], constants: [1], expected: [f32([1, 1, 2, 2], [0, 4, 12, 16])] },
  { name: 'Conv with dilations 2', op: 'Conv', attributes: { dilations: [2, 2] }, inputs: [iota([1, 1, 3, 3]), ones([1, 1, 2, 2])], expected: [f32([1, 1, 1, 1], [16])] },
  { name: 'Conv 1-D', op: 'Conv', inputs: [iota([1, 1, 5]), ones([1, 1, 2])], expected: [f32([1, 1, 4], [1, 3, 5, 7])] },
  { name: 'Conv with 2 groups of 2 channels', op: 'Conv', attributes: { group: 2 }, inputs: [f32([1, 4, 1, 1], [1, 2, 3, 4]), f32([2, 2, 1, 1], [1, 1, 1, -1])], constants: [1], expected: [f32([1, 2, 1, 1], [3, -1])] },
  { name: 'Conv with groups and a channel multiplier', op: 'Conv', attributes: { group: 2 }, inputs: [f32([1, 2, 1, 1], [1, 2]), f32([4, 1, 1, 1], [1, 2, 3, 4])], expected: [f32([1, 4, 1, 1], [1, 2, 6, 8])] },
  {
    name: 'Conv depthwise 3x3 with pads 1 and a bias',
    op: 'Conv',
    attributes: { group: 2, pads: [1, 1, 1, 1], kernel_shape: [3, 3] },
    inputs: [f32([1, 2, 3, 3], [...(iota([9]).data as Float32Array), ...(ones([9]).data as Float32Array)]), ones([2, 1, 3, 3]), f32([2], [0, 1])],
    constants: [1, 2],
    expected: [f32([1, 2, 3, 3], [8, 15, 12, 21, 36, 27, 20, 33, 24, 5, 7, 5, 7, 10, 7, 5, 7, 5])],
  },
  {
    name: 'Conv batch 2, 3x3, pads 1, strides 2 (shape; values against onnxruntime-web)',
    op: 'Conv',
    attributes: { pads: [1, 1, 1, 1], strides: [2, 2] },
    inputs: [random([2, 3, 7, 6], 1), random([5, 3, 3, 3], 2), random([5], 3)],
    constants: [1, 2],
    expected: shapes([2, 5, 4, 3]),
  },
  {
    name: 'Conv depthwise strides 2, asymmetric pads (shape; values against onnxruntime-web)',
    op: 'Conv',
    attributes: { group: 6, pads: [0, 0, 1, 1], strides: [2, 2] },
    inputs: [random([1, 6, 8, 8], 4), random([6, 1, 3, 3], 5)],
    constants: [1],
    expected: shapes([1, 6, 4, 4]),
  },
  {
    name: 'Conv pointwise 1x1 over 9 channels (shape; values against onnxruntime-web)',
    op: 'Conv',
    inputs: [random([1, 9, 5, 5], 6), random([7, 9, 1, 1], 7), random([7], 8)],
    constants: [1, 2],
    expected: shapes([1, 7, 5, 5]),
  },
  { name: 'Conv rejects 3-D', op: 'Conv', attributes: { kernel_shape: [1, 1, 1] }, inputs: [ones([1, 1, 2, 2, 2]), ones([1, 1, 1, 1, 1])], throws: /only 1-D and 2-D windows are supported, got 3-D/ },
  { name: 'Conv rejects channels that do not match the weights', op: 'Conv', inputs: [ones([1, 3, 2, 2]), ones([1, 2, 1, 1])], throws: /input \[1, 3, 2, 2\] and weights \[1, 2, 1, 1\] do not fit/ },

  { name: 'MaxPool 2x2 strides 2', op: 'MaxPool', attributes: { kernel_shape: [2, 2], strides: [2, 2] }, inputs: [iota([1, 1, 4, 4])], expected: [f32([1, 1, 2, 2], [5, 7, 13, 15])] },
  { name: 'MaxPool 3x3 with pads 1 and strides 2', op: 'MaxPool', attributes: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }, inputs: [iota([1, 1, 3, 3])], expected: [f32([1, 1, 2, 2], [4, 5, 7, 8])] },
  { name: 'MaxPool with ceil_mode', op: 'MaxPool', attributes: { kernel_shape: [2, 2], strides: [2, 2], ceil_mode: 1 }, inputs: [iota([1, 1, 3, 3])], expected: [f32([1, 1, 2, 2], [4, 5, 7, 8])] },
  { name: 'MaxPool with auto_pad SAME_UPPER', op: 'MaxPool', attributes: { kernel_shape: [2, 2], auto_pad: 'SAME_UPPER' }, inputs: [f32([1, 1, 2, 2], [4, 1, 2, 3])], expected: [f32([1, 1, 2, 2], [4, 3, 3, 3])] },
  { name: 'AveragePool 2x2 strides 2', op: 'AveragePool', attributes: { kernel_shape: [2, 2], strides: [2, 2] }, inputs: [iota([1, 1, 4, 4])], expected: [f32([1, 1, 2, 2], [2.5, 4.5, 10.5, 12.5])] },
  { name: 'AveragePool with pads, padding not counted', op: 'AveragePool', attributes: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }, inputs: [iota([1, 1, 2, 2])], expected: [f32([1, 1, 2, 2], [1.5, 1.5, 1.5, 1.5])] },
  { name: 'AveragePool with count_include_pad', op: 'AveragePool', attributes: { kernel_shape: [3, 3], pads: [1, 1, 1, 1], count_include_pad: 1 }, inputs: [iota([1, 1, 2, 2])], expected: [f32([1, 1, 2, 2], [6 / 9, 6 / 9, 6 / 9, 6 / 9])] },
  { name: 'AveragePool with ceil_mode (the overhang is not counted)', op: 'AveragePool', attributes: { kernel_shape: [2, 2], strides: [2, 2], ceil_mode: 1, count_include_pad: 1 }, inputs: [iota([1, 1, 3, 3])], expected: [f32([1, 1, 2, 2], [2, 3.5, 6.5, 8])] },
  { name: 'AveragePool with auto_pad SAME_UPPER', op: 'AveragePool', attributes: { kernel_shape: [2, 2], auto_pad: 'SAME_UPPER' }, inputs: [iota([1, 1, 2, 2])], expected: [f32([1, 1, 2, 2], [1.5, 2, 2.5, 3])] },
  { name: 'AveragePool 1-D', op: 'AveragePool', attributes: { kernel_shape: [2] }, inputs: [iota([1, 2, 3])], expected: [f32([1, 2, 2], [0.5, 1.5, 3.5, 4.5])] },
  { name: 'MaxPool requires kernel_shape', op: 'MaxPool', inputs: [iota([1, 1, 2, 2])], throws: /'kernel_shape' is required/ },
  { name: 'GlobalAveragePool', op: 'GlobalAveragePool', inputs: [iota([1, 2, 2, 2])], expected: [f32([1, 2, 1, 1], [1.5, 5.5])] },
  {
    name: 'BatchNormalization per channel',
    op: 'BatchNormalization',
    attributes: { epsilon: 0 },
    inputs: [f32([1, 2, 1, 2], [1, 2, 3, 4]), f32([2], [1, 2]), f32([2], [0, 1]), f32([2], [1, 3]), f32([2], [4, 1])],
    constants: [1, 2, 3, 4],
    expected: [f32([1, 2, 1, 2], [0, 0.5, 1, 3])],
  },
  {
    name: 'BatchNormalization with run-time statistics and the default epsilon',
    op: 'BatchNormalization',
    inputs: [f32([2, 1], [3, 5]), f32([1], [1]), f32([1], [0]), f32([1], [1]), f32([1], [4])],
    expected: [f32([2, 1], [2 / Math.sqrt(4 + 1e-5), 4 / Math.sqrt(4 + 1e-5)])],
  },
];
