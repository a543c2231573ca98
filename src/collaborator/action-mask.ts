import type { ActionSpec } from './action-spec.js';
import { SpecMismatchError } from './errors.js';

/**
 * The discrete actions an agent may take at this decision (ML-Agents' IDiscreteActionMask): every action starts
 * allowed; disable what the game rules forbid. Handed to the behaviour's `actionMask` callback on each decision.
 */
export class ActionMask {
  private row: Float32Array = new Float32Array(0);
  private readonly offsets: readonly number[];

  /** @param spec - the agent's actions; only its discrete branches can be masked */
  constructor(private readonly spec: ActionSpec) {
    let offset = 0;
    this.offsets = spec.discreteBranches.map((size) => (offset += size) - size);
  }

  /** @internal Points the mask at `row` (length {@link ActionSpec.maskSize}) and allows every action. */
  reset(row: Float32Array): void {
    this.row = row;
    row.fill(1);
  }

  /**
   * Allows or forbids action `action` of branch `branch`.
   * @throws RangeError naming the branch and action when either is outside the spec.
   */
  setActionEnabled(branch: number, action: number, enabled: boolean): void {
    const size = this.spec.discreteBranches[branch];
    if (size === undefined || !Number.isInteger(branch)) {
      throw new RangeError(`ActionMask: branch must be an integer in [0, ${this.spec.discreteSize - 1}], got ${branch}`);
    }
    if (!Number.isInteger(action) || action < 0 || action >= size) {
      throw new RangeError(`ActionMask: action of branch ${branch} must be an integer in [0, ${size - 1}], got ${action}`);
    }
    this.row[this.offsets[branch] + action] = enabled ? 1 : 0;
  }

  /** True when action `action` of branch `branch` is allowed. */
  isActionEnabled(branch: number, action: number): boolean {
    return this.row[this.offsets[branch] + action] === 1;
  }

  /** @internal Throws a SpecMismatchError naming `owner` when a branch has every action forbidden. */
  check(owner: string): void {
    this.spec.discreteBranches.forEach((size, branch) => {
      const start = this.offsets[branch];
      if (!this.row.subarray(start, start + size).some((v) => v === 1)) {
        throw new SpecMismatchError(`${owner}: the action mask forbids every action of branch ${branch}`);
      }
    });
  }
}
