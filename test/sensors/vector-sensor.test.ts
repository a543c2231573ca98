import { expect } from 'chai';
import { SpecMismatchError, VectorSensor } from '../../src/index.js';

describe('VectorSensor', () => {
  it('writes exactly its size at the offset, leaving the rest untouched', () => {
    const sensor = new VectorSensor({ name: 'score', size: 3, observe: (out) => out.set([1, 2, 3]) });
    const out = new Float32Array(7).fill(777);
    sensor.update();
    expect(sensor.write(out, 2)).to.equal(3);
    expect(Array.from(out)).to.deep.equal([777, 777, 1, 2, 3, 777, 777]);
    sensor.reset();
    sensor.write(out, 2);
    expect(Array.from(out.subarray(2, 5))).to.deep.equal([0, 0, 0]);
  });
  it('rejects values that are not finite, naming the index', () => {
    const sensor = new VectorSensor({ size: 2, observe: (out) => (out[1] = Infinity) });
    expect(() => sensor.update()).to.throw(SpecMismatchError, /'vector'.*Infinity at index 1/);
  });
  it('rejects bad options', () => {
    expect(() => new VectorSensor({ size: 0, observe: () => {} })).to.throw(RangeError, /size.*got 0/);
    expect(() => new VectorSensor({ size: 1 } as never)).to.throw(TypeError, /observe/);
  });
});
