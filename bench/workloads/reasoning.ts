/**
 * `reasoning/solve-linear` and `reasoning/check-step`: per-call time (ms) of MathReasoner.
 * mathjs has no step-by-step equation solver or step checker, so the peers are the closest mathjs calls:
 * `rationalize` reducing the equation's difference to a polynomial (the core of solving a linear equation)
 * and `simplify` deciding that the difference of two steps' sides is zero (a symbolic equivalence check).
 * Ours does more work per call (steps and sentences, classification of the mistake).
 */
import { rationalize, simplify } from 'mathjs';
import { MathReasoner } from '../../src/reasoning/math-reasoner.js';
import { measureAlternating, type BenchResult, type BenchWorkload } from '../harness.js';

const RUNS = 200;

export const workloads: BenchWorkload[] = [{
  id: 'reasoning',
  async run(): Promise<BenchResult[]> {
    const reasoner = new MathReasoner();
    const solve = await measureAlternating({
      ours: () => reasoner.solve('solve 3(x - 1) = 2x + 5'),
      'mathjs-rationalize': () => rationalize('3(x - 1) - (2x + 5)', {}, true),
    }, { runs: RUNS, warmup: 20 });
    const check = await measureAlternating({
      ours: () => reasoner.checkStep('3(x - 1) = 2x + 5', '3x - 3 = 2x + 5'),
      'mathjs-simplify': () => simplify('(3(x - 1) - (2x + 5)) - ((3x - 3) - (2x + 5))').toString() === '0',
    }, { runs: RUNS, warmup: 20 });
    const notes = `median of ${RUNS} after 20 warm-ups; ours includes parsing, steps in words (solve) and the verdict (check)`;
    return [
      { id: 'reasoning/solve-linear', unit: 'ms', ours: solve.ours, peers: { 'mathjs-rationalize': solve['mathjs-rationalize'] }, runs: RUNS, notes },
      { id: 'reasoning/check-step', unit: 'ms', ours: check.ours, peers: { 'mathjs-simplify': check['mathjs-simplify'] }, runs: RUNS, notes },
    ];
  },
}];
