import { SpecMismatchError } from './errors.js';
import { requireInteger, requireType } from './options.js';

/**
 * The actions of one agent for one decision (ML-Agents' ActionBuffers).
 * `continuous` holds {@link ActionSpec.continuousSize} floats, usually in [-1, 1];
 * `discrete` holds one chosen index per branch of {@link ActionSpec.discreteBranches}.
 */
export interface ActionBuffers {
  continuous: Float32Array;
  discrete: Int32Array;
}

/**
 * What an agent can do: continuous actions, discrete branches, or both (ML-Agents' ActionSpec).
 * Value object: create it with {@link ActionSpec.continuous}, {@link ActionSpec.discrete} or {@link ActionSpec.hybrid}.
 */
export class ActionSpec {
  private constructor(
    /** Number of continuous actions. */
    readonly continuousSize: number,
    /** Number of choices in each discrete branch. */
    readonly discreteBranches: readonly number[],
  ) {
    Object.freeze(this.discreteBranches);
  }

  /** `n` continuous actions. */
  static continuous(n: number): ActionSpec {
    requireInteger('ActionSpec.continuous', 'n', n, 1);
    return new ActionSpec(n, []);
  }

  /** One discrete action per branch; `branches[i]` is the number of choices of branch i. */
  static discrete(branches: readonly number[]): ActionSpec {
    ActionSpec.checkBranches('ActionSpec.discrete', branches, 1);
    return new ActionSpec(0, [...branches]);
  }

  /** `n` continuous actions and discrete `branches` (either part may be empty, not both). */
  static hybrid(n: number, branches: readonly number[]): ActionSpec {
    requireInteger('ActionSpec.hybrid', 'n', n, 0);
    ActionSpec.checkBranches('ActionSpec.hybrid', branches, n === 0 ? 1 : 0);
    return new ActionSpec(n, [...branches]);
  }

  private static checkBranches(owner: string, branches: readonly number[], minCount: number): void {
    requireType(owner, 'branches', branches, Array.isArray, 'an array of branch sizes');
    if (branches.length < minCount) throw new RangeError(`${owner}: option 'branches' must hold at least ${minCount} branch, got []`);
    branches.forEach((b, i) => requireInteger(owner, `branches[${i}]`, b, 1));
  }

  /** Number of discrete branches. */
  get discreteSize(): number {
    return this.discreteBranches.length;
  }

  /** Length of an action mask: the sum of the branch sizes. */
  get maskSize(): number {
    return this.discreteBranches.reduce((a, b) => a + b, 0);
  }

  /** Zero-filled buffers of this spec's sizes. */
  createBuffers(): ActionBuffers {
    return { continuous: new Float32Array(this.continuousSize), discrete: new Int32Array(this.discreteSize) };
  }

  /** A deep copy of `actions`, checked against this spec. */
  copy(actions: ActionBuffers, owner = 'ActionSpec'): ActionBuffers {
    this.check(actions, owner);
    return { continuous: Float32Array.from(actions.continuous), discrete: Int32Array.from(actions.discrete) };
  }

  /**
   * Throws a {@link SpecMismatchError} naming `owner` unless `actions` has this spec's sizes, finite continuous values
   * and discrete indices inside their branches.
   */
  check(actions: ActionBuffers, owner: string): void {
    if (!actions || !(actions.continuous instanceof Float32Array) || !(actions.discrete instanceof Int32Array)) {
      throw new SpecMismatchError(`${owner}: actions must be { continuous: Float32Array, discrete: Int32Array }`);
    }
    if (actions.continuous.length !== this.continuousSize) {
      throw new SpecMismatchError(`${owner}: expected ${this.continuousSize} continuous actions, got ${actions.continuous.length}`);
    }
    if (actions.discrete.length !== this.discreteSize) {
      throw new SpecMismatchError(`${owner}: expected ${this.discreteSize} discrete branches, got ${actions.discrete.length}`);
    }
    for (let i = 0; i < actions.continuous.length; i++) {
      if (!Number.isFinite(actions.continuous[i])) {
        throw new SpecMismatchError(`${owner}: continuous action ${i} is ${actions.continuous[i]}, not a finite number`);
      }
    }
    for (let i = 0; i < actions.discrete.length; i++) {
      const v = actions.discrete[i];
      if (v < 0 || v >= this.discreteBranches[i]) {
        throw new SpecMismatchError(`${owner}: discrete action ${i} is ${v}, outside branch [0, ${this.discreteBranches[i] - 1}]`);
      }
    }
  }

  /** True when both specs have the same continuous size and branches. */
  equals(other: ActionSpec): boolean {
    return this.continuousSize === other.continuousSize && this.discreteSize === other.discreteSize &&
      this.discreteBranches.every((b, i) => b === other.discreteBranches[i]);
  }

  /** For messages: e.g. `continuous(2) + discrete[3, 3]`. */
  toString(): string {
    const parts: string[] = [];
    if (this.continuousSize) parts.push(`continuous(${this.continuousSize})`);
    if (this.discreteSize) parts.push(`discrete[${this.discreteBranches.join(', ')}]`);
    return parts.join(' + ');
  }
}
