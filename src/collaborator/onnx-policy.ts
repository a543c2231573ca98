import type { Model, ValueInfo } from '../runtime/model.js';
import { Tensor } from '../runtime/tensor.js';
import type { ActionBuffers } from './action-spec.js';
import { ActionSpec } from './action-spec.js';
import { SpecMismatchError } from './errors.js';
import { fitToInput, readRow, rowOf, stackOutputs, takesOneAgent } from './model-io.js';
import { describeValue, requireType } from './options.js';
import type { DecisionBatch, Policy } from './policy.js';

/** Options of {@link OnnxPolicy}. */
export interface OnnxPolicyOptions {
  /** What each decision contains. */
  readonly actionSpec: ActionSpec;
  /**
   * The model input fed by each sensor, by sensor name.
   * @default the observations (sensors ordered by name) feed the model's inputs in order, `maskInput` excluded
   */
  readonly inputs?: Readonly<Record<string, string>>;
  /**
   * The output holding the continuous actions, [batch, continuousSize]. Required when the spec has continuous
   * actions and the model has several outputs.
   * @default 'continuous_actions' when the model has it, else its only output
   */
  readonly continuousOutput?: string;
  /**
   * The output holding the chosen index of each discrete branch, [batch, branches] (any numeric dtype).
   * @default 'discrete_actions' when the model has it, else its only output
   */
  readonly discreteOutput?: string;
  /** An input fed with the batch's action masks, [batch, sum of branch sizes] (all ones when the batch has none). */
  readonly maskInput?: string;
}

const OWNER = 'OnnxPolicy';

function isModel(value: unknown): value is Model {
  return typeof value === 'object' && value !== null && typeof (value as Model).run === 'function' && Array.isArray((value as Model).inputs);
}

/** The output for one kind of action: the option, the conventional name, or the only output. */
function pickOutput(model: Model, option: string, given: string | undefined, conventional: string): string {
  const names = model.outputs.map((o) => o.name);
  if (given !== undefined) {
    if (!names.includes(given)) throw new TypeError(`${OWNER}: option '${option}' must name a model output (${names.join(', ')}), got ${describeValue(given)}`);
    return given;
  }
  if (names.includes(conventional)) return conventional;
  if (names.length === 1) return names[0];
  throw new TypeError(`${OWNER}: option '${option}' is required: the model has outputs ${names.join(', ')}`);
}

/**
 * A policy running any {@link Model}: each decision feeds the batch's observations (one tensor per sensor, all agents
 * at once) to the model's inputs and reads the actions of every agent from its outputs, in one run per batch.
 * A model whose batch dimension is fixed to 1 runs once per agent. The policy owns the model: `dispose()` disposes it.
 */
export class OnnxPolicy implements Policy {
  /** What each decision contains. */
  readonly actionSpec: ActionSpec;
  private readonly model: Model;
  /** Model input name by sensor name, when mapped explicitly. */
  private readonly inputsBySensor: Readonly<Record<string, string>> | undefined;
  private readonly orderedInputs: readonly ValueInfo[];
  private readonly continuousOutput: string | undefined;
  private readonly discreteOutput: string | undefined;
  private readonly maskInput: ValueInfo | undefined;
  private disposed = false;

  /**
   * @param model - the model to run (owned)
   * @param options - see {@link OnnxPolicyOptions}
   * @throws TypeError naming the option when it does not fit the model
   */
  constructor(model: Model, options: OnnxPolicyOptions) {
    requireType(OWNER, 'model', model, isModel, 'a Model (from loadModel)');
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an object');
    this.actionSpec = requireType(OWNER, 'actionSpec', options.actionSpec, (v) => v instanceof ActionSpec, 'an ActionSpec');
    this.model = model;
    const inputNames = model.inputs.map((i) => i.name);
    if (options.maskInput !== undefined && !inputNames.includes(options.maskInput)) {
      throw new TypeError(`${OWNER}: option 'maskInput' must name a model input (${inputNames.join(', ')}), got ${describeValue(options.maskInput)}`);
    }
    if (options.maskInput !== undefined && this.actionSpec.discreteSize === 0) {
      throw new TypeError(`${OWNER}: option 'maskInput' needs discrete branches in 'actionSpec', got ${this.actionSpec}`);
    }
    this.maskInput = model.inputs.find((i) => i.name === options.maskInput);
    if (options.inputs !== undefined) {
      requireType(OWNER, 'inputs', options.inputs, (v) => typeof v === 'object' && v !== null && Object.values(v).every((n) => inputNames.includes(n as string)),
        `an object of model input names by sensor name (inputs: ${inputNames.join(', ')})`);
    }
    this.inputsBySensor = options.inputs;
    this.orderedInputs = model.inputs.filter((i) => i !== this.maskInput);
    if (this.actionSpec.continuousSize > 0) this.continuousOutput = pickOutput(model, 'continuousOutput', options.continuousOutput, 'continuous_actions');
    if (this.actionSpec.discreteSize > 0) this.discreteOutput = pickOutput(model, 'discreteOutput', options.discreteOutput, 'discrete_actions');
  }

  /**
   * Runs the model once for the batch (once per agent when its batch dimension is fixed to 1) and returns each
   * agent's actions. Rejects with `SpecMismatchError` when observations or outputs do not fit, and with the model's
   * `InputMismatchError` when a feed does not match its input.
   */
  async decide(batch: DecisionBatch): Promise<ActionBuffers[]> {
    if (this.disposed) throw new SpecMismatchError(`${OWNER}.decide: the policy has been disposed`);
    const feeds = this.feedsFor(batch);
    const outputs = this.model.inputs.some(takesOneAgent) && batch.size !== 1
      ? stackOutputs(await Promise.all(Array.from({ length: batch.size }, (_, i) => this.model.run(this.rowFeeds(feeds, batch.size, i)))))
      : await this.model.run(feeds);
    return this.actionsFrom(outputs, batch.size);
  }

  private feedsFor(batch: DecisionBatch): Record<string, Tensor> {
    const feeds: Record<string, Tensor> = {};
    const byName = this.inputsBySensor;
    if (byName) {
      batch.sensorNames.forEach((sensor, i) => {
        const input = byName[sensor];
        if (input !== undefined) feeds[input] = batch.observations[i];
      });
    } else {
      if (batch.observations.length !== this.orderedInputs.length) {
        throw new SpecMismatchError(`${OWNER}: the batch has ${batch.observations.length} sensors (${batch.sensorNames.join(', ')}) but the model takes ${this.orderedInputs.length} inputs (${this.orderedInputs.map((i) => i.name).join(', ')}); map them with option 'inputs'`);
      }
      this.orderedInputs.forEach((info, i) => (feeds[info.name] = batch.observations[i]));
    }
    if (this.maskInput) feeds[this.maskInput.name] = batch.actionMasks ?? new Tensor('float32', new Float32Array(batch.size * this.actionSpec.maskSize).fill(1), [batch.size, this.actionSpec.maskSize]);
    for (const info of this.model.inputs) if (feeds[info.name]) feeds[info.name] = fitToInput(feeds[info.name], info, batch.size);
    return feeds;
  }

  private rowFeeds(feeds: Record<string, Tensor>, size: number, i: number): Record<string, Tensor> {
    const row: Record<string, Tensor> = {};
    for (const [name, tensor] of Object.entries(feeds)) row[name] = rowOf(tensor, size, i);
    return row;
  }

  private actionsFrom(outputs: Record<string, Tensor>, size: number): ActionBuffers[] {
    const spec = this.actionSpec;
    const continuous = this.continuousOutput === undefined ? undefined : outputs[this.continuousOutput];
    const discrete = this.discreteOutput === undefined ? undefined : outputs[this.discreteOutput];
    return Array.from({ length: size }, (_, i) => {
      const actions = spec.createBuffers();
      if (continuous) readRow(continuous, this.continuousOutput!, size, spec.continuousSize, i, actions.continuous);
      if (discrete) readRow(discrete, this.discreteOutput!, size, spec.discreteSize, i, actions.discrete);
      return actions;
    });
  }

  /** Disposes the model. Idempotent; `decide()` afterwards rejects. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.model.dispose();
  }
}
