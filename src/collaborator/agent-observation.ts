/**
 * One agent's view of a {@link DecisionBatch}: its observation of each sensor, by name.
 * The arrays are views into the batch tensors and are only valid during the call that receives them.
 */
export interface AgentObservation {
  /** The agent's index in the batch. */
  readonly index: number;
  /** The agent's observation of each sensor, by sensor name. */
  readonly sensors: Readonly<Record<string, Float32Array>>;
  /** The agent's action mask (1 = allowed) when the batch has masks. */
  readonly mask?: Float32Array;
}
