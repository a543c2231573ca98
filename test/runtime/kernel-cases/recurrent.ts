import { f32, i32, type KernelCase } from './case.js';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * The LSTM equations for hidden size 1 and input size 1 (gates i, o, f, c), written out so that the expected
 * values can be checked by hand. Returns the hidden and cell state after each step, in processing order.
 */
function scalarLstm(xs: readonly number[], w: readonly number[], r: readonly number[], b: readonly number[]): { h: number[]; c: number[] } {
  let h = 0, c = 0;
  const hs: number[] = [], cs: number[] = [];
  for (const x of xs) {
    const pre = (g: number): number => w[g] * x + r[g] * h + b[g] + b[4 + g];
    const i = sigmoid(pre(0)), o = sigmoid(pre(1)), f = sigmoid(pre(2)), candidate = Math.tanh(pre(3));
    c = f * c + i * candidate;
    h = o * Math.tanh(c);
    hs.push(h);
    cs.push(c);
  }
  return { h: hs, c: cs };
}

const W = [0.5, -0.4, 0.3, 0.8];
const R = [0.2, 0.1, -0.3, 0.6];
const B = [0.1, 0, 0.2, -0.1, 0, 0.05, 0, 0.1];
const forward = scalarLstm([1, 2, -1], W, R, B);
const backward = scalarLstm([-1, 2, 1], W, R, B);
const short = scalarLstm([0.5], W, R, B);
const shortBackward = scalarLstm([0.5], W, R, B);
const full = scalarLstm([1, 2], W, R, B);
const fullBackward = scalarLstm([2, 1], W, R, B);

const weights = (dirs: number) => [f32([dirs, 4, 1], Array(dirs).fill(W).flat()), f32([dirs, 4, 1], Array(dirs).fill(R).flat()), f32([dirs, 8], Array(dirs).fill(B).flat())];

/** LSTM. */
export const recurrentCases: KernelCase[] = [
  {
    name: 'LSTM forward: Y, Y_h and Y_c',
    op: 'LSTM',
    attributes: { hidden_size: 1 },
    inputs: [f32([3, 1, 1], [1, 2, -1]), ...weights(1)],
    constants: [1, 2, 3],
    expected: [f32([3, 1, 1, 1], forward.h), f32([1, 1, 1], [forward.h[2]]), f32([1, 1, 1], [forward.c[2]])],
  },
  {
    name: 'LSTM reverse runs from the last step',
    op: 'LSTM',
    attributes: { hidden_size: 1, direction: 'reverse' },
    inputs: [f32([3, 1, 1], [1, 2, -1]), ...weights(1)],
    expected: [f32([3, 1, 1, 1], [...backward.h].reverse()), f32([1, 1, 1], [backward.h[2]]), f32([1, 1, 1], [backward.c[2]])],
  },
  {
    name: 'LSTM bidirectional with sequence_lens (zeros past a sequence\'s end)',
    op: 'LSTM',
    attributes: { hidden_size: 1, direction: 'bidirectional' },
    inputs: [f32([2, 2, 1], [1, 0.5, 2, 9]), ...weights(2), i32([2], [2, 1])],
    expected: [
      // Y [seq, dirs, batch, hidden]
      f32([2, 2, 2, 1], [full.h[0], short.h[0], fullBackward.h[1], shortBackward.h[0], full.h[1], 0, fullBackward.h[0], 0]),
      f32([2, 2, 1], [full.h[1], short.h[0], fullBackward.h[1], shortBackward.h[0]]),
      f32([2, 2, 1], [full.c[1], short.c[0], fullBackward.c[1], shortBackward.c[0]]),
    ],
  },
  {
    name: 'LSTM hidden 3 with initial states, peepholes and clip (shape; values against onnxruntime-web)',
    op: 'LSTM',
    attributes: { hidden_size: 3, clip: 2.5 },
    inputs: [
      f32([3, 2, 2], [0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8, 0.9, 1, -1.1, 1.2]),
      f32([1, 12, 2], Array.from({ length: 24 }, (_, i) => Math.sin(i))),
      f32([1, 12, 3], Array.from({ length: 36 }, (_, i) => Math.cos(i) * 0.5)),
      f32([1, 24], Array.from({ length: 24 }, (_, i) => (i % 5) * 0.1 - 0.2)),
      undefined,
      f32([1, 2, 3], [0.1, 0.2, 0.3, -0.1, -0.2, -0.3]),
      f32([1, 2, 3], [0.5, -0.5, 0.25, 0, 1, -1]),
      f32([1, 9], [0.1, -0.1, 0.2, -0.2, 0.3, -0.3, 0.05, 0, 0.15]),
    ],
    constants: [1, 2, 3, 7],
    expected: (outputs) => {
      const dims = outputs.map((o) => o.dims.join());
      if (dims.join(' ') !== '3,1,2,3 1,2,3 1,2,3') throw new Error(`LSTM output dims ${dims.join(' ')}`);
    },
  },
  { name: 'LSTM rejects a non-default activation', op: 'LSTM', attributes: { hidden_size: 1, activations: ['Relu', 'Tanh', 'Tanh'] }, inputs: [f32([1, 1, 1], [1]), ...weights(1)], throws: /activations .* are not supported/ },
  { name: 'LSTM rejects weights of the wrong shape', op: 'LSTM', attributes: { hidden_size: 2 }, inputs: [f32([1, 1, 1], [1]), ...weights(1)], throws: /do not fit hidden_size 2/ },
];
