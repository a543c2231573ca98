import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { createOnnxRuntimeModel } from '../../src/onnxruntime/index.js';
import { InputMismatchError } from '../../src/runtime/errors.js';
import type { Model } from '../../src/runtime/model.js';
import { Tensor } from '../../src/runtime/tensor.js';

const MODELS = new URL('../../assets/models/ml-agents/', import.meta.url);
const load = (file: string): Promise<Model> => createOnnxRuntimeModel(new Uint8Array(readFileSync(new URL(file, MODELS))));

/** A seeded generator of floats in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function filled(dims: number[], next: () => number): Tensor<'float32'> {
  const t = Tensor.zeros('float32', dims);
  t.data.forEach((_, i) => (t.data[i] = next() * 2 - 1));
  return t;
}

/** Per row, each branch allows a random non-empty subset of its actions (1 = allowed). */
function masks(batch: number, branches: number[], next: () => number): Tensor<'float32'> {
  const width = branches.reduce((a, b) => a + b, 0);
  const t = Tensor.zeros('float32', [batch, width]);
  for (let row = 0; row < batch; row++) {
    let offset = row * width;
    for (const size of branches) {
      for (let a = 0; a < size; a++) t.data[offset + a] = next() < 0.5 ? 1 : 0;
      t.data[offset + Math.floor(next() * size)] = 1;
      offset += size;
    }
  }
  return t;
}

/** Checks every sampled discrete action is allowed by its row's mask; returns how many distinct actions came out. */
function checkMasked(actions: Tensor, mask: Tensor, branches: number[]): number {
  const batch = mask.dims[0]!;
  const width = mask.dims[1]!;
  const seen = new Set<string>();
  expect(actions.dtype).to.equal('int64');
  expect(actions.dims).to.deep.equal([batch, branches.length]);
  for (let row = 0; row < batch; row++) {
    let offset = 0;
    branches.forEach((size, b) => {
      const action = Number(actions.data[row * branches.length + b]);
      expect(action).to.be.within(0, size - 1);
      expect(mask.data[row * width + offset + action], `row ${row} branch ${b} action ${action} is masked`).to.equal(1);
      seen.add(`${b}:${action}`);
      offset += size;
    });
  }
  return seen.size;
}

describe('ML-Agents models on onnxruntime-web', () => {
  it('discrete_rank2: masked actions never come out over many runs', async () => {
    const model = await load('discrete_rank2_vector_v2_0.onnx');
    try {
      expect(model.inputs.map((i) => `${i.name} ${i.dtype} [${i.dims.join(', ')}]`)).to.deep.equal([
        'obs_0 float32 [batch, 20, 23]', 'obs_1 float32 [batch, 10]', 'obs_2 float32 [batch, 8]', 'action_masks float32 [batch, 9]',
      ]);
      const next = random(42);
      const branches = [3, 3, 3];
      let distinct = 0;
      for (let run = 0; run < 8; run++) {
        const batch = 64;
        const action_masks = masks(batch, branches, next);
        const out = await model.run({
          obs_0: filled([batch, 20, 23], next), obs_1: filled([batch, 10], next), obs_2: filled([batch, 8], next), action_masks,
        });
        distinct = Math.max(distinct, checkMasked(out['discrete_actions']!, action_masks, branches));
      }
      expect(distinct, 'sampling reaches every action of every branch').to.equal(9);
    } finally {
      model.dispose();
    }
  });

  it('discrete_rank2: a batch size that differs between inputs is refused, naming the symbolic dimension', async () => {
    const model = await load('discrete_rank2_vector_v2_0.onnx');
    try {
      const next = random(1);
      const feeds = { obs_0: filled([4, 20, 23], next), obs_1: filled([4, 10], next), obs_2: filled([4, 8], next), action_masks: masks(3, [3, 3, 3], next) };
      const error = await model.run(feeds).then(() => null, (e: Error) => e);
      expect(error).to.be.instanceOf(InputMismatchError);
      expect(error!.message).to.match(/input 'action_masks': dimension 0 \('batch'\) is 3, but input 'obs_0' gave 'batch' = 4/);
    } finally {
      model.dispose();
    }
  });

  it('hybrid recurrent model: continuous and masked discrete actions, memory out', async () => {
    const model = await load('hybrid0vis8vec_2c_2_3d_v2_0.onnx');
    try {
      const next = random(3);
      const batch = 5;
      const action_masks = masks(batch, [2, 3], next);
      const out = await model.run({ obs_0: filled([batch, 8], next), action_masks, recurrent_in: Tensor.zeros('float32', [batch, 1, 128]) });
      expect(out['continuous_actions']!.dims).to.deep.equal([batch, 2]);
      checkMasked(out['discrete_actions']!, action_masks, [2, 3]);
      expect(out['recurrent_out']!.dims).to.deep.equal([batch, 1, 128]);
      expect([...out['recurrent_out']!.data].every((v) => Number.isFinite(v))).to.equal(true);
    } finally {
      model.dispose();
    }
  });

  it('3DBallHard (two observations) and Visual3DBall (camera) give deterministic [b, 2] actions', async () => {
    const next = random(5);
    const cases: [string, Record<string, Tensor>][] = [
      ['3DBallHard.onnx', { obs_0: filled([3, 27], next), obs_1: filled([3, 18], next) }],
      ['Visual3DBall.onnx', { obs_0: filled([3, 12, 84, 84], () => (next() + 1) / 2) }],
    ];
    for (const [file, feeds] of cases) {
      const model = await load(file);
      try {
        expect(model.inputs.map((i) => i.name)).to.deep.equal(Object.keys(feeds));
        const [a, b] = [await model.run(feeds), await model.run(feeds)];
        expect(a['deterministic_continuous_actions']!.dims, file).to.deep.equal([3, 2]);
        expect(a['deterministic_continuous_actions']!.data, file).to.deep.equal(b['deterministic_continuous_actions']!.data);
      } finally {
        model.dispose();
      }
    }
  });
});
