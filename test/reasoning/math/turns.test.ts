import { expect } from 'chai';
import { MathReasoner } from '../../../src/reasoning/math-reasoner.js';
import { generateProblems } from './generated-problems.js';

const reasoner = new MathReasoner();

/** The roots a final `solve` state stands for, ascending. */
function rootsOf(state: string): number[] {
  const answer = reasoner.solve(`solve ${state}`).answer.x;
  return Array.isArray(answer) ? answer : [answer];
}

describe('MathReasoner collaborator turns', () => {
  it('sets each factor of a product equal to zero instead of expanding it again', () => {
    expect(reasoner.solve('solve (x - 2)(x - 3) = 0').steps).to.deep.equal([
      'Set each factor equal to zero: x - 2 = 0 or x - 3 = 0', 'Solve each equation: x = 2 or x = 3',
    ]);
    expect(reasoner.solve('solve x^2 - 5x + 6 = 0').steps).to.deep.equal([
      'Factor the left side: (x - 2)(x - 3) = 0', 'Set each factor equal to zero: x - 2 = 0 or x - 3 = 0', 'Solve each equation: x = 2 or x = 3',
    ]);
    expect(reasoner.solve('solve 2x(x + 3) = 0').answer).to.deep.equal({ x: [-3, 0] });
    expect(reasoner.solve('solve 0 = -(2x + 1)(x - 1)').answer).to.deep.equal({ x: [-0.5, 1] });
    expect(reasoner.solve('solve (x - 2)(x + 2)/2 = 0').answer).to.deep.equal({ x: [-2, 2] });
    expect(reasoner.solve('solve (x - 3)^2 = 0').steps).to.deep.equal(['The factor is squared, so there is one (double) root: x - 3 = 0', 'Add 3 to both sides: x = 3']);
    expect(reasoner.solve('solve x^2 = 0').steps).to.deep.equal(['The factor is squared, so there is one (double) root: x = 0']);
    expect(reasoner.nextStep('x - 2 = 0 or 2x + 1 = 0')).to.equal('Solve each equation: x = -1/2 or x = 2');
  });

  it('accepts irrational roots written with sqrt as a final state', () => {
    const session = reasoner.session('solve x^2 - 2x - 1 = 0');
    expect(session.collaborator()).to.match(/quadratic formula .*: x = 1 - sqrt\(2\) or x = 1 \+ sqrt\(2\)$/);
    expect(session.state).to.equal('x = 1 - sqrt(2) or x = 1 + sqrt(2)');
    expect(session.done).to.equal(true);
    expect(session.collaborator()).to.equal(null);
    expect(reasoner.nextStep('x = -sqrt(2) or x = sqrt(2)')).to.equal(null);
    const [low, high] = rootsOf(session.state);
    expect(low).to.be.closeTo(1 - Math.SQRT2, 1e-12);
    expect(high).to.be.closeTo(1 + Math.SQRT2, 1e-12);
  });

  it('moves every state of a generated solution on to the next one', () => {
    for (const { problem } of generateProblems(20240607, 30)) {
      const { states } = reasoner.solve(problem);
      for (let i = 0; i + 1 < states.length; i++) {
        const session = reasoner.session(`solve ${states[i]}`);
        expect(session.collaborator(), `${problem}: ${states[i]}`).to.be.a('string');
        expect(session.state, `${problem}: ${states[i]}`).to.equal(states[i + 1]);
      }
    }
  });

  it('finishes every generated quadratic from its start within a few turns, at the right roots', () => {
    const quadratics = generateProblems(20240607, 30).filter(({ kind }) => kind.startsWith('quadratic'));
    expect(quadratics.length).to.be.at.least(40);
    for (const { problem } of quadratics) {
      const session = reasoner.session(problem);
      let turns = 0;
      while (!session.done) {
        expect(turns, `${problem}: ${session.history.map((t) => t.state).join(' | ')}`).to.be.below(8);
        expect(session.collaborator(), problem).to.be.a('string');
        turns++;
      }
      const expected = reasoner.solve(problem).answer.x as number[];
      const reached = rootsOf(session.state);
      expect(reached.length, `${problem} -> ${session.state}`).to.equal(expected.length);
      reached.forEach((r, i) => expect(r, `${problem} -> ${session.state}`).to.be.closeTo(expected[i], 1e-9));
    }
  });
});
