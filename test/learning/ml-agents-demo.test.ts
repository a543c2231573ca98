import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { adam, demoToDataset, DemoFormatError, Mlp, mseLoss, readMLAgentsDemo, Trainer } from '../../src/learning/index.js';

const bytes = new Uint8Array(readFileSync(new URL('../../assets/models/ml-agents/Expert3DBall.demo', import.meta.url)));

describe('readMLAgentsDemo', () => {
  it('reads the metadata, the action space and every recorded step of Expert3DBall.demo', () => {
    const demo = readMLAgentsDemo(bytes);
    expect(demo.meta).to.include({ name: 'Expert3DBall', numberSteps: 549, numberEpisodes: 1 });
    expect(demo.brainParameters).to.deep.include({ brainName: '3DBallLearning', continuousSize: 2, discreteBranches: [] });
    expect(demo.steps).to.have.length(548); // the 549th message carries no action
    const first = demo.steps[0];
    expect(first.observations).to.have.length(1);
    expect(first.observations[0]).to.have.length(8);
    expect(first.actions.continuous).to.have.length(2);
    expect(demo.steps[1].reward).to.be.closeTo(0.1, 1e-6);
    for (const step of demo.steps) for (const a of step.actions.continuous) expect(a).to.be.within(-1, 1);
  });
  it('throws a DemoFormatError for bytes that are not a demo', () => {
    expect(() => readMLAgentsDemo(new Uint8Array(10))).to.throw(DemoFormatError);
    expect(() => readMLAgentsDemo(bytes.slice(0, 200))).to.throw(DemoFormatError, /step/);
  });
});

describe('demoToDataset', () => {
  it('clones the 3DBall expert: an 8 -> 2 MLP cuts its error on the demo well below an untrained one', async () => {
    const data = demoToDataset(readMLAgentsDemo(bytes));
    expect(data.x.dims).to.deep.equal([548, 8]);
    expect(data.y.dims).to.deep.equal([548, 2]);
    const model = Mlp.create({ sizes: [8, 32, 2], activations: ['tanh', 'identity'], seed: 1 });
    const trainer = new Trainer(model, { optimizer: adam({ lr: 5e-3 }), loss: mseLoss });
    const untrained = trainer.evaluate(data.x, data.y);
    await trainer.fit(data, { epochs: 40, batchSize: 32, seed: 2 });
    const trained = trainer.evaluate(data.x, data.y);
    // The expert's recorded actions are noisy (a sampled policy): about half of their variance is explainable
    // from the observations (measured: untrained ~0.21, trained ~0.10, a 8-64-64-2 MLP after 100 epochs ~0.10).
    expect(trained, `MSE on the demo: untrained ${untrained.toFixed(4)}, trained ${trained.toFixed(4)}`).to.be.below(untrained * 0.6);
  });
});
