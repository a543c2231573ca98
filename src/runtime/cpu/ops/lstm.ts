import type { Tensor } from '../../tensor.js';
import type { KernelFactory } from '../kernel.js';
import { gemm, MR, packB, stridedPacker } from './gemm-core.js';
import type { GemmTarget } from './gemm-core.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';
import { shapeText } from './shape.js';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const DEFAULT_ACTIVATIONS = ['Sigmoid', 'Tanh', 'Tanh'];

/** One direction's packed weights: W^T (input x 4H) and R^T (H x 4H), gates in ONNX order i, o, f, c. */
interface DirectionWeights {
  readonly w: Float32Array;
  readonly r: Float32Array;
}

function packDirection(w: Tensor<'float32'>, r: Tensor<'float32'>, d: number, hidden: number, inputSize: number): DirectionWeights {
  const gates = 4 * hidden;
  return {
    w: packB(w.data, d * gates * inputSize, 1, inputSize, inputSize, gates),
    r: packB(r.data, d * gates * hidden, 1, hidden, hidden, gates),
  };
}

/**
 * LSTM (layout 0: X [seq, batch, input]): forward, reverse or bidirectional; optional B, sequence_lens,
 * initial_h, initial_c and peepholes P; `clip`; outputs Y [seq, dirs, batch, H] (zero past a sequence's
 * length), Y_h and Y_c. Only the default activations (Sigmoid, Tanh, Tanh) are supported. The input
 * projection of every step is one GEMM; each step adds H * R^T with a second one. Constant W and R are
 * packed at compile time.
 */
export const lstmKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const direction = reader.choice('direction', 'forward', ['forward', 'reverse', 'bidirectional']);
  const dirs = direction === 'bidirectional' ? 2 : 1;
  const hidden = reader.int('hidden_size', 0);
  if (hidden < 1) throw reader.error(`attribute 'hidden_size' must be a positive integer, got ${hidden}`);
  const clip = reader.float('clip', Infinity);
  if (!(clip > 0)) throw reader.error(`attribute 'clip' must be positive, got ${clip}`);
  if (reader.int('input_forget', 0) !== 0) throw reader.error(`attribute 'input_forget' = 1 is not supported`);
  if (reader.int('layout', 0) !== 0) throw reader.error(`attribute 'layout' = 1 is not supported`);
  const activations = context.node.attributes['activations'];
  if (activations !== undefined) {
    const expected = Array.from({ length: dirs }, () => DEFAULT_ACTIVATIONS).flat();
    if (!Array.isArray(activations) || activations.length !== expected.length || activations.some((a, i) => String(a).toLowerCase() !== expected[i].toLowerCase())) {
      throw reader.error(`activations ${JSON.stringify(activations)} are not supported (only the default Sigmoid, Tanh, Tanh)`);
    }
  }
  const constW = context.constantInput(1), constR = context.constantInput(2);
  const constant = constW?.dtype === 'float32' && constR?.dtype === 'float32' && constW.rank === 3 && constR.rank === 3;
  const prepacked = constant ? Array.from({ length: dirs }, (_, d) => packDirection(constW as Tensor<'float32'>, constR as Tensor<'float32'>, d, hidden, constW.dims[2])) : undefined;
  const slots = [new OutputSlot(), new OutputSlot(), new OutputSlot()];
  let gatesBuffer = new Float32Array(0);
  let scratch = new Float32Array(0);

  return {
    run(inputs) {
      const x = reader.typed(inputs, 0, ['float32']);
      const w = reader.typed(inputs, 1, ['float32']);
      const r = reader.typed(inputs, 2, ['float32']);
      const [seq, batch, inputSize] = x.dims;
      const gates = 4 * hidden;
      if (x.rank !== 3 || shapeText(w.dims) !== shapeText([dirs, gates, inputSize]) || shapeText(r.dims) !== shapeText([dirs, gates, hidden])) {
        throw reader.error(`X ${shapeText(x.dims)}, W ${shapeText(w.dims)} and R ${shapeText(r.dims)} do not fit hidden_size ${hidden} and ${dirs} direction(s)`);
      }
      const bias = inputs[3] ? reader.typed(inputs, 3, ['float32']) : undefined;
      const lengths = inputs[4] ? reader.typed(inputs, 4, ['int32', 'int64']) : undefined;
      const h0 = inputs[5] ? reader.typed(inputs, 5, ['float32']) : undefined;
      const c0 = inputs[6] ? reader.typed(inputs, 6, ['float32']) : undefined;
      const peep = inputs[7] ? reader.typed(inputs, 7, ['float32']) : undefined;
      const checks: [Tensor | undefined, number, string][] = [[bias, dirs * 8 * hidden, 'B'], [lengths, batch, 'sequence_lens'], [h0, dirs * batch * hidden, 'initial_h'], [c0, dirs * batch * hidden, 'initial_c'], [peep, dirs * 3 * hidden, 'P']];
      for (const [t, size, name] of checks) if (t && t.size !== size) throw reader.error(`input ${name} must hold ${size} values, got ${shapeText(t.dims)}`);

      const y = slots[0].get('float32', [seq, dirs, batch, hidden]);
      const yh = slots[1].get('float32', [dirs, batch, hidden]);
      const yc = slots[2].get('float32', [dirs, batch, hidden]);
      y.data.fill(0);
      if (gatesBuffer.length < seq * batch * gates) gatesBuffer = new Float32Array(seq * batch * gates);
      if (scratch.length < Math.max(inputSize, hidden) * MR) scratch = new Float32Array(Math.max(inputSize, hidden) * MR);
      const g = gatesBuffer;

      for (let d = 0; d < dirs; d++) {
        const packed = prepacked?.[d] ?? packDirection(w, r, d, hidden, inputSize);
        const target: GemmTarget = { data: g, offset: 0, rowStride: gates, colStride: 1, accumulate: false };
        gemm(seq * batch, gates, inputSize, stridedPacker(x.data, 0, inputSize, 1, inputSize), packed.w, target, scratch);
        const h = yh.data.subarray(d * batch * hidden, (d + 1) * batch * hidden);
        const c = yc.data.subarray(d * batch * hidden, (d + 1) * batch * hidden);
        if (h0) h.set(h0.data.subarray(d * batch * hidden, (d + 1) * batch * hidden)); else h.fill(0);
        if (c0) c.set(c0.data.subarray(d * batch * hidden, (d + 1) * batch * hidden)); else c.fill(0);
        const reverse = direction === 'reverse' || d === 1;
        const bOff = d * 8 * hidden, pOff = d * 3 * hidden;
        for (let step = 0; step < seq; step++) {
          const t = reverse ? seq - 1 - step : step;
          target.offset = t * batch * gates;
          target.accumulate = true;
          gemm(batch, gates, hidden, stridedPacker(h, 0, hidden, 1, hidden), packed.r, target, scratch);
          for (let b = 0; b < batch; b++) {
            const length = lengths ? Number(lengths.data[b]) : seq;
            // A reversed sequence starts at its own last step; a forward one stops after it.
            if (t >= length) continue;
            const row = (t * batch + b) * gates;
            for (let k = 0; k < hidden; k++) {
              const s = b * hidden + k;
              const cPrev = c[s];
              // Pre-activations: projections + both biases + peephole, then clipped (onnxruntime's order).
              let pi = g[row + k], po = g[row + hidden + k], pf = g[row + 2 * hidden + k], pc = g[row + 3 * hidden + k];
              if (bias) {
                pi += bias.data[bOff + k] + bias.data[bOff + 4 * hidden + k];
                po += bias.data[bOff + hidden + k] + bias.data[bOff + 5 * hidden + k];
                pf += bias.data[bOff + 2 * hidden + k] + bias.data[bOff + 6 * hidden + k];
                pc += bias.data[bOff + 3 * hidden + k] + bias.data[bOff + 7 * hidden + k];
              }
              if (peep) {
                pi += peep.data[pOff + k] * cPrev;
                pf += peep.data[pOff + 2 * hidden + k] * cPrev;
              }
              const i = sigmoid(pi > clip ? clip : pi < -clip ? -clip : pi);
              const f = sigmoid(pf > clip ? clip : pf < -clip ? -clip : pf);
              const cNew = f * cPrev + i * Math.tanh(pc > clip ? clip : pc < -clip ? -clip : pc);
              if (peep) po += peep.data[pOff + hidden + k] * cNew;
              const o = sigmoid(po > clip ? clip : po < -clip ? -clip : po);
              c[s] = cNew;
              h[s] = o * Math.tanh(cNew);
              y.data[((t * dirs + d) * batch + b) * hidden + k] = h[s];
            }
          }
        }
      }
      return [y, yh, yc];
    },
  };
};
