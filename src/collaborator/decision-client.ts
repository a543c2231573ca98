import type { ActionBuffers } from './action-spec.js';
import type { Policy } from './policy.js';
import type { ObservationSpec } from './observation-spec.js';
import type { FrameScheduler } from '../scheduler/frame-scheduler.js';

/** One sensor's place in an agent's flat observation. */
export interface SensorSlot {
  readonly name: string;
  readonly spec: ObservationSpec;
  /** Offset of the sensor's floats in the flat observation. */
  readonly offset: number;
}

/**
 * What the per-scene {@link DecisionBatcher} needs of an agent. Implemented by {@link CollaboratorBehavior};
 * internal to the package.
 */
export interface DecisionClient {
  /** Sensors in name order with their offsets; identical for all agents that batch together. */
  readonly layout: readonly SensorSlot[];
  /** Key of the layout: agents batch together when policy, scheduler and layout key are equal. */
  readonly layoutKey: string;
  /** The scheduler that runs this agent's `decide()` calls, if any. */
  readonly scheduler: FrameScheduler | undefined;
  /** The policy deciding for the agent now (its own, or the human's override). */
  readonly activePolicy: Policy;
  /** Called every frame: sensors sample, actuators apply the last decision over `deltaSeconds`. */
  frame(deltaSeconds: number): void;
  /** True when the agent decides in batcher frame `frame` (its period and offset, or a request). */
  isDue(frame: number): boolean;
  /**
   * Starts the updates of the agent's expensive sensors as scheduler tasks; resolves when they are done, after which
   * the agent joins the next frame's batch. Null when there is nothing to wait for (observe at once).
   */
  prepare(): Promise<void> | null;
  /**
   * Updates the sensors (those already updated by {@link prepare} excepted when `prepared`) and returns the flat
   * observation (sensors concatenated in name order).
   */
  observe(frame: number, prepared: boolean): Float32Array;
  /** The action mask {@link observe} wrote (1 = allowed), or null when the agent does not mask actions. */
  readonly actionMask: Float32Array | null;
  /** A decision for the agent arrived from `policy`. */
  receive(actions: ActionBuffers, frame: number, policy: Policy): void;
  /** The agent's decision failed. */
  fail(error: unknown): void;
}
