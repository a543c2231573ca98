import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { createOnnxRuntimeModel } from '../../src/onnxruntime/index.js';
import { InputMismatchError, ModelDisposedError } from '../../src/runtime/errors.js';
import type { Model } from '../../src/runtime/model.js';
import { Tensor } from '../../src/runtime/tensor.js';
import { rejection } from '../helpers/rejection.js';

const MODELS = new URL('../../assets/models/ml-agents/', import.meta.url);
const ballBytes = (): Uint8Array => new Uint8Array(readFileSync(new URL('3DBall.onnx', MODELS)));

/** Seeded observations in [-1, 1). */
function observations(count: number, seed: number): Float32Array {
  let state = seed;
  return new Float32Array(count).map(() => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 31) - 1);
}

describe('OnnxRuntimeModel', () => {
  let model: Model;
  before(async () => {
    model = await createOnnxRuntimeModel(ballBytes());
  });
  after(() => model.dispose());

  describe('#run()', () => {
    it('runs a batch of 4 observations: [4, 2] finite actions, deterministic across runs', async () => {
      const obs = new Tensor('float32', observations(32, 7), [4, 8]);
      const before = obs.data.slice();
      const first = await model.run({ obs_0: obs });
      const second = await model.run({ obs_0: obs });
      const actions = first['deterministic_continuous_actions']!;
      expect(actions).to.be.instanceOf(Tensor);
      expect(actions.dtype).to.equal('float32');
      expect(actions.dims).to.deep.equal([4, 2]);
      expect([...actions.data].every((v) => Number.isFinite(v))).to.equal(true);
      expect(second['deterministic_continuous_actions']!.data).to.deep.equal(actions.data);
      expect(new Set([...actions.data]).size, 'different observations give different actions').to.be.greaterThan(2);
      expect(obs.data, 'feeds are not modified').to.deep.equal(before);
      expect(Object.keys(first)).to.have.members(model.outputs.map((o) => o.name));
      expect(first['version_number']!.data[0]).to.equal(3);
    });

    it('keeps results apart when runs overlap', async () => {
      const feeds = [1, 2, 3].map((seed) => ({ obs_0: new Tensor('float32', observations(16, seed), [2, 8]) }));
      const together = await Promise.all(feeds.map((f) => model.run(f)));
      for (const [i, f] of feeds.entries()) {
        const alone = await model.run(f);
        expect(together[i]!['deterministic_continuous_actions']!.data).to.deep.equal(alone['deterministic_continuous_actions']!.data);
      }
    });

    it('rejects wrong feeds before running, naming the input, the expected and the got', async () => {
      const good = new Tensor('float32', observations(8, 1), [1, 8]);
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ obs_0: good, obs_9: good }, /unknown input 'obs_9'.*'obs_0'/],
        [{}, /missing input 'obs_0' \(float32 \[batch, 8\]\)/],
        [{ obs_0: Tensor.zeros('int32', [1, 8]) }, /input 'obs_0': expected dtype float32, got int32/],
        [{ obs_0: Tensor.zeros('float32', [8]) }, /input 'obs_0': expected rank 2 \[batch, 8\], got rank 1 \[8\]/],
        [{ obs_0: Tensor.zeros('float32', [1, 7]) }, /input 'obs_0': expected dims \[batch, 8\], got \[1, 7\]/],
        [{ obs_0: new Float32Array(8) }, /input 'obs_0': expected a Tensor, got Float32Array/],
      ];
      for (const [feeds, message] of cases) {
        const error = await rejection(model.run(feeds as Record<string, Tensor>));
        expect(error, message.source).to.be.instanceOf(InputMismatchError);
        expect(error.name).to.equal('InputMismatchError');
        expect(error.message).to.match(message);
      }
    });

    it('still runs after a rejected run', async () => {
      await rejection(model.run({}));
      const out = await model.run({ obs_0: Tensor.zeros('float32', [3, 8]) });
      expect(out['deterministic_continuous_actions']!.dims).to.deep.equal([3, 2]);
    });
  });

  describe('#dispose()', () => {
    it('is harmless twice; run() afterwards rejects with ModelDisposedError', async () => {
      const own = await createOnnxRuntimeModel(ballBytes());
      const pending = own.run({ obs_0: Tensor.zeros('float32', [1, 8]) });
      own.dispose();
      own.dispose();
      expect((await pending)['deterministic_continuous_actions']!.dims, 'a run accepted before dispose finishes').to.deep.equal([1, 2]);
      const error = await rejection(own.run({ obs_0: Tensor.zeros('float32', [1, 8]) }));
      expect(error).to.be.instanceOf(ModelDisposedError);
      expect(error.name).to.equal('ModelDisposedError');
    });
  });
});
