import type { Tensor } from '../runtime/tensor.js';
import type { ActionBuffers, ActionSpec } from './action-spec.js';

/**
 * The observations of every agent that decides now with one policy: one call per frame for all of them.
 */
export interface DecisionBatch {
  /** Number of agents deciding now. */
  readonly size: number;
  /** One float32 tensor per sensor, sensors ordered by name; dims `[size, ...spec.shape]`. */
  readonly observations: readonly Tensor[];
  /** Names of the sensors behind {@link observations}, in the same order. */
  readonly sensorNames: readonly string[];
  /** `[size, sum of branch sizes]`, 1 = allowed; absent when no agent masks actions. */
  readonly actionMasks?: Tensor;
  /**
   * A stable id per agent, in batch order: the same collaborator keeps its id across decisions, so a policy can keep
   * per-agent state (recurrent memory). Filled by the decision batcher; absent in batches built by hand.
   */
  readonly agentIds?: readonly number[];
}

/**
 * Decides the actions of a batch of agents (ML-Agents' IPolicy). Many collaborators may share one policy:
 * the per-scene batcher calls {@link decide} once per frame for all of those deciding in that frame.
 */
export interface Policy {
  /** What each decision contains. */
  readonly actionSpec: ActionSpec;
  /**
   * Returns one {@link ActionBuffers} per agent of the batch, in batch order, each of {@link actionSpec}'s sizes.
   * It may resolve a frame or more later (asynchronous inference); the agents keep acting on their last decision.
   */
  decide(batch: DecisionBatch): Promise<ActionBuffers[]>;
  /** Releases models and buffers. Calling it twice is harmless. */
  dispose(): void;
}
