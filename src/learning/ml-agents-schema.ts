import protobuf from 'protobufjs/light.js';

/**
 * The ML-Agents messages a `.demo` file is made of (communicator_objects: demonstration_meta, brain_parameters,
 * agent_info, observation, agent_action, agent_info_action_pair), as a protobufjs JSON descriptor with
 * ML-Agents' field numbers. Deprecated fields still found in older files are kept under their `_deprecated` names.
 */
const rep = (type: string, id: number) => ({ rule: 'repeated', type, id });
const opt = (type: string, id: number) => ({ type, id });

const DESCRIPTOR = {
  nested: {
    communicator_objects: {
      nested: {
        DemonstrationMetaProto: {
          fields: {
            api_version: opt('int32', 1), demonstration_name: opt('string', 2), number_steps: opt('int32', 3),
            number_episodes: opt('int32', 4), mean_reward: opt('float', 5),
          },
        },
        ActionSpecProto: {
          fields: {
            num_continuous_actions: opt('int32', 1), num_discrete_actions: opt('int32', 2),
            discrete_branch_sizes: rep('int32', 3), action_descriptions: rep('string', 4),
          },
        },
        BrainParametersProto: {
          fields: {
            vector_observation_size_deprecated: opt('int32', 1), num_stacked_vector_observations_deprecated: opt('int32', 2),
            vector_action_size_deprecated: rep('int32', 3), vector_action_descriptions_deprecated: rep('string', 5),
            vector_action_space_type_deprecated: opt('int32', 6), brain_name: opt('string', 7), is_training: opt('bool', 8),
            action_spec: opt('ActionSpecProto', 9),
          },
        },
        ObservationProto: {
          oneofs: { observation_data: { oneof: ['compressed_data', 'float_data'] } },
          fields: {
            shape: rep('int32', 1), compression_type: opt('int32', 2), compressed_data: opt('bytes', 3),
            float_data: opt('FloatData', 4), compressed_channel_mapping: rep('int32', 5),
            dimension_properties: rep('int32', 6), observation_type: opt('int32', 7),
          },
          nested: { FloatData: { fields: { data: rep('float', 1) } } },
        },
        AgentInfoProto: {
          fields: {
            reward: opt('float', 7), done: opt('bool', 8), max_step_reached: opt('bool', 9), id: opt('int32', 10),
            action_mask: rep('bool', 11), observations: rep('ObservationProto', 13), team_manager_id: opt('int32', 14),
            team_reward: opt('float', 15),
          },
        },
        AgentActionProto: {
          fields: {
            vector_actions_deprecated: rep('float', 1), value: opt('float', 4),
            continuous_actions: rep('float', 6), discrete_actions: rep('int32', 7),
          },
        },
        AgentInfoActionPairProto: {
          fields: { agent_info: opt('AgentInfoProto', 1), action_info: opt('AgentActionProto', 2) },
        },
      },
    },
  },
};

const root = protobuf.Root.fromJSON(DESCRIPTOR);

/** `DemonstrationMetaProto`: the file's header. */
export const DemonstrationMetaType: protobuf.Type = root.lookupType('communicator_objects.DemonstrationMetaProto');
/** `BrainParametersProto`: the behaviour's action space. */
export const BrainParametersType: protobuf.Type = root.lookupType('communicator_objects.BrainParametersProto');
/** `AgentInfoActionPairProto`: one recorded step. */
export const AgentInfoActionPairType: protobuf.Type = root.lookupType('communicator_objects.AgentInfoActionPairProto');

/** Decoded `DemonstrationMetaProto`. */
export interface DemonstrationMetaMessage {
  api_version: number; demonstration_name: string; number_steps: number; number_episodes: number; mean_reward: number;
}

/** Decoded `BrainParametersProto`. */
export interface BrainParametersMessage {
  vector_action_size_deprecated: number[];
  vector_action_space_type_deprecated: number;
  brain_name: string;
  is_training: boolean;
  action_spec?: { num_continuous_actions: number; num_discrete_actions: number; discrete_branch_sizes: number[] } | null;
}

/** Decoded `AgentInfoActionPairProto`. */
export interface AgentInfoActionPairMessage {
  agent_info?: {
    reward: number; done: boolean; max_step_reached: boolean; id: number; action_mask: boolean[];
    observations: { shape: number[]; compressed_data?: Uint8Array; float_data?: { data: number[] } | null }[];
  } | null;
  action_info?: { vector_actions_deprecated: number[]; continuous_actions: number[]; discrete_actions: number[] } | null;
}
