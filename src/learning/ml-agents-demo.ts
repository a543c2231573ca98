import protobuf from 'protobufjs/light.js';
import { Tensor } from '../runtime/tensor.js';
import { DemoFormatError } from './errors.js';
import {
  AgentInfoActionPairType, BrainParametersType, DemonstrationMetaType,
  type AgentInfoActionPairMessage, type BrainParametersMessage, type DemonstrationMetaMessage,
} from './ml-agents-schema.js';

/** The header of a `.demo` file. */
export interface DemoMeta {
  readonly apiVersion: number;
  readonly name: string;
  readonly numberSteps: number;
  readonly numberEpisodes: number;
  readonly meanReward: number;
}

/** The recorded behaviour's action space (from BrainParametersProto). */
export interface DemoBrainParameters {
  readonly brainName: string;
  readonly isTraining: boolean;
  /** Continuous actions per step. */
  readonly continuousSize: number;
  /** Choices of each discrete branch. */
  readonly discreteBranches: readonly number[];
}

/** One recorded step: what the agent observed and what the demonstrator did. */
export interface DemoStep {
  /** One array per observation (sensor), in the order recorded. */
  readonly observations: Float32Array[];
  /** The demonstrator's actions. */
  readonly actions: { readonly continuous: Float32Array; readonly discrete: Int32Array };
  readonly reward: number;
  /** The episode ended at this step. */
  readonly done: boolean;
  /** The episode ended because it reached its step limit. */
  readonly maxStepReached: boolean;
  /** The recording agent's id. */
  readonly agentId: number;
}

/** A decoded ML-Agents demonstration. */
export interface MLAgentsDemo {
  readonly meta: DemoMeta;
  readonly brainParameters: DemoBrainParameters;
  readonly steps: DemoStep[];
}

/** Where BrainParameters starts, after the fixed-size metadata region (ML-Agents' demo_loader INITIAL_POS). */
const BRAIN_PARAMETERS_OFFSET = 33;

const OBJECT_OPTIONS: protobuf.IConversionOptions = { defaults: true, arrays: true, longs: Number, bytes: Uint8Array as never };

function decodeDelimited<T>(type: protobuf.Type, reader: protobuf.Reader, what: string): T {
  try {
    return type.toObject(type.decodeDelimited(reader), OBJECT_OPTIONS) as T;
  } catch (cause) {
    throw new DemoFormatError(`readMLAgentsDemo: cannot decode the ${what} at byte ${reader.pos}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

function actionSpaceOf(brain: BrainParametersMessage): { continuousSize: number; discreteBranches: number[] } {
  const spec = brain.action_spec;
  if (spec && spec.num_continuous_actions + spec.num_discrete_actions > 0) {
    return { continuousSize: spec.num_continuous_actions, discreteBranches: [...spec.discrete_branch_sizes] };
  }
  const sizes = brain.vector_action_size_deprecated;
  // Older files: space type 1 = continuous (vector_action_size holds the action count), 0 = discrete (branch sizes).
  return brain.vector_action_space_type_deprecated === 1
    ? { continuousSize: sizes.reduce((a, b) => a + b, 0), discreteBranches: [] }
    : { continuousSize: 0, discreteBranches: [...sizes] };
}

/** Whether a step carries no action at all (the last message of a recording: its action was never taken). */
function hasNoAction(pair: AgentInfoActionPairMessage): boolean {
  const a = pair.action_info;
  return !a || a.vector_actions_deprecated.length + a.continuous_actions.length + a.discrete_actions.length === 0;
}

function toStep(pair: AgentInfoActionPairMessage, index: number, space: { continuousSize: number; discreteBranches: number[] }): DemoStep {
  const info = pair.agent_info;
  const action = pair.action_info!;
  if (!info) throw new DemoFormatError(`readMLAgentsDemo: step ${index} lacks its agent info`);
  const observations = info.observations.map((o, j) => {
    if (!o.float_data) throw new DemoFormatError(`readMLAgentsDemo: step ${index}, observation ${j} is compressed (PNG); only float observations are supported`);
    return Float32Array.from(o.float_data.data);
  });
  const legacy = action.continuous_actions.length === 0 && action.discrete_actions.length === 0;
  const continuous = legacy ? (space.continuousSize > 0 ? action.vector_actions_deprecated : []) : action.continuous_actions;
  const discrete = legacy ? (space.continuousSize > 0 ? [] : action.vector_actions_deprecated) : action.discrete_actions;
  if (continuous.length !== space.continuousSize || discrete.length !== space.discreteBranches.length) {
    throw new DemoFormatError(`readMLAgentsDemo: step ${index} has ${continuous.length} continuous and ${discrete.length} discrete actions; the brain declares ${space.continuousSize} and ${space.discreteBranches.length}`);
  }
  return {
    observations,
    actions: { continuous: Float32Array.from(continuous), discrete: Int32Array.from(discrete) },
    reward: info.reward, done: info.done, maxStepReached: info.max_step_reached, agentId: info.id,
  };
}

/**
 * Reads an ML-Agents demonstration (`.demo`, written by Unity's DemonstrationRecorder): the metadata, the
 * behaviour's action space, and every recorded (observations, actions, reward, done) step, in file order.
 * Layout: a length-delimited DemonstrationMetaProto in a 32-byte region, a length-delimited BrainParametersProto
 * at byte 33, then length-delimited AgentInfoActionPairProto messages to the end. A step whose action message is
 * empty (the last one of a recording, whose action was never taken) is left out, as ML-Agents' loader does.
 * @throws DemoFormatError naming the byte or step when the bytes are not a readable demo file
 */
export function readMLAgentsDemo(bytes: Uint8Array | ArrayBuffer): MLAgentsDemo {
  const data = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
  if (!(data instanceof Uint8Array)) throw new TypeError('readMLAgentsDemo: bytes must be a Uint8Array or an ArrayBuffer');
  if (data.length <= BRAIN_PARAMETERS_OFFSET) throw new DemoFormatError(`readMLAgentsDemo: ${data.length} bytes is too short for a demo file`);
  const meta = decodeDelimited<DemonstrationMetaMessage>(DemonstrationMetaType, protobuf.Reader.create(data), 'metadata');
  const reader = protobuf.Reader.create(data);
  reader.pos = BRAIN_PARAMETERS_OFFSET;
  const brain = decodeDelimited<BrainParametersMessage>(BrainParametersType, reader, 'brain parameters');
  const space = actionSpaceOf(brain);
  const steps: DemoStep[] = [];
  const declaresActions = space.continuousSize + space.discreteBranches.length > 0;
  for (let index = 0; reader.pos < data.length; index++) {
    const pair = decodeDelimited<AgentInfoActionPairMessage>(AgentInfoActionPairType, reader, `step ${index}`);
    if (declaresActions && hasNoAction(pair)) continue;
    steps.push(toStep(pair, index, space));
  }
  return {
    meta: {
      apiVersion: meta.api_version, name: meta.demonstration_name, numberSteps: meta.number_steps,
      numberEpisodes: meta.number_episodes, meanReward: meta.mean_reward,
    },
    brainParameters: { brainName: brain.brain_name, isTraining: brain.is_training, ...space },
    steps,
  };
}

/**
 * A behaviour-cloning dataset from a demo: x = each step's observations concatenated [steps, observation size],
 * y = its continuous actions then a one-hot block per discrete branch [steps, outputs].
 * @throws DemoFormatError when the demo has no steps or steps differ in observation size
 */
export function demoToDataset(demo: MLAgentsDemo): { x: Tensor<'float32'>; y: Tensor<'float32'> } {
  const { steps, brainParameters } = demo;
  if (steps.length === 0) throw new DemoFormatError('demoToDataset: the demo has no steps');
  const inW = steps[0].observations.reduce((sum, o) => sum + o.length, 0);
  const outW = brainParameters.continuousSize + brainParameters.discreteBranches.reduce((a, b) => a + b, 0);
  const x = new Float32Array(steps.length * inW);
  const y = new Float32Array(steps.length * outW);
  steps.forEach((step, i) => {
    let at = i * inW;
    for (const o of step.observations) (x.set(o, at), (at += o.length));
    if (at !== (i + 1) * inW) throw new DemoFormatError(`demoToDataset: step ${i} observes ${at - i * inW} floats, step 0 observes ${inW}`);
    y.set(step.actions.continuous, i * outW);
    let branchAt = i * outW + brainParameters.continuousSize;
    brainParameters.discreteBranches.forEach((size, b) => {
      y[branchAt + step.actions.discrete[b]] = 1;
      branchAt += size;
    });
  });
  return { x: new Tensor('float32', x, [steps.length, inW]), y: new Tensor('float32', y, [steps.length, outW]) };
}
