import { expect } from 'chai';
import { adam, NonFiniteError, sgd } from '../../src/learning/index.js';

describe('adam', () => {
  describe('#step()', () => {
    it('equals a hand-computed Adam for three steps (with L2 weight decay)', () => {
      const lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.01;
      const optimizer = adam({ lr, beta1: b1, beta2: b2, eps, weightDecay: wd });
      const params = Float32Array.of(0.5, -1.5);
      const gradients = [[0.2, -0.4], [-0.1, 0.3], [0.05, 0.05]];
      // The textbook algorithm, in double precision.
      let p = [0.5, -1.5];
      const m = [0, 0], v = [0, 0];
      gradients.forEach((g, step) => {
        const t = step + 1;
        p = p.map((pi, i) => {
          const gi = g[i] + wd * pi;
          m[i] = b1 * m[i] + (1 - b1) * gi;
          v[i] = b2 * v[i] + (1 - b2) * gi * gi;
          const mHat = m[i] / (1 - b1 ** t);
          const vHat = v[i] / (1 - b2 ** t);
          return pi - (lr * mHat) / (Math.sqrt(vHat) + eps);
        });
        optimizer.step(params, Float32Array.from(g));
        expect(params[0]).to.be.closeTo(p[0], 1e-6);
        expect(params[1]).to.be.closeTo(p[1], 1e-6);
      });
      expect(optimizer.steps).to.equal(3);
    });
    it('clips the global gradient norm before the update', () => {
      const grads = Float32Array.of(3, 4);
      adam({ lr: 0.1, clipNorm: 1 }).step(new Float32Array(2), grads);
      expect(grads[0]).to.be.closeTo(0.6, 1e-6);
      expect(grads[1]).to.be.closeTo(0.8, 1e-6);
    });
    it('throws a NonFiniteError and leaves the parameters unchanged for a NaN gradient', () => {
      const params = Float32Array.of(1, 2);
      expect(() => adam({ lr: 0.1 }).step(params, Float32Array.of(NaN, 0))).to.throw(NonFiniteError);
      expect(Array.from(params)).to.deep.equal([1, 2]);
    });
    it('serves one model: a buffer of another length is a RangeError', () => {
      const optimizer = adam({ lr: 0.1 });
      optimizer.step(new Float32Array(2), new Float32Array(2));
      expect(() => optimizer.step(new Float32Array(3), new Float32Array(3))).to.throw(RangeError, /one optimiser per model/);
    });
  });
  describe('#state()', () => {
    it('round-trips through loadState and continues identically', () => {
      const a = adam({ lr: 0.05 });
      const b = adam({ lr: 0.05 });
      const pa = Float32Array.of(1, -1), pb = Float32Array.of(1, -1);
      a.step(pa, Float32Array.of(0.3, 0.1));
      b.loadState(a.state());
      pb.set(pa);
      a.step(pa, Float32Array.of(-0.2, 0.4));
      b.step(pb, Float32Array.of(-0.2, 0.4));
      expect(Array.from(pb)).to.deep.equal(Array.from(pa));
      expect(() => b.loadState({ kind: 'sgd', steps: 0, slots: [] })).to.throw(TypeError, /adam/);
    });
  });
  it('rejects bad options, naming them', () => {
    expect(() => adam({ lr: 0 })).to.throw(RangeError, /'lr'.*got 0/);
    expect(() => adam({ lr: 0.1, beta1: 1 })).to.throw(RangeError, /beta1/);
    expect(() => adam({ lr: 0.1, weightDecay: -1 })).to.throw(RangeError, /weightDecay/);
    expect(() => adam({ lr: 0.1, clipNorm: 0 })).to.throw(RangeError, /clipNorm/);
  });
});

describe('sgd', () => {
  describe('#step()', () => {
    it('applies momentum as PyTorch does, with L2 weight decay', () => {
      const optimizer = sgd({ lr: 0.1, momentum: 0.9, weightDecay: 0.5 });
      const params = Float32Array.of(1);
      optimizer.step(params, Float32Array.of(1)); // g = 1 + 0.5 = 1.5, v = 1.5, p = 1 - 0.15
      expect(params[0]).to.be.closeTo(0.85, 1e-6);
      optimizer.step(params, Float32Array.of(1)); // g = 1.425, v = 0.9 * 1.5 + 1.425 = 2.775, p = 0.85 - 0.2775
      expect(params[0]).to.be.closeTo(0.5725, 1e-6);
    });
  });
  it('rejects bad options, naming them', () => {
    expect(() => sgd({ lr: -1 })).to.throw(RangeError, /lr/);
    expect(() => sgd({ lr: 0.1, momentum: 1 })).to.throw(RangeError, /momentum/);
  });
});
