import { expect } from 'chai';
import { MathReasoner } from '../../../src/reasoning/math-reasoner.js';
import { MathParseError } from '../../../src/reasoning/math/errors.js';

describe('MathSession', () => {
  it('lets the human and the collaborator take turns on one problem', () => {
    const session = new MathReasoner().session('solve 3(x - 1) = 2x + 5');
    expect(session.human('3x - 3 = 2x + 5')).to.deep.equal({ valid: true });
    expect(session.collaborator()).to.equal('Subtract 2x from both sides: x - 3 = 5');
    const wrong = session.human('x = 2');
    expect(wrong).to.include({ valid: false, error: 'sign', hint: 'Add 3 to both sides: x = 8' });
    expect(session.state).to.equal('x - 3 = 5');
    expect(session.done).to.equal(false);
    expect(session.human('x = 8').valid).to.equal(true);
    expect(session.done).to.equal(true);
    expect(session.collaborator()).to.equal(null);
    expect(session.history.map((t) => t.by)).to.deep.equal(['human', 'collaborator', 'human']);
  });

  it('ends when the collaborator concludes and switches a derivative to simplifying', () => {
    const reasoner = new MathReasoner();
    const none = reasoner.session('solve x^2 + 1 = 0');
    expect(none.collaborator()).to.match(/no real solution/);
    expect(none.done).to.equal(true);
    const derivative = reasoner.session('derivative of x^2 + x^2');
    expect(derivative.human('4x').valid).to.equal(true);
    expect(derivative.goal).to.equal('simplify');
    expect(derivative.done).to.equal(true);
  });

  it('throws MathParseError for a malformed step', () => {
    const session = new MathReasoner().session('solve 2x = 4');
    expect(() => session.human('x = ')).to.throw(MathParseError);
  });
});
