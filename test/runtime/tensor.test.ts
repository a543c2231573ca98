import { expect } from 'chai';
import { Tensor, shapeSize } from '../../src/index.js';

describe('Tensor', () => {
  it('views the typed array it is given', () => {
    const data = Float32Array.of(1, 2, 3, 4, 5, 6);
    const t = new Tensor('float32', data, [2, 3]);
    expect(t.data).to.equal(data);
    expect([t.size, t.rank, t.dims]).to.deep.equal([6, 2, [2, 3]]);
  });
  it('converts plain arrays, int64 as BigInt64Array', () => {
    expect(new Tensor('int64', [1, 2]).data).to.deep.equal(BigInt64Array.of(1n, 2n));
    expect(new Tensor('bool', [1, 0]).data).to.be.instanceOf(Uint8Array);
  });
  it('rejects data that does not fit the shape or the dtype', () => {
    expect(() => new Tensor('float32', new Float32Array(5), [2, 3])).to.throw(RangeError, /\[2, 3\] hold 6 elements but data has 5/);
    expect(() => new Tensor('float32', new Int32Array(2) as never)).to.throw(TypeError, /Float32Array.*got Int32Array/);
    expect(() => new Tensor('float16' as never, [1])).to.throw(TypeError, /dtype.*float16/);
    expect(() => new Tensor('float32', [1], [-1])).to.throw(RangeError, /dims\[0\]/);
  });
  it('zeros() and reshape() keep the size', () => {
    const t = Tensor.zeros('int32', [2, 2]);
    expect(t.reshape([4]).dims).to.deep.equal([4]);
    expect(() => t.reshape([3])).to.throw(RangeError);
    expect(shapeSize([])).to.equal(1);
  });
});
