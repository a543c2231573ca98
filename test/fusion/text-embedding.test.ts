import { expect } from 'chai';
import { TextEmbedding } from '../../src/fusion/text-embedding.js';

function cos(a: Float32Array, b: Float32Array): number {
  return a.reduce((s, v, i) => s + v * b[i], 0);
}

describe('TextEmbedding', () => {
  describe('#constructor()', () => {
    it('resolves defaults and rejects bad options, naming the option and the value', () => {
      expect(new TextEmbedding().options).to.deep.equal({ dimensions: 256, minN: 2, maxN: 4, words: true, lowerCase: true, stripPunctuation: true });
      expect(() => new TextEmbedding({ dimensions: 7 })).to.throw(RangeError, /'dimensions'.*got 7/);
      expect(() => new TextEmbedding({ minN: 3, maxN: 2 })).to.throw(RangeError, /'maxN'.*\[3, 8\].*got 2/);
      expect(() => new TextEmbedding({ words: 1 as never })).to.throw(TypeError, /'words'.*got 1/);
    });
  });

  describe('#normalize() / #tokenize()', () => {
    it('applies NFKC, lower case, punctuation stripping and whitespace collapsing', () => {
      const e = new TextEmbedding();
      expect(e.normalize('  Ｈｅｌｌｏ,\tWORLD!!  ﬁne… ')).to.equal('hello world fine');
      expect(e.tokenize("Where's the café?")).to.deep.equal(['where', 's', 'the', 'café']);
      expect(e.tokenize(' ?! ')).to.deep.equal([]);
      const raw = new TextEmbedding({ lowerCase: false, stripPunctuation: false });
      expect(raw.normalize(' Hi,  you! ')).to.equal('Hi, you!');
    });
  });

  describe('#embed()', () => {
    it('is a deterministic unit vector of the set length', () => {
      const e = new TextEmbedding({ dimensions: 64 });
      const v = e.embed('hello world');
      expect(v.length).to.equal(64);
      expect(cos(v, v)).to.be.closeTo(1, 1e-6);
      expect(Array.from(e.embed('Hello, WORLD!'))).to.deep.equal(Array.from(v));
      expect(Array.from(e.embed('...'))).to.deep.equal(new Array(64).fill(0));
    });
    it('is closer for texts sharing words and subwords', () => {
      const e = new TextEmbedding();
      const a = e.embed('where is the exit');
      expect(cos(a, e.embed('where is the exit door'))).to.be.above(cos(a, e.embed('thank you very much')) + 0.3);
      expect(cos(e.embed('painting'), e.embed('paintings'))).to.be.above(0.6);
    });
    it('writes into a given buffer and rejects a short one', () => {
      const e = new TextEmbedding({ dimensions: 8 });
      const out = new Float32Array(10).fill(5);
      expect(e.embed('hi', out)).to.equal(out);
      expect(out[8]).to.equal(5);
      expect(() => e.embed('hi', new Float32Array(4))).to.throw(RangeError, /at least 8 floats, got 4/);
    });
  });
});
