import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { ActionBuffers } from './action-spec.js';

/**
 * Turns a collaborator's decisions into effects on the scene (ML-Agents' IActuator).
 *
 * Lifecycle, driven by the {@link CollaboratorBehavior} that owns it: `attach(agent)`; `onActions()` on each
 * decision with the agent's whole {@link ActionBuffers} (each actuator reads the part it is configured for);
 * `update(dt)` every frame, so effects stay smooth and frame-rate independent between decisions; `detach()`.
 */
export interface Actuator {
  /** Names the actuator in errors and tools. */
  readonly name: string;
  /** The actuator acts on `agent` from now on. */
  attach?(agent: TransformNode): void;
  /** The actuator stops acting; it releases what {@link attach} took. */
  detach?(): void;
  /** Receives a new decision. The buffers are only valid during the call: copy what is kept. */
  onActions(actions: ActionBuffers): void;
  /** Applies the current decision for a frame of `deltaSeconds`. */
  update?(deltaSeconds: number): void;
  /** Forgets the current decision (the agent stops). */
  reset?(): void;
  /** Releases everything the actuator allocated. Calling it twice is harmless. */
  dispose?(): void;
}
