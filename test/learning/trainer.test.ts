import { expect } from 'chai';
import { SpecMismatchError } from '../../src/collaborator/errors.js';
import { Tensor } from '../../src/runtime/tensor.js';
import { adam, Mlp, mseLoss, NonFiniteError, sgd, Trainer } from '../../src/learning/index.js';
import { teacherDataset } from '../../src/learning/teacher-task.js';

const SEED_MODEL = { sizes: [10, 20, 10], activations: ['relu', 'relu'] } as const;

function seedModel(seed: number): Mlp {
  return Mlp.create({ sizes: [...SEED_MODEL.sizes], activations: [...SEED_MODEL.activations], seed });
}

describe('Trainer', () => {
  describe('#fit()', () => {
    it('cuts the loss of the seed model (10-20-10 ReLU, MSE, Adam 1e-3, batch 32) at least 10x on a teacher task', async () => {
      const data = teacherDataset(seedModel(2024), 2000, 1);
      const trainer = new Trainer(seedModel(7), { optimizer: adam({ lr: 1e-3 }), loss: mseLoss });
      const before = trainer.evaluate(data.x, data.y);
      const history = await trainer.fit(data, { epochs: 40, batchSize: 32, seed: 3 });
      const after = trainer.evaluate(data.x, data.y);
      expect(history.loss).to.have.length(40);
      expect(before / after, `loss ${before} -> ${after}`).to.be.at.least(10);
    });
    it('reports a validation loss per epoch from a held-out fraction', async () => {
      const data = teacherDataset(seedModel(1), 100, 2);
      const history = await new Trainer(seedModel(2), { optimizer: sgd({ lr: 0.01 }), loss: mseLoss })
        .fit(data, { epochs: 3, batchSize: 16, validation: 0.2, seed: 1 });
      expect(history.loss).to.have.length(3);
      expect(history.validationLoss).to.have.length(3);
      expect(history.validationLoss!.every(Number.isFinite)).to.equal(true);
    });
    it('is reproducible with a seed', async () => {
      const data = teacherDataset(seedModel(1), 64, 2);
      const run = async () => (await new Trainer(seedModel(5), { optimizer: adam({ lr: 0.01 }), loss: mseLoss }).fit(data, { epochs: 2, batchSize: 8, seed: 9 })).loss;
      expect(await run()).to.deep.equal(await run());
    });
    it('rejects bad options and shapes, naming them', async () => {
      const trainer = new Trainer(seedModel(1), { optimizer: adam({ lr: 0.01 }), loss: mseLoss });
      const data = teacherDataset(seedModel(1), 10, 2);
      await trainer.fit(data, { epochs: 0, batchSize: 4 }).then(() => expect.fail(), (e: Error) => expect(e.message).to.match(/epochs/));
      await trainer.fit(data, { epochs: 1, batchSize: 4, validation: 1 }).then(() => expect.fail(), (e: Error) => expect(e.message).to.match(/validation/));
      const wrong = { x: new Tensor('float32', new Float32Array(10 * 3), [10, 3]), y: data.y };
      await trainer.fit(wrong, { epochs: 1, batchSize: 4 }).then(() => expect.fail(), (e: Error) => expect(e).to.be.instanceOf(SpecMismatchError));
    });
  });

  describe('#step()', () => {
    it('returns the batch loss and updates the parameters', async () => {
      const data = teacherDataset(seedModel(1), 32, 2);
      const model = seedModel(3);
      const before = model.params.slice();
      const loss = await new Trainer(model, { optimizer: adam({ lr: 0.01 }), loss: mseLoss }).step(data.x, data.y);
      expect(loss).to.be.greaterThan(0);
      expect(Array.from(model.params)).to.not.deep.equal(Array.from(before));
    });
    it('rejects NaN targets with a NonFiniteError and leaves the parameters unchanged', async () => {
      const model = seedModel(3);
      const before = Array.from(model.params);
      const y = new Float32Array(20).fill(NaN);
      const error = await new Trainer(model, { optimizer: adam({ lr: 0.01 }), loss: mseLoss })
        .step(new Tensor('float32', new Float32Array(20), [2, 10]), new Tensor('float32', y, [2, 10])).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(NonFiniteError);
      expect(Array.from(model.params)).to.deep.equal(before);
    });
  });

  it('rejects bad options, naming them', () => {
    expect(() => new Trainer(seedModel(1), { optimizer: {} as never, loss: mseLoss })).to.throw(TypeError, /optimizer/);
    expect(() => new Trainer(seedModel(1), { optimizer: adam({ lr: 1 }), loss: undefined as never })).to.throw(TypeError, /loss/);
  });
});
