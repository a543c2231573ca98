/** How actions become network outputs: continuous values first, then one one-hot block per discrete branch. */
import type { ActionBuffers, ActionSpec } from '../collaborator/action-spec.js';

/** Number of network outputs for `spec`: continuous size plus the sum of the branch sizes. */
export function encodedActionSize(spec: ActionSpec): number {
  return spec.continuousSize + spec.maskSize;
}

/** Writes `actions` as a training target at `out[offset..]`: continuous values, then a one-hot block per branch. */
export function encodeActions(spec: ActionSpec, actions: ActionBuffers, out: Float32Array, offset: number): void {
  out.set(actions.continuous, offset);
  let at = offset + spec.continuousSize;
  spec.discreteBranches.forEach((size, b) => {
    out.fill(0, at, at + size);
    out[at + actions.discrete[b]] = 1;
    at += size;
  });
}

/** True when every continuous value is within `tolerance` of the other's and every discrete choice is equal. */
export function actionsAgree(a: ActionBuffers, b: ActionBuffers, tolerance: number): boolean {
  for (let i = 0; i < a.continuous.length; i++) if (!(Math.abs(a.continuous[i] - b.continuous[i]) <= tolerance)) return false;
  for (let i = 0; i < a.discrete.length; i++) if (a.discrete[i] !== b.discrete[i]) return false;
  return true;
}
