import { expect } from 'chai';
import { ActionSpec } from '../../src/collaborator/action-spec.js';
import { SpecMismatchError } from '../../src/collaborator/errors.js';
import { MlpPolicy } from '../../src/collaborator/mlp-policy.js';
import type { DecisionBatch } from '../../src/collaborator/policy.js';
import { Tensor } from '../../src/runtime/tensor.js';
import { Mlp, NonFiniteError } from '../../src/learning/index.js';

/** A one-layer identity network whose output j is the sum of input j and input j + 3 (weights set by hand). */
function linear(outputs: number, scale = 1): Mlp {
  const mlp = Mlp.create({ sizes: [3, outputs], activations: ['identity'], seed: 1 });
  mlp.params.fill(0);
  for (let o = 0; o < outputs; o++) mlp.layer(0).weight[o * 3 + (o % 3)] = scale;
  return mlp;
}

function batch(rows: number[][], masks?: number[][]): DecisionBatch {
  // Two sensors: 'a' holds the first 2 floats of each agent, 'b' the last one.
  return {
    size: rows.length,
    observations: [
      new Tensor('float32', Float32Array.from(rows.flatMap((r) => r.slice(0, 2))), [rows.length, 2]),
      new Tensor('float32', Float32Array.from(rows.map((r) => r[2])), [rows.length, 1]),
    ],
    sensorNames: ['a', 'b'],
    ...(masks && { actionMasks: new Tensor('float32', Float32Array.from(masks.flat()), [rows.length, masks[0].length]) }),
  };
}

describe('MlpPolicy', () => {
  describe('#decide()', () => {
    it('concatenates each agent\'s sensors in order and decides the whole batch, clamping to [-1, 1]', async () => {
      const policy = new MlpPolicy(linear(3));
      const decisions = await policy.decide(batch([[0.1, 0.2, 0.3], [4, -5, 0.5]]));
      expect(decisions.map((d) => Array.from(d.continuous))).to.deep.equal([
        [0.1, 0.2, 0.3].map(Math.fround), [1, -1, 0.5],
      ]);
      const raw = await new MlpPolicy(linear(3), { clamp: false }).decide(batch([[4, -5, 0.5]]));
      expect(Array.from(raw[0].continuous)).to.deep.equal([4, -5, 0.5]);
    });
    it('picks the allowed discrete action with the largest logit', async () => {
      const spec = ActionSpec.discrete([3]);
      const policy = new MlpPolicy(linear(3), { actionSpec: spec });
      const decisions = await policy.decide(batch([[0.1, 0.9, 0.3], [0.1, 0.9, 0.3]], [[1, 1, 1], [1, 0, 1]]));
      expect(decisions.map((d) => d.discrete[0])).to.deep.equal([1, 2]);
    });
    it('rejects observations that do not add up to the model input', async () => {
      const policy = new MlpPolicy(Mlp.create({ sizes: [4, 2], activations: ['identity'], seed: 1 }));
      const error = await policy.decide(batch([[1, 2, 3]])).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(SpecMismatchError);
      expect((error as Error).message).to.match(/3 floats per agent.*takes 4/);
    });
    it('rejects a non-finite output with a NonFiniteError', async () => {
      const policy = new MlpPolicy(linear(1, 3e38), { clamp: false });
      const error = await policy.decide(batch([[3e38, 0, 0]])).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(NonFiniteError);
    });
  });

  describe('#updateWeights()', () => {
    it('swaps new weights in at the start of the next decide(), atomically', async () => {
      const model = linear(3);
      const policy = new MlpPolicy(model);
      const doubled = Float32Array.from(model.params, (p) => 2 * p);
      policy.updateWeights(doubled);
      expect(model.params[0]).to.equal(1); // nothing changes before a decision
      expect(policy.weightsVersion).to.equal(0);
      const [d] = await policy.decide(batch([[0.1, 0.2, 0.3]]));
      expect(Array.from(d.continuous)).to.deep.equal([0.2, 0.4, 0.6].map(Math.fround));
      expect(policy.weightsVersion).to.equal(1);
      expect(Array.from(model.params)).to.deep.equal(Array.from(doubled));
      expect(() => policy.updateWeights(new Float32Array(2))).to.throw(RangeError);
      expect(() => policy.updateWeights(new Float32Array(model.parameterCount).fill(NaN))).to.throw(NonFiniteError);
    });
  });

  describe('#dispose()', () => {
    it('is idempotent and makes decide() reject', async () => {
      const policy = new MlpPolicy(linear(3));
      policy.dispose();
      policy.dispose();
      const error = await policy.decide(batch([[0, 0, 0]])).catch((e: unknown) => e);
      expect((error as Error).message).to.match(/after dispose/);
    });
  });

  it('rejects a model whose outputs do not fit the action spec', () => {
    expect(() => new MlpPolicy(linear(3), { actionSpec: ActionSpec.hybrid(1, [3]) })).to.throw(SpecMismatchError, /outputs 3.*needs 4/);
    expect(() => new MlpPolicy({} as Mlp)).to.throw(TypeError, /model/);
  });
});
