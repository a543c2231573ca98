import { expect } from 'chai';
import { NormalizingSensor } from '../../src/sensors/normalizing-sensor.js';
import { VectorSensor } from '../../src/sensors/vector-sensor.js';
import { RunningNormalizer } from '../../src/fusion/running-normalizer.js';
import { bytesPerCall, written } from '../helpers/sensor-checks.js';

/** A vector sensor writing the next row of `rows` on each update. */
function rows(data: number[][]): VectorSensor {
  let i = 0;
  return new VectorSensor({ name: 'v', size: data[0].length, observe: (out) => { out.set(data[i++ % data.length]); } });
}

describe('NormalizingSensor', () => {
  describe('#constructor()', () => {
    it('keeps the wrapped name and spec; rejects a normaliser of another size', () => {
      const sensor = new NormalizingSensor({ sensor: rows([[1, 2]]) });
      expect(sensor.name).to.equal('v');
      expect(sensor.spec.shape).to.deep.equal([2]);
      expect(sensor.normalizer.size).to.equal(2);
      expect(() => new NormalizingSensor({ sensor: rows([[1, 2]]), normalizer: new RunningNormalizer({ size: 3 }) }))
        .to.throw(TypeError, /'normalizer'.*size 2.*got RunningNormalizer/);
      expect(() => new NormalizingSensor({ sensor: undefined as never })).to.throw(TypeError, /'sensor'.*got undefined/);
    });
  });

  describe('#update()', () => {
    it('learns from each observation, then writes it standardised', () => {
      const sensor = new NormalizingSensor({ sensor: rows([[0, 5], [2, 5], [4, 5]]) });
      sensor.update();
      expect(written(sensor)).to.deep.equal([0, 0]);
      sensor.update();
      sensor.update();
      const [x, y] = written(sensor);
      expect(x).to.be.closeTo(2 / Math.sqrt(8 / 3), 1e-4);
      expect(y).to.equal(0);
    });
    it('uses frozen statistics as they are', () => {
      const normalizer = new RunningNormalizer({ size: 1 });
      [10, 20].forEach((v) => normalizer.update([v]));
      normalizer.freeze();
      const sensor = new NormalizingSensor({ sensor: rows([[25]]), normalizer });
      sensor.update();
      expect(written(sensor)).to.deep.equal([2]);
      expect(normalizer.count).to.equal(2);
    });
    it('does not allocate in update() and write()', () => {
      const sensor = new NormalizingSensor({ sensor: rows([[1, 2, 3], [3, 2, 1]]) });
      const out = new Float32Array(3);
      expect(bytesPerCall(() => { sensor.update(); sensor.write(out, 0); })).to.be.below(4);
    });
  });

  describe('#reset() / #dispose()', () => {
    it('zeroes the observation; dispose twice is harmless', () => {
      const sensor = new NormalizingSensor({ sensor: rows([[1], [3]]) });
      sensor.update();
      sensor.update();
      sensor.reset();
      expect(written(sensor)).to.deep.equal([0]);
      sensor.dispose();
      sensor.dispose();
    });
  });
});
