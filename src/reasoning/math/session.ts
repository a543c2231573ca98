/** Turn-taking on one problem: the human and the collaborator each take steps on a shared state. */
import { checkStep } from './check-step.js';
import { nextMove } from './next-step.js';
import { parseProblem } from './parse-problem.js';
import type { MathGoal, StepCheck } from './types.js';

/** One turn taken. */
export interface MathTurn {
  /** Who took it. */
  readonly by: 'human' | 'collaborator';
  /** What was written: the human's new state, or the collaborator's sentence. */
  readonly step: string;
  /** The state after the turn. */
  readonly state: string;
}

/**
 * A problem worked in turns. The human's steps are checked and only valid ones change the state; the
 * collaborator's steps come from the reasoner. After the derivative has been taken, the goal becomes `simplify`.
 */
export class MathSession {
  /** What the problem asks for now. */
  get goal(): MathGoal { return this.currentGoal; }
  /** The current equation, system or expression. */
  get state(): string { return this.currentState; }
  /** The turns taken so far, oldest first. */
  readonly history: MathTurn[] = [];
  private currentGoal: MathGoal;
  private currentState: string;
  private concluded = false;

  /** @param problem - a problem as text, e.g. `solve 2x + 3 = 7`; throws MathParseError when malformed. */
  constructor(problem: string) {
    const parsed = parseProblem(problem);
    this.currentGoal = parsed.goal;
    this.currentState = parsed.body;
  }

  /** True when the state is final (solved, or in its final form) or the collaborator has concluded. */
  get done(): boolean {
    return this.concluded || nextMove(this.command()) === undefined;
  }

  /** Checks the human's step to `after`; a valid one becomes the new state. Throws MathParseError when malformed. */
  human(after: string): StepCheck {
    const check = checkStep(this.command(), after);
    if (check.valid) this.advance('human', after.trim(), after.trim());
    return check;
  }

  /** Takes the collaborator's next step and returns its sentence, or null when there is nothing left to do. */
  collaborator(): string | null {
    if (this.concluded) return null;
    const move = nextMove(this.command());
    if (!move) return null;
    if (move.state === undefined) this.concluded = true;
    this.advance('collaborator', move.text, move.state ?? this.currentState);
    return move.text;
  }

  private command(): string {
    return `${this.currentGoal === 'derivative' ? 'derivative of' : this.currentGoal} ${this.currentState}`;
  }

  private advance(by: MathTurn['by'], step: string, state: string): void {
    this.history.push({ by, step, state });
    this.currentState = state;
    if (this.currentGoal === 'derivative') this.currentGoal = 'simplify';
  }
}
