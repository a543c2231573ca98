import { expect } from 'chai';
import { ObservationSpec } from '../../src/index.js';

describe('ObservationSpec', () => {
  it('vector(n) is a flat vector of n floats', () => {
    const spec = ObservationSpec.vector(8);
    expect([spec.kind, spec.shape, spec.size, spec.modality]).to.deep.equal(['vector', [8], 8, 'vector']);
  });
  it('visual(c, h, w) is NCHW', () => {
    const spec = ObservationSpec.visual(3, 84, 84);
    expect([spec.kind, spec.shape, spec.size]).to.deep.equal(['visual', [3, 84, 84], 3 * 84 * 84]);
  });
  it('variableLength(maxCount, size) pads entities', () => {
    expect(ObservationSpec.variableLength(20, 6).shape).to.deep.equal([20, 6]);
  });
  it('withModality() tags without changing the layout', () => {
    const a = ObservationSpec.vector(4);
    const b = a.withModality('motion');
    expect(b.modality).to.equal('motion');
    expect(a.equals(b)).to.equal(false);
    expect(b.equals(ObservationSpec.vector(4, 'motion'))).to.equal(true);
    expect(b.toString()).to.equal('vector[4] (motion)');
  });
  it('rejects bad sizes naming the option and the value', () => {
    expect(() => ObservationSpec.vector(0)).to.throw(RangeError, /'n'.*got 0/);
    expect(() => ObservationSpec.visual(1, -2, 3)).to.throw(RangeError, /'h'.*got -2/);
    expect(() => ObservationSpec.variableLength(2, NaN)).to.throw(RangeError, /'size'.*got NaN/);
  });
});
