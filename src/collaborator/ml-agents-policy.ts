import { loadModel } from '../runtime/load-model.js';
import type { LoadModelOptions } from '../runtime/load-options.js';
import type { Model, ValueInfo } from '../runtime/model.js';
import type { ModelSource } from '../runtime/source.js';
import { Tensor } from '../runtime/tensor.js';
import { exampleFeeds } from '../runtime/example-feeds.js';
import type { ActionBuffers } from './action-spec.js';
import { ActionSpec } from './action-spec.js';
import { SpecMismatchError } from './errors.js';
import { fitToInput, readRow } from './model-io.js';
import { describeValue, requireType } from './options.js';
import type { DecisionBatch, Policy } from './policy.js';

/** Options of {@link MLAgentsPolicy}. */
export interface MLAgentsPolicyOptions {
  /**
   * Use the `deterministic_*` outputs (the distribution's mode) when the model has them; discrete actions of a
   * model without `deterministic_discrete_actions` are always the sampled ones. `false` samples every action.
   * @default true
   */
  readonly deterministic?: boolean;
  /** The action spec the agents expect; checked against the model's. @default the model's own */
  readonly actionSpec?: ActionSpec;
}

/** Options of {@link MLAgentsPolicy.load}: the policy's and loadModel's. */
export interface MLAgentsPolicyLoadOptions extends MLAgentsPolicyOptions {
  /** How to load the model (back end and 'auto' settings). @default loadModel's defaults */
  readonly load?: LoadModelOptions;
}

/** ML-Agents tensor names (Unity ML-Agents `TensorNames`). */
const NAMES = {
  version: 'version_number',
  memorySize: 'memory_size',
  masks: 'action_masks',
  memoryIn: 'recurrent_in',
  memoryOut: 'recurrent_out',
  continuous: 'continuous_actions',
  deterministicContinuous: 'deterministic_continuous_actions',
  discrete: 'discrete_actions',
  deterministicDiscrete: 'deterministic_discrete_actions',
  continuousShape: 'continuous_action_output_shape',
  discreteShape: 'discrete_action_output_shape',
} as const;

const OWNER = 'MLAgentsPolicy';
/** The export format versions this policy reads: 3 is ML-Agents 2.x (`continuous_actions`, `discrete_actions`). */
const SUPPORTED_VERSIONS: readonly number[] = [3];

function numbersOf(tensor: Tensor | undefined): number[] {
  return tensor ? Array.from(tensor.data as ArrayLike<number | bigint>, Number) : [];
}

/** The model's own constants (version, memory, action shapes), read from one run on example feeds. */
interface ModelFacts {
  readonly version: number;
  readonly memorySize: number;
  readonly actionSpec: ActionSpec;
}

async function readFacts(model: Model): Promise<ModelFacts> {
  const outputs = await model.run(exampleFeeds(model.inputs, 1));
  const version = numbersOf(outputs[NAMES.version])[0];
  if (!SUPPORTED_VERSIONS.includes(version)) {
    throw new SpecMismatchError(`${OWNER}: the model's ${NAMES.version} is ${version ?? 'missing'}; supported: ${SUPPORTED_VERSIONS.join(', ')} (models exported by ML-Agents 2.x and later)`);
  }
  const memoryIn = model.inputs.find((i) => i.name === NAMES.memoryIn);
  const lastDim = memoryIn?.dims[memoryIn.dims.length - 1];
  const memorySize = memoryIn ? (typeof lastDim === 'number' ? lastDim : numbersOf(outputs[NAMES.memorySize])[0] ?? 0) : 0;
  const continuous = numbersOf(outputs[NAMES.continuousShape])[0] ?? 0;
  const branches = numbersOf(outputs[NAMES.discreteShape]);
  if (continuous === 0 && branches.length === 0) throw new SpecMismatchError(`${OWNER}: the model has neither ${NAMES.continuousShape} nor ${NAMES.discreteShape}`);
  return { version, memorySize, actionSpec: ActionSpec.hybrid(continuous, branches) };
}

/**
 * A policy running an ML-Agents model (exported by Unity ML-Agents 2.x, `version_number` 3) on any back end,
 * following ML-Agents' conventions: input `obs_i` takes the i-th sensor ordered by name, `action_masks` the batch's
 * masks (all allowed when it has none), deterministic outputs by default, discrete INT64 actions become Int32Array,
 * and the recurrent memory (`recurrent_in` / `recurrent_out`) is kept per agent across decisions, keyed by
 * {@link DecisionBatch.agentIds} (by position in the batch when a batch has no ids). One run per batch.
 * The policy owns the model: `dispose()` disposes it.
 */
export class MLAgentsPolicy implements Policy {
  /** What each decision contains: the model's action spec. */
  readonly actionSpec: ActionSpec;
  /** The model's `version_number`. */
  readonly version: number;
  /** Floats of recurrent memory per agent (0 for a model without memory). */
  readonly memorySize: number;
  private readonly model: Model;
  private readonly observationInputs: readonly ValueInfo[];
  private readonly continuousOutput: string | undefined;
  private readonly discreteOutput: string | undefined;
  private readonly memories = new Map<number, Float32Array>();
  private disposed = false;

  private constructor(model: Model, facts: ModelFacts, options: MLAgentsPolicyOptions) {
    this.model = model;
    this.version = facts.version;
    this.memorySize = facts.memorySize;
    this.actionSpec = facts.actionSpec;
    const outputs = new Set(model.outputs.map((o) => o.name));
    const deterministic = options.deterministic ?? true;
    const pick = (plain: string, mode: string): string | undefined => (deterministic && outputs.has(mode) ? mode : outputs.has(plain) ? plain : undefined);
    this.continuousOutput = facts.actionSpec.continuousSize > 0 ? pick(NAMES.continuous, NAMES.deterministicContinuous) : undefined;
    this.discreteOutput = facts.actionSpec.discreteSize > 0 ? pick(NAMES.discrete, NAMES.deterministicDiscrete) : undefined;
    if ((facts.actionSpec.continuousSize > 0 && !this.continuousOutput) || (facts.actionSpec.discreteSize > 0 && !this.discreteOutput)) {
      throw new SpecMismatchError(`${OWNER}: the model declares ${facts.actionSpec} but lacks its action outputs (it has ${[...outputs].join(', ')})`);
    }
    this.observationInputs = model.inputs
      .filter((i) => /^obs_\d+$/.test(i.name))
      .sort((a, b) => Number(a.name.slice(4)) - Number(b.name.slice(4)));
  }

  /**
   * Loads an ML-Agents ONNX file and makes a policy of it.
   * @param source - the model's bytes or URL (see loadModel)
   * @param options - see {@link MLAgentsPolicyLoadOptions}
   * @throws (rejected) loadModel's errors; SpecMismatchError when the model does not follow ML-Agents' conventions
   *   or its action spec differs from `options.actionSpec`; TypeError for a bad option
   */
  static async load(source: ModelSource, options: MLAgentsPolicyLoadOptions = {}): Promise<MLAgentsPolicy> {
    checkOptions(options);
    const model = await loadModel(source, options.load);
    try {
      return await MLAgentsPolicy.fromModel(model, options);
    } catch (error) {
      model.dispose();
      throw error;
    }
  }

  /**
   * Makes a policy of a loaded ML-Agents model (owned from now on). Runs it once to read its constants.
   * @throws (rejected) SpecMismatchError when the model does not follow ML-Agents' conventions or its action spec
   *   differs from `options.actionSpec`; TypeError for a bad option
   */
  static async fromModel(model: Model, options: MLAgentsPolicyOptions = {}): Promise<MLAgentsPolicy> {
    checkOptions(options);
    const facts = await readFacts(model);
    if (options.actionSpec && !options.actionSpec.equals(facts.actionSpec)) {
      throw new SpecMismatchError(`${OWNER}: option 'actionSpec' is ${options.actionSpec} but the model's actions are ${facts.actionSpec}`);
    }
    return new MLAgentsPolicy(model, facts, options);
  }

  /**
   * Runs the model once for the whole batch and returns each agent's actions. Rejects with `SpecMismatchError`
   * when the batch's sensors do not match the model's `obs_i` inputs, and the model's `InputMismatchError` when a
   * sensor's shape does not match its input.
   */
  async decide(batch: DecisionBatch): Promise<ActionBuffers[]> {
    if (this.disposed) throw new SpecMismatchError(`${OWNER}.decide: the policy has been disposed`);
    const { size } = batch;
    if (batch.observations.length !== this.observationInputs.length) {
      throw new SpecMismatchError(`${OWNER}: the batch has ${batch.observations.length} sensors (${batch.sensorNames.join(', ')}) but the model takes ${this.observationInputs.length} observations (${this.observationInputs.map((i) => i.name).join(', ')})`);
    }
    const feeds: Record<string, Tensor> = {};
    this.observationInputs.forEach((info, i) => (feeds[info.name] = fitToInput(batch.observations[i], info, size)));
    const maskSize = this.actionSpec.maskSize;
    if (this.model.inputs.some((i) => i.name === NAMES.masks)) {
      feeds[NAMES.masks] = batch.actionMasks ?? new Tensor('float32', new Float32Array(size * maskSize).fill(1), [size, maskSize]);
    }
    const ids = batch.agentIds ?? Array.from({ length: size }, (_, i) => i);
    if (this.memorySize > 0) feeds[NAMES.memoryIn] = this.gatherMemories(ids);
    const outputs = await this.model.run(feeds);
    if (this.memorySize > 0) this.keepMemories(ids, outputs[NAMES.memoryOut]);
    const spec = this.actionSpec;
    return Array.from({ length: size }, (_, i) => {
      const actions = spec.createBuffers();
      if (this.continuousOutput) readRow(outputs[this.continuousOutput], this.continuousOutput, size, spec.continuousSize, i, actions.continuous);
      if (this.discreteOutput) readRow(outputs[this.discreteOutput], this.discreteOutput, size, spec.discreteSize, i, actions.discrete);
      return actions;
    });
  }

  /** A copy of an agent's recurrent memory (`memorySize` floats), or undefined before its first decision. */
  memoryOf(agentId: number): Float32Array | undefined {
    return this.memories.get(agentId)?.slice();
  }

  /** Forgets an agent's recurrent memory (its next decision starts from zeros), or every agent's without an id. */
  resetMemory(agentId?: number): void {
    if (agentId === undefined) this.memories.clear();
    else this.memories.delete(agentId);
  }

  private gatherMemories(ids: readonly number[]): Tensor {
    const m = this.memorySize;
    const data = new Float32Array(ids.length * m);
    ids.forEach((id, i) => {
      const memory = this.memories.get(id);
      if (memory) data.set(memory, i * m);
    });
    return new Tensor('float32', data, [ids.length, 1, m]);
  }

  private keepMemories(ids: readonly number[], memoryOut: Tensor | undefined): void {
    const m = this.memorySize;
    if (!memoryOut || memoryOut.size !== ids.length * m) {
      throw new SpecMismatchError(`${OWNER}: output ${NAMES.memoryOut} has dims [${memoryOut?.dims.join(', ') ?? ''}]; expected ${ids.length} agents x ${m} floats`);
    }
    const data = memoryOut.data as Float32Array;
    ids.forEach((id, i) => this.memories.set(id, data.slice(i * m, (i + 1) * m)));
  }

  /** Disposes the model and forgets the memories. Idempotent; `decide()` afterwards rejects. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.memories.clear();
    this.model.dispose();
  }
}

function checkOptions(options: MLAgentsPolicyLoadOptions): void {
  requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an object');
  if (options.deterministic !== undefined) requireType(OWNER, 'deterministic', options.deterministic, (v) => typeof v === 'boolean', 'a boolean');
  if (options.actionSpec !== undefined) requireType(OWNER, 'actionSpec', options.actionSpec, (v) => v instanceof ActionSpec, 'an ActionSpec');
  if (options.load !== undefined && (typeof options.load !== 'object' || options.load === null)) {
    throw new TypeError(`${OWNER}: option 'load' must be loadModel options, got ${describeValue(options.load)}`);
  }
}
