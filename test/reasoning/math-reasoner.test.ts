import { expect } from 'chai';
import { evaluate } from 'mathjs';
import { MathReasoner } from '../../src/reasoning/math-reasoner.js';
import { MathParseError, MathProblemError } from '../../src/reasoning/math/errors.js';
import { generateProblems } from './math/generated-problems.js';

const reasoner = new MathReasoner();

/** Residuals of every equation of `problem` at `values` (implicit products written out for mathjs). */
function residuals(problem: string, values: Record<string, number>): number[] {
  const body = problem.replace(/^solve\s+/, '');
  return body.split(/[,;]/).map((equation) => {
    const [lhs, rhs] = equation.split('=');
    return (evaluate(lhs, values) as number) - (evaluate(rhs, values) as number);
  });
}

describe('MathReasoner', () => {
  describe('#solve()', () => {
    it('solves the examples of the brief step by step', () => {
      const linear = reasoner.solve('solve 2x + 3 = 7');
      expect(linear.steps).to.deep.equal(['Subtract 3 from both sides: 2x = 4', 'Divide both sides by 2: x = 2']);
      expect(linear.answer).to.deep.equal({ x: 2 });
      expect(reasoner.solve('solve 3(x - 1) = 2x + 5').answer).to.deep.equal({ x: 8 });
      expect(reasoner.solve('solve x^2 - 2x - 3 = 0').answer).to.deep.equal({ x: [-1, 3] });
      expect(reasoner.solve('solve x^2 - 6x + 9 = 0').answer).to.deep.equal({ x: [3] });
      expect(reasoner.solve('solve x + y = 3, x - y = 1').answer).to.deep.equal({ x: 2, y: 1 });
      expect(reasoner.solve('x + y + z = 6; 2x - y + z = 3; x + 2y - z = 2').answer).to.deep.equal({ x: 1, y: 2, z: 3 });
      expect(reasoner.solve('solve x/2 + 0.5 = 3').answer).to.deep.equal({ x: 5 });
      expect(reasoner.solve('solve 7 = 2t + 3').answer).to.deep.equal({ t: 2 });
    });

    it('reports no real roots, no solution and infinitely many solutions', () => {
      const none = reasoner.solve('solve x^2 + 2x + 5 = 0');
      expect(none.answer).to.deep.equal({ x: [] });
      expect(none.solutions).to.equal('none');
      expect(none.steps.at(-1)).to.match(/no real solution/);
      expect(reasoner.solve('solve 2x + 1 = 2x + 3').solutions).to.equal('none');
      expect(reasoner.solve('solve x + y = 3, 2x + 2y = 5')).to.include({ solutions: 'none' });
      const many = reasoner.solve('solve x + y = 3, 2x + 2y = 6');
      expect(many.solutions).to.equal('infinite');
      expect(many.steps.at(-1)).to.match(/infinitely many/);
    });

    it('simplifies, expands, factors and differentiates', () => {
      expect(reasoner.solve('simplify 2x + 3x - 4')).to.include({ result: '5x - 4' });
      const expanded = reasoner.solve('expand (x + 1)(x - 2)');
      expect(expanded.steps).to.deep.equal(['Multiply out the brackets: x^2 - 2x + x - 2', 'Combine like terms: x^2 - x - 2']);
      expect(reasoner.solve('factor x^2 - 5x + 6').result).to.equal('(x - 2)(x - 3)');
      expect(reasoner.solve('factor 2x^2 + 6x').result).to.equal('2x(x + 3)');
      expect(reasoner.solve('factor 4x^2 - 9').result).to.equal('(2x + 3)(2x - 3)');
      expect(reasoner.solve('derivative of x^3 + 2x').result).to.equal('3x^2 + 2');
      const product = reasoner.solve('d/dx sin(x) * x');
      expect(product.steps[0]).to.match(/^Product rule/);
      expect(reasoner.checkStep('x cos(x) + sin(x)', product.result!).valid).to.equal(true);
    });

    it('solves 100+ generated problems, verified by substitution, through steps it accepts itself', () => {
      const problems = generateProblems(20240607, 30);
      expect(problems.length).to.be.at.least(100);
      for (const { problem, kind } of problems) {
        const solution = reasoner.solve(problem);
        expect(solution.solutions, problem).to.equal('finite');
        const values = Object.entries(solution.answer);
        const roots = (values[0][1] as number[] | number);
        if (Array.isArray(roots)) {
          expect(roots.length, problem).to.be.greaterThan(0);
          for (const r of roots) expect(Math.abs(residuals(problem, { x: r })[0]), `${problem} at ${r}`).to.be.lessThan(1e-8);
        } else {
          for (const res of residuals(problem, solution.answer as Record<string, number>)) expect(Math.abs(res), `${kind}: ${problem}`).to.be.lessThan(1e-9);
        }
        for (let i = 0; i + 1 < solution.states.length; i++) {
          const check = reasoner.checkStep(solution.states[i], solution.states[i + 1]);
          expect(check, `${solution.states[i]} -> ${solution.states[i + 1]}`).to.deep.equal({ valid: true });
        }
      }
    });

    it('throws MathParseError naming the input and position, MathProblemError for unsupported problems', () => {
      expect(() => reasoner.solve('solve 2x + * 3 = 7')).to.throw(MathParseError).with.property('position', 11);
      expect(() => reasoner.solve('solve x ==2')).to.throw(MathParseError).with.property('input', 'solve x ==2');
      expect(() => reasoner.solve('solve')).to.throw(MathParseError);
      expect(() => reasoner.solve('solve x^3 = 8')).to.throw(MathProblemError, /degree 3/);
      expect(() => reasoner.solve('solve x + y = 3')).to.throw(MathProblemError);
      expect(() => reasoner.checkStep('2x = 4', 'x = (2')).to.throw(MathParseError);
    });
  });
});
