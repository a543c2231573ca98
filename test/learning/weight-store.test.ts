import { expect } from 'chai';
import { mkdtemp, readdir, rm, writeFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { adam, FileWeightBackend, Mlp, WeightStore, WeightStoreError, type FileOperations } from '../../src/learning/index.js';
import { nodeFileOperations } from '../../src/learning/file-weight-backend.js';

function model(seed: number, sizes = [3, 4, 2]): Mlp {
  return Mlp.create({ sizes, activations: ['relu', 'identity'], seed });
}

async function rejection(promise: Promise<unknown>): Promise<WeightStoreError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).to.be.instanceOf(WeightStoreError);
  return error as WeightStoreError;
}

describe('WeightStore', () => {
  let directory: string;
  beforeEach(async () => (directory = await mkdtemp(path.join(os.tmpdir(), 'weights-'))));
  afterEach(() => rm(directory, { recursive: true, force: true }));

  describe('#save()', () => {
    it('round-trips weights, optimiser state and metadata through a file', async () => {
      const store = new WeightStore({ name: 'agent', directory });
      const source = model(1);
      const optimizer = adam({ lr: 0.01 });
      optimizer.step(source.params, new Float32Array(source.parameterCount).fill(0.5));
      const saved = await store.save(source, { optimizer, metadata: { episode: 3 } });
      expect(saved).to.include({ formatVersion: 1, signature: 'mlp:3-4-2:relu,identity', parameterCount: source.parameterCount });
      const target = model(2);
      const resumed = adam({ lr: 0.01 });
      const header = await store.load(target, { optimizer: resumed });
      expect(header!.metadata).to.deep.equal({ episode: 3 });
      expect(Array.from(target.params)).to.deep.equal(Array.from(source.params));
      expect(resumed.steps).to.equal(1);
      expect(resumed.state().slots.map((s) => Array.from(s))).to.deep.equal(optimizer.state().slots.map((s) => Array.from(s)));
    });
    it('keeps the replaced version as the previous one', async () => {
      const store = new WeightStore({ name: 'agent', directory });
      const first = model(1), second = model(2), target = model(3);
      await store.save(first);
      await store.save(second);
      await store.load(target, { version: 'previous' });
      expect(Array.from(target.params)).to.deep.equal(Array.from(first.params));
    });
    it('refuses to overwrite weights of another architecture unless asked', async () => {
      const store = new WeightStore({ name: 'agent', directory });
      await store.save(model(1));
      expect((await rejection(store.save(model(1, [3, 5, 2])))).reason).to.equal('signature-mismatch');
      await store.save(model(1, [3, 5, 2]), { replace: true });
      expect((await store.info())!.signature).to.equal('mlp:3-5-2:relu,identity');
    });
    it('keeps the old version intact when the process dies between the write and the rename', async () => {
      const good = model(1);
      await new WeightStore({ name: 'agent', directory }).save(good);
      const real = await nodeFileOperations();
      const crashing: FileOperations = {
        ...real,
        rename: (from, to) => (to.endsWith('agent.weights') ? Promise.reject(new Error('simulated crash')) : real.rename(from, to)),
        unlink: () => Promise.reject(new Error('simulated crash')), // a dead process cleans nothing up
      };
      const crashed = new WeightStore({ name: 'agent', backend: new FileWeightBackend(directory, 'agent', crashing) });
      expect((await rejection(crashed.save(model(2)))).reason).to.equal('io');
      expect((await readdir(directory)).some((f) => f.startsWith('agent.tmp-'))).to.equal(true); // the orphaned temp file

      const restarted = new WeightStore({ name: 'agent', directory });
      const target = model(3);
      await restarted.load(target);
      expect(Array.from(target.params)).to.deep.equal(Array.from(good.params));
      await restarted.save(model(4));
      expect((await readdir(directory)).some((f) => f.startsWith('agent.tmp-'))).to.equal(false); // cleaned by the next save
    });
  });

  describe('#load()', () => {
    it('returns null and leaves the model alone when nothing is stored', async () => {
      const target = model(1);
      const before = Array.from(target.params);
      expect(await new WeightStore({ name: 'none', directory }).load(target)).to.equal(null);
      expect(Array.from(target.params)).to.deep.equal(before);
    });
    it('throws a signature-mismatch error for another architecture, leaving the model unchanged', async () => {
      const store = new WeightStore({ name: 'agent', directory });
      await store.save(model(1));
      const other = Mlp.create({ sizes: [3, 4, 2], activations: ['tanh', 'identity'], seed: 1 });
      const before = Array.from(other.params);
      expect((await rejection(store.load(other))).reason).to.equal('signature-mismatch');
      expect(Array.from(other.params)).to.deep.equal(before);
    });
    it('throws a corrupt error for a damaged file, and the previous good version stays loadable', async () => {
      const store = new WeightStore({ name: 'agent', directory });
      const good = model(1);
      await store.save(good);
      await store.save(model(2));
      const file = path.join(directory, 'agent.weights');
      const bytes = await readFile(file);
      bytes[bytes.length - 10] ^= 0xff;
      await writeFile(file, bytes);
      const target = model(3);
      const before = Array.from(target.params);
      expect((await rejection(store.load(target))).reason).to.equal('corrupt');
      expect(Array.from(target.params)).to.deep.equal(before);
      await store.load(target, { version: 'previous' });
      expect(Array.from(target.params)).to.deep.equal(Array.from(good.params));
      // Saving over the corrupt version does not rotate it into the previous one.
      await store.save(model(4));
      await store.load(target, { version: 'previous' });
      expect(Array.from(target.params)).to.deep.equal(Array.from(good.params));
    });
    it('throws an optimizer-mismatch error for another optimiser kind', async () => {
      const store = new WeightStore({ name: 'agent', directory });
      await store.save(model(1));
      expect((await rejection(store.load(model(1), { optimizer: adam({ lr: 0.1 }) }))).reason).to.equal('optimizer-mismatch');
    });
  });

  it('rejects bad options, naming them', () => {
    expect(() => new WeightStore({ name: '../evil' })).to.throw(TypeError, /name/);
    expect(() => new WeightStore({ name: 'a', backend: {} as never })).to.throw(TypeError, /backend/);
  });
});
