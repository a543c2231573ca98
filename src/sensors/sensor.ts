import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { ObservationSpec } from '../collaborator/observation-spec.js';

/**
 * Something a collaborator perceives with (ML-Agents' ISensor).
 *
 * Lifecycle, driven by the {@link CollaboratorBehavior} that owns the sensor:
 * `attach(agent)` when the behaviour is attached to a node; `sample(dt)` every frame while attached
 * (for sensors that keep a history); `update()` then `write()` on each decision frame; `reset()` when
 * the agent starts over; `detach()` when the behaviour is detached; `dispose()` when it is disposed.
 * A sensor instance belongs to one behaviour at a time.
 */
export interface Sensor {
  /** Unique among the behaviour's sensors; observations are ordered by name (ordinal). */
  readonly name: string;
  /** The shape of what {@link write} writes. */
  readonly spec: ObservationSpec;
  /**
   * True when {@link update} is costly (rendering, readback, inference): under a FrameScheduler it then runs as a
   * normal-priority task within the frame budget, and the agent decides in the frame after it completes.
   */
  readonly expensive?: boolean;
  /** The agent perceives from `agent` from now on. */
  attach?(agent: TransformNode): void;
  /** The sensor no longer perceives for its agent; it releases what {@link attach} took. */
  detach?(): void;
  /** Called every frame while attached, before decisions, with the frame's duration in seconds. */
  sample?(deltaSeconds: number): void;
  /** Perceives now; called once per decision before {@link write}. */
  update(): void;
  /**
   * Writes exactly `spec.size` floats into `out` from `offset` and returns that count.
   * Values are finite; the sensor documents their range.
   */
  write(out: Float32Array, offset: number): number;
  /** Forgets history (stacked frames, velocities), e.g. when the agent's episode restarts. */
  reset(): void;
  /** Releases everything the sensor allocated. Calling it twice is harmless. */
  dispose?(): void;
}
