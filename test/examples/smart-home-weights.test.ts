import { join } from 'node:path';
import { expect } from 'chai';
import { adam, FrameScheduler, Mlp, mseLoss, Tensor, WeightStore, WeightStoreError, type WeightBackend } from 'babylon-collaborator';
import { FetchWeightBackend, ReadOnlyWeightsError } from '../../examples/smart-home/fetch-weight-backend.js';
import { DetectorWeightsError, IntrusionDetector, type Tracks } from '../../examples/smart-home/intrusion-detector.js';
import { intruderTracks, normalTracks, toRows, type Track } from '../../examples/smart-home/movement-data.js';
import { MOVEMENT_MODEL, WEIGHTS_NAME } from '../../examples/smart-home/movement-model.js';
import { ROOT } from '../../scripts/build-examples.js';
import { startServer, type RunningServer } from '../../scripts/serve.js';
import { evaluateDetector, SEEDS } from '../../scripts/train-smart-home.js';
import { rejection } from '../helpers/rejection.js';

const WEIGHTS = join(ROOT, 'assets', 'weights');
/** Seeds of walks neither trained, calibrated nor evaluated on by scripts/train-smart-home.ts. */
const HELD_OUT = 11;

/** The committed weights, loaded as a Node user would (WeightStore over files). */
async function committed(): Promise<{ model: Mlp; threshold: number }> {
  const model = Mlp.create(MOVEMENT_MODEL);
  const header = await new WeightStore({ name: WEIGHTS_NAME, directory: WEIGHTS }).load(model);
  expect(header, `${WEIGHTS}/${WEIGHTS_NAME}.weights`).to.not.equal(null);
  return { model, threshold: header!.metadata.threshold as number };
}

/** One stored file in memory. */
function memoryBackend(): WeightBackend {
  let latest: Uint8Array | null = null;
  return {
    read: async (version) => (version === 'latest' ? latest : null),
    write: async (bytes) => void (latest = bytes),
    clear: async () => void (latest = null),
  };
}

/**
 * Feeds the detector two frames per person per observation, as the assistant does, ticking the scheduler between;
 * `seconds` is the scene time of frame i. Returns the scores.
 */
function drive(detector: IntrusionDetector, scheduler: FrameScheduler, people: Record<string, Track>, frames: number, seconds = (i: number) => i / 60): number[] {
  const scores: number[] = [];
  for (let i = 0; i < frames; i += 2) {
    const tracks: Tracks = Object.fromEntries(Object.entries(people).map(([name, track]) => [name, track.slice(i, i + 2)]));
    detector.observe(tracks, seconds(i));
    scheduler.tick();
    scores.push(detector.score);
  }
  return scores;
}

describe('examples/smart-home pretrained weights (assets/weights/)', () => {
  describe('the committed file', () => {
    it('predicts the velocity of held-out normal walks (MSE < 0.01, as the README reports 0.0032)', async () => {
      const { model } = await committed();
      const { x, y, count } = toRows(normalTracks(8, HELD_OUT));
      const output = model.predict(new Tensor('float32', x, [count, 2])).data as Float32Array;
      const mse = mseLoss.compute(output, y, count, 2, new Float32Array(count * 2));
      expect(mse).to.be.below(0.01);
      expect(HELD_OUT).to.not.be.oneOf(Object.values(SEEDS));
    });

    it('keeps every held-out normal walk below its threshold and puts every intruder above it', async () => {
      const { model, threshold } = await committed();
      const result = evaluateDetector(model, threshold, HELD_OUT, 16);
      expect(result.normal.below, 'normal walks below the threshold').to.equal(16);
      expect(result.intruder.above, 'intruder walks above the threshold').to.equal(16);
      expect(result.normal.highest, 'highest normal score').to.be.below(threshold / 1.5);
      expect(result.intruder.lowest, 'lowest intruder peak').to.be.above(1.5 * threshold);
    });
  });

  describe('IntrusionDetector#loadPretrained()', () => {
    let server: RunningServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    it("loads the file served over HTTP through WeightStore and FetchWeightBackend, as the page does", async () => {
      server = await startServer({ port: 0, root: join(ROOT, 'assets') });
      const store = new WeightStore({ name: WEIGHTS_NAME, backend: new FetchWeightBackend(`${server.url}weights/${WEIGHTS_NAME}.weights`) });
      const detector = new IntrusionDetector(new FrameScheduler());
      const header = await detector.loadPretrained(store);
      expect(header!.signature).to.equal(Mlp.create(MOVEMENT_MODEL).signature);
      expect(detector).to.include({ learned: true, pretrained: true, threshold: (await committed()).threshold });
      const error = await rejection(store.save(Mlp.create(MOVEMENT_MODEL), { replace: true }));
      expect(error).to.be.instanceOf(WeightStoreError).and.include({ reason: 'io' });
      expect(error.cause).to.be.instanceOf(ReadOnlyWeightsError);
    });

    it('resolves null and learns from scratch when the server has no weights (404)', async () => {
      server = await startServer({ port: 0, root: join(ROOT, 'assets') });
      const detector = new IntrusionDetector(new FrameScheduler());
      const store = new WeightStore({ name: 'absent', backend: new FetchWeightBackend(`${server.url}weights/absent.weights`) });
      expect(await detector.loadPretrained(store)).to.equal(null);
      expect(detector).to.include({ learned: false, pretrained: false });
    });

    it('rejects weights without a threshold with a DetectorWeightsError and stays unchanged', async () => {
      const store = new WeightStore({ name: 'no-threshold', backend: memoryBackend() });
      await store.save(Mlp.create({ ...MOVEMENT_MODEL, seed: 1 }), { optimizer: adam({ lr: 1e-3 }), metadata: { threshold: 'high' } });
      const detector = new IntrusionDetector(new FrameScheduler());
      const error = await rejection(detector.loadPretrained(store));
      expect(error).to.be.instanceOf(DetectorWeightsError);
      expect(error.message).to.match(/threshold/);
      expect(detector).to.include({ learned: false, pretrained: false });
    });
  });

  describe('IntrusionDetector with the committed weights', () => {
    it('scores the resident below the threshold from the first frame, alerts on the intruder and learns from normal movement only', async () => {
      const scheduler = new FrameScheduler({ budgetMs: 50 });
      const detector = new IntrusionDetector(scheduler);
      await detector.loadPretrained(new WeightStore({ name: WEIGHTS_NAME, directory: WEIGHTS }));
      const [resident] = normalTracks(1, HELD_OUT + 1, 20);
      const [intruder] = intruderTracks(1, HELD_OUT + 1);
      const normal = drive(detector, scheduler, { resident: resident! }, resident!.length);
      expect(Math.max(...normal), 'resident').to.be.below(detector.threshold);
      expect(detector.samples, 'normal frames kept').to.be.greaterThan(resident!.length / 2);
      expect(detector.steps, 'online training steps: one per 8 frames kept').to.be.closeTo(detector.samples / 8, 1);
      const kept = detector.samples;
      const intrusion = drive(detector, scheduler, { resident: [], intruder: intruder! }, intruder!.length + 2);
      expect(Math.max(...intrusion), 'intruder').to.be.above(detector.threshold);
      expect(detector.samples - kept, "intruder's frames kept").to.be.at.most(2);
      expect(intrusion.at(-1)).to.equal(0); // gone: nobody to score
      scheduler.dispose();
    });
  });

  describe('IntrusionDetector without weights', () => {
    it('learns the normal movement from the first minute, then scores and alerts on the intruder', () => {
      const scheduler = new FrameScheduler({ budgetMs: 2 }); // it trains in all the idle time until learned
      const detector = new IntrusionDetector(scheduler);
      const [resident] = normalTracks(1, HELD_OUT + 2, 70);
      const [intruder] = intruderTracks(1, HELD_OUT + 2);
      const frames = resident!.length;
      drive(detector, scheduler, { resident: resident! }, frames, (i) => (70 * i) / frames);
      expect(detector).to.include({ learned: true, pretrained: false });
      expect(detector.steps).to.be.at.least(300);
      const intrusion = drive(detector, scheduler, { resident: [], intruder: intruder! }, intruder!.length);
      expect(Math.max(...intrusion), 'intruder').to.be.above(detector.threshold);
      scheduler.dispose();
    });
  });
});
