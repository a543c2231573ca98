import { expect } from 'chai';
import { KeywordSpotter, type KeywordEvent } from '../../../src/sensors/audio/keyword-spotter.js';
import type { KeywordSpotterOptions } from '../../../src/sensors/audio/keyword-spotter-options.js';
import { defaultAudioModelLoader, type AudioModelLoader } from '../../../src/sensors/audio/model-loader.js';
import { owwModel, readWav, SOUNDS } from './wav.js';
import { rejection } from '../../helpers/rejection.js';

const MODELS = {
  melspectrogram: owwModel('melspectrogram.onnx'),
  embedding: owwModel('embedding_model.onnx'),
  head: owwModel('alexa_v0.1.onnx'),
};
const clip = (file: string): Float32Array => readWav(new URL(file, SOUNDS)).samples;

/** Pushes `samples` in pieces of `size` and returns every score and detection. */
async function listen(spotter: KeywordSpotter, samples: Float32Array, size: number): Promise<{ scores: KeywordEvent[]; detections: KeywordEvent[] }> {
  const scores: KeywordEvent[] = [];
  const detections: KeywordEvent[] = [];
  const a = spotter.onScoreObservable.add((e) => scores.push(e));
  const b = spotter.onKeywordObservable.add((e) => detections.push(e));
  const pushes: Promise<void>[] = [];
  for (let at = 0; at < samples.length; at += size) pushes.push(spotter.push(samples.subarray(at, at + size)));
  await Promise.all(pushes);
  spotter.onScoreObservable.remove(a);
  spotter.onKeywordObservable.remove(b);
  return { scores, detections };
}

describe('KeywordSpotter', () => {
  let spotter: KeywordSpotter;

  before(async () => {
    spotter = await KeywordSpotter.create({ keyword: 'alexa', models: MODELS });
  });

  beforeEach(() => spotter.reset());

  after(() => spotter?.dispose());

  describe('.create()', () => {
    it('applies the documented defaults and reads the head window from the head model', () => {
      expect(spotter.keyword).to.equal('alexa');
      expect(spotter.threshold).to.equal(0.5);
      expect(spotter.cooldownMs).to.equal(2000);
      expect(spotter.headWindow).to.equal(16);
    });

    const bad: [Partial<KeywordSpotterOptions> | null, RegExp][] = [
      [null, /^TypeError: KeywordSpotter: option 'options'/],
      [{ keyword: '' }, /^TypeError: .*'keyword'.*non-empty string.*got ''$/],
      [{ models: undefined }, /^TypeError: .*'models'/],
      [{ models: { ...MODELS, head: 42 as unknown as Uint8Array } }, /^TypeError: .*'models.head'.*got 42$/],
      [{ threshold: 1 }, /^RangeError: .*'threshold'.*< 1, got 1$/],
      [{ threshold: 0 }, /^RangeError: .*'threshold'.*> 0.*got 0$/],
      [{ cooldownMs: -5 }, /^RangeError: .*'cooldownMs'.*>= 0, got -5$/],
      [{ backend: 'tpu' as never }, /^TypeError: .*'backend'.*got 'tpu'$/],
      [{ loader: 'x' as never }, /^TypeError: .*'loader'/],
    ];
    for (const [patch, message] of bad) {
      it(`rejects ${JSON.stringify(patch, (_, v) => (v instanceof Uint8Array ? 'bytes' : v))} naming the option`, async () => {
        const options = patch === null ? null : { keyword: 'alexa', models: MODELS, ...patch };
        const error = await rejection(KeywordSpotter.create(options as KeywordSpotterOptions));
        expect(`${error.name}: ${error.message}`).to.match(message);
      });
    }

    it('rejects with ModelLoadError for bytes that are not a model, and disposes the models already loaded', async () => {
      let disposed = 0;
      const loader: AudioModelLoader = async (source, options) => {
        const model = await defaultAudioModelLoader(source, options);
        const dispose = model.dispose.bind(model);
        return Object.assign(model, { dispose: () => (disposed++, dispose()) });
      };
      const error = await rejection(KeywordSpotter.create({ keyword: 'x', models: { ...MODELS, head: new Uint8Array([1, 2, 3]) }, loader }));
      // By name: under tsx, the lazily imported onnxruntime entry gets its own copy of the error classes.
      expect(error.name).to.equal('ModelLoadError');
      expect(disposed).to.equal(2);
    });

    it("passes the back end to the loader: 'onnxruntime' by default, as asked otherwise", async () => {
      const asked: string[] = [];
      const loader: AudioModelLoader = (source, options) => (asked.push(options.backend), defaultAudioModelLoader(source, { backend: 'onnxruntime' }));
      (await KeywordSpotter.create({ keyword: 'x', models: MODELS, loader })).dispose();
      (await KeywordSpotter.create({ keyword: 'x', models: MODELS, loader, backend: 'cpu' })).dispose();
      expect(asked).to.deep.equal(['onnxruntime', 'onnxruntime', 'onnxruntime', 'cpu', 'cpu', 'cpu']);
    });

    it("rejects with ModelLoadError when the back end cannot run the models ('webgpu' in Node)", async () => {
      const error = await rejection(KeywordSpotter.create({ keyword: 'x', models: MODELS, backend: 'webgpu' }));
      expect(error.name).to.equal('ModelLoadError');
    });
  });

  describe('#push()', () => {
    for (const file of ['alexa.wav', 'alexa-lights.wav']) {
      it(`fires once on ${file} with a score above the threshold`, async () => {
        const { detections } = await listen(spotter, clip(file), 1280);
        expect(detections).to.have.length(1);
        expect(detections[0]!.keyword).to.equal('alexa');
        expect(detections[0]!.score).to.be.greaterThan(0.5);
        expect(detections[0]!.timeSeconds).to.be.within(0.5, 2.5);
      });
    }

    for (const file of ['hello-world.wav', 'noise.wav']) {
      it(`stays below the threshold on ${file}`, async () => {
        const { scores, detections } = await listen(spotter, clip(file), 1280);
        expect(detections).to.deep.equal([]);
        expect(scores.length).to.equal(Math.floor(clip(file).length / 1280));
        expect(Math.max(...scores.map((s) => s.score))).to.be.lessThan(0.2);
      });
    }

    it('gives the same scores and detections whatever the push size (100 or 4000 samples)', async () => {
      const samples = clip('alexa-lights.wav');
      const small = await listen(spotter, samples, 100);
      spotter.reset();
      const large = await listen(spotter, samples, 4000);
      expect(small.detections).to.have.length(1);
      expect(large.detections).to.deep.equal(small.detections);
      expect(large.scores).to.deep.equal(small.scores);
    });

    it('respects the cooldown in audio time: twice the clip gives two detections only when they are far enough apart', async () => {
      const once = clip('alexa.wav');
      const twice = new Float32Array(once.length * 2);
      twice.set(once);
      twice.set(once, once.length);
      expect((await listen(spotter, twice, 4000)).detections).to.have.length(2); // 2.4 s apart > 2 s
      const patient = await KeywordSpotter.create({ keyword: 'alexa', models: MODELS, cooldownMs: 5000 });
      try {
        expect((await listen(patient, twice, 4000)).detections).to.have.length(1);
      } finally {
        patient.dispose();
      }
    });

    it('rejects a push that is not a Float32Array', async () => {
      const error = await rejection(spotter.push([0, 1] as unknown as Float32Array));
      expect(error).to.be.instanceOf(TypeError);
    });
  });

  describe('#dispose()', () => {
    it('disposes its models, clears its observers, is harmless twice and makes push() reject', async () => {
      let disposed = 0;
      const loader: AudioModelLoader = async (source, options) => {
        const model = await defaultAudioModelLoader(source, options);
        const dispose = model.dispose.bind(model);
        return Object.assign(model, { dispose: () => (disposed++, dispose()) });
      };
      const own = await KeywordSpotter.create({ keyword: 'alexa', models: MODELS, loader });
      own.onKeywordObservable.add(() => undefined);
      own.onScoreObservable.add(() => undefined);
      const pending = own.push(new Float32Array(1280 * 3));
      own.dispose();
      own.dispose();
      await pending;
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(disposed).to.equal(3);
      expect(own.onKeywordObservable.hasObservers()).to.equal(false);
      expect(own.onScoreObservable.hasObservers()).to.equal(false);
      const error = await rejection(own.push(new Float32Array(10)));
      expect(error.name).to.equal('InvalidStateError');
    });
  });
});
