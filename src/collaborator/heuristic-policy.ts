import type { ActionBuffers, ActionSpec } from './action-spec.js';
import type { AgentObservation } from './agent-observation.js';
import type { DecisionBatch, Policy } from './policy.js';
import { requireType } from './options.js';

/**
 * Fills `actions` (zeroed, of the policy's {@link ActionSpec}) for one agent from its observation.
 * Hand-written behaviour, or a player's input when the human takes over.
 */
export type Heuristic = (observation: AgentObservation, actions: ActionBuffers) => void;

/**
 * A policy written as code (ML-Agents' HeuristicPolicy): calls the heuristic once per agent of the batch.
 * Use it for scripted collaborators, and for human override with a heuristic that reads the player's input.
 * Its decisions are checked against the action spec: a heuristic that writes NaN, Infinity or an index outside
 * its branch makes `decide()` reject with a SpecMismatchError naming the agent.
 */
export class HeuristicPolicy implements Policy {
  /** What each decision contains. */
  readonly actionSpec: ActionSpec;
  private readonly heuristic: Heuristic;

  /**
   * @param actionSpec - what the heuristic decides
   * @param heuristic - fills the actions of one agent
   */
  constructor(actionSpec: ActionSpec, heuristic: Heuristic) {
    this.actionSpec = requireType('HeuristicPolicy', 'actionSpec', actionSpec,
      (v) => typeof v === 'object' && v !== null && 'continuousSize' in v && 'discreteBranches' in v, 'an ActionSpec');
    this.heuristic = requireType('HeuristicPolicy', 'heuristic', heuristic, (v) => typeof v === 'function', 'a function');
  }

  /** Runs the heuristic for every agent of the batch, in batch order. */
  decide(batch: DecisionBatch): Promise<ActionBuffers[]> {
    try {
      return Promise.resolve(this.decideNow(batch));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private decideNow(batch: DecisionBatch): ActionBuffers[] {
    const results: ActionBuffers[] = [];
    const maskWidth = this.actionSpec.maskSize;
    for (let index = 0; index < batch.size; index++) {
      const sensors: Record<string, Float32Array> = {};
      batch.observations.forEach((tensor, s) => {
        const width = tensor.size / batch.size;
        sensors[batch.sensorNames[s]] = (tensor.data as Float32Array).subarray(index * width, (index + 1) * width);
      });
      const mask = batch.actionMasks
        ? (batch.actionMasks.data as Float32Array).subarray(index * maskWidth, (index + 1) * maskWidth)
        : undefined;
      const actions = this.actionSpec.createBuffers();
      this.heuristic({ index, sensors, mask }, actions);
      this.actionSpec.check(actions, `HeuristicPolicy (agent ${index} of the batch)`);
      results.push(actions);
    }
    return results;
  }

  /** Nothing to release: a heuristic owns no model. */
  dispose(): void {}
}
