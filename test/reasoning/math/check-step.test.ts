import { expect } from 'chai';
import { MathReasoner } from '../../../src/reasoning/math-reasoner.js';
import type { StepErrorKind } from '../../../src/reasoning/math/types.js';
import { int, seeded, sum } from './generated-problems.js';

const reasoner = new MathReasoner();

interface Planted { before: string; after: string; kind: StepErrorKind }

/** Wrong steps of every kind, planted in correct ones generated from `seed`. */
function plantedSteps(seed: number, count: number): Planted[] {
  const rand = seeded(seed);
  const out: Planted[] = [];
  for (let i = 0; i < count; i++) {
    const a = int(rand, 2, 9) * (rand() < 0.5 ? -1 : 1);
    const b = int(rand, -15, 15, true);
    const c = int(rand, -15, 15);
    const k = int(rand, -20, 20, true);
    const before = `${sum([[a, 'x'], [b, '']])} = ${c}`;
    const correct = c - b;
    const slip = [1, -1, 2, -2, 3].map((d) => correct + d).find((v) => v !== c + b && v !== c && v !== -correct)!;
    out.push(
      { before, after: `${a}x = ${c + b}`, kind: 'sign' },
      { before, after: `${a}x = ${slip}`, kind: 'arithmetic' },
      { before, after: `${a}x = ${c}`, kind: 'lost-term' },
      { before: `${a}x = ${k}`, after: `x = ${k}`, kind: 'illegal-operation' },
      { before: `${a}x = ${k}`, after: `x = ${-k}/${a}`, kind: 'sign' },
      { before: `${a}x^2 = ${k}x`, after: `${a}x = ${k}`, kind: 'illegal-operation' },
      { before: `x = ${k}`, after: `x^2 = ${k * k}`, kind: 'illegal-operation' },
      { before: `${sum([[a, 'x'], [b, '']])}`, after: `${sum([[a, 'x'], [-b, '']])}`, kind: 'sign' },
      { before: `(x ${b < 0 ? '-' : '+'} ${Math.abs(b)})(x + ${Math.abs(a) + 20})`, after: `${sum([[1, 'x^2'], [b * (Math.abs(a) + 20), '']])}`, kind: 'lost-term' },
    );
  }
  return out;
}

describe('MathReasoner', () => {
  describe('#checkStep()', () => {
    it('flags every planted wrong step with its kind and a hint', () => {
      const planted = plantedSteps(7, 25);
      for (const { before, after, kind } of planted) {
        const check = reasoner.checkStep(before, after);
        expect(check.valid, `${before} -> ${after}`).to.equal(false);
        expect(check.error, `${before} -> ${after}: ${check.message}`).to.equal(kind);
        expect(check.message).to.be.a('string');
      }
      expect(reasoner.checkStep('2x + 3 = 7', '2x = 10').hint).to.equal('Subtract 3 from both sides: 2x = 4');
    });

    it('names the mistake in words', () => {
      expect(reasoner.checkStep('2x + 3 = 7', '2x = 7').message).to.equal('The term 3 has been lost');
      expect(reasoner.checkStep('2x = 4', 'x = 4').message).to.match(/divided only the left side by 2/);
      expect(reasoner.checkStep('x^2 = 3x', 'x = 3').message).to.match(/divided both sides by x, which can be zero: the solution x = 0 is lost/);
      expect(reasoner.checkStep('x = 3', 'x^2 = 9').message).to.match(/squared both sides/);
      expect(reasoner.checkStep('x^2 - 2x - 3 = 0', 'x = 1 or x = -3').error).to.equal('sign');
      expect(reasoner.checkStep('x + y = 3, x - y = 1', 'x + y = 3; -2y = 2')).to.include({ valid: false, error: 'arithmetic' });
      expect(reasoner.checkStep('factor x^2 - 5x + 6', '(x + 2)(x - 3)')).to.include({ valid: false, error: 'arithmetic' });
      expect(reasoner.checkStep('derivative of x^3 + 2x', '3x^2')).to.include({ valid: false, error: 'lost-term' });
    });

    it('tells a slip in multiplying out a bracket from a term moved without changing its sign', () => {
      expect(reasoner.checkStep('2(x + 3) = 14', '2x - 6 = 14')).to.include({
        valid: false, error: 'sign', message: 'The sign of 6 is wrong: when expanding 2(x + 3), multiply every term inside by 2: 2x + 6',
      });
      expect(reasoner.checkStep('5 - 2(x - 3) = 1', '5 - 2x - 6 = 1').message).to.match(/when expanding -2\(x - 3\), multiply every term inside by -2: -2x \+ 6$/);
      expect(reasoner.checkStep('4 = -(x - 3)', '4 = -x - 3').message).to.match(/when expanding -\(x - 3\), multiply every term inside by -1: -x \+ 3$/);
      expect(reasoner.checkStep('x(x + 3) = 4', 'x^2 - 3x = 4')).to.include({ error: 'sign' });
      expect(reasoner.checkStep('2(x + 3)', '2x - 6').message).to.match(/when expanding 2\(x \+ 3\)/);
      expect(reasoner.checkStep('2(x + 3) = 14', '2x + 3 = 14')).to.include({
        error: 'arithmetic', message: 'The term 3 was not multiplied by 2: when expanding 2(x + 3), multiply every term inside by 2: 2x + 6',
      });
      expect(reasoner.checkStep('2(x + 3) = 14', '2x = 14 + 6').message).to.match(/a term that moves to the other side changes its sign/);
      expect(reasoner.checkStep('3(x - 1) = 2x + 5', '3x - 3 = 2x - 5')).to.include({ error: 'sign', message: 'The sign of 5 is wrong' });
      const rand = seeded(11);
      for (let i = 0; i < 25; i++) {
        const [k, b, c] = [int(rand, 2, 9) * (rand() < 0.5 ? -1 : 1), int(rand, -15, 15, true), int(rand, -15, 15)];
        const before = `${k}(x ${b < 0 ? '-' : '+'} ${Math.abs(b)}) = ${c}`;
        const check = reasoner.checkStep(before, `${sum([[k, 'x'], [-k * b, '']])} = ${c}`);
        expect(check, before).to.include({ valid: false, error: 'sign' });
        expect(check.message, before).to.include(`when expanding ${k}(x ${b < 0 ? '-' : '+'} ${Math.abs(b)}), multiply every term inside by ${k}`);
      }
    });

    it('raises no alarm on hand-written equivalent rewrites', () => {
      const valid: [string, string][] = [
        ['2x + 3 = 7', '3 + 2x = 7'], ['2x + 3 = 7', '2x = 7 - 3'], ['2x + 3 = 7', '4x + 6 = 14'], ['2x + 3 = 7', 'x + 3/2 = 7/2'],
        ['2x + 3 = 7', '7 = 2x + 3'], ['2x + 3 = 7', '-2x = -4'], ['3(x - 1) = 2x + 5', '3x - 3 - 2x = 5'], ['x/2 + 0.5 = 3', 'x + 1 = 6'],
        ['x^2 - 5x + 6 = 0', '(x - 2)(x - 3) = 0'], ['x^2 = 4', 'x = -2 or x = 2'], ['(x - 1)^2 = 0', 'x - 1 = 0'], ['x^2 - 2x - 1 = 0', 'x = 1 - sqrt(2) or x = 1 + sqrt(2)'],
        ['x + y = 3, x - y = 1', '2x = 4; x + y = 3'], ['x + y = 3, x - y = 1', 'y = 3 - x; x - (3 - x) = 1'],
        ['(x + 1)(x - 2)', 'x^2 - x - 2'], ['(x + 1)(x - 2)', 'x(x - 2) + (x - 2)'], ['2x + 3x - 4', 'x(2 + 3) - 4'], ['factor x^2 - 5x + 6', '(x - 3)(x - 2)'],
        ['derivative of sin(x) * x', 'x cos(x) + sin(x)'], ['sin(x)^2 + cos(x)^2', '1'], ['0.25x + 1/4', '(x + 1)/4'], ['2t + 3 = 7', 't = 2'],
      ];
      for (const [before, after] of valid) expect(reasoner.checkStep(before, after), `${before} -> ${after}`).to.deep.equal({ valid: true });
    });
  });

  describe('#nextStep()', () => {
    it('gives the collaborator\'s next step, null when done', () => {
      expect(reasoner.nextStep('2x + 3 = 7')).to.equal('Subtract 3 from both sides: 2x = 4');
      expect(reasoner.nextStep('factor x^2 - 5x + 6')).to.equal('Find two numbers that multiply to 6 and add to -5: -2 and -3. Factor the quadratic: (x - 2)(x - 3)');
      expect(reasoner.nextStep('x = 2')).to.equal(null);
      expect(reasoner.nextStep('x = -1 or x = 3')).to.equal(null);
      expect(reasoner.nextStep('5x - 4')).to.equal(null);
    });
  });
});
