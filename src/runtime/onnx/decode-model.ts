import { ModelLoadError } from '../errors.js';
import type { Graph } from '../graph.js';
import { decodeGraph } from './decode-graph.js';
import { int64ToNumber } from './int64.js';
import type { ModelProto } from './schema.js';
import { decodeModelProto } from './schema.js';

/** The default-domain opset versions this runtime reads. */
export const SUPPORTED_OPSETS = { min: 7, max: 23 } as const;

/** A decoded model: its main graph and the metadata policies read. */
export interface DecodedModel {
  readonly graph: Graph;
  /** `metadata_props` by key. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly producer: string;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The default-domain opset version of a model. */
function defaultOpset(model: ModelProto): number {
  const entry = model.opset_import.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  if (!entry) throw new ModelLoadError(`the model imports no default-domain opset (opset_import: ${model.opset_import.map((o) => `'${o.domain}'`).join(', ') || 'none'})`);
  const version = int64ToNumber(entry.version);
  if (!Number.isInteger(version) || version < SUPPORTED_OPSETS.min || version > SUPPORTED_OPSETS.max) {
    throw new ModelLoadError(`the model's opset ${version} is outside the supported range [${SUPPORTED_OPSETS.min}, ${SUPPORTED_OPSETS.max}]`);
  }
  return version;
}

/**
 * Decodes ONNX model bytes (protobufjs with the ONNX schema) into our graph: initialisers (raw or typed data),
 * attributes, subgraphs, inputs, outputs and value-info hints.
 * @throws ModelLoadError when the bytes are not a well-formed ONNX model, naming what is wrong
 */
export function decodeModel(bytes: Uint8Array): DecodedModel {
  if (bytes.byteLength === 0) throw new ModelLoadError('the model is empty (0 bytes)');
  let proto: ModelProto;
  try {
    proto = decodeModelProto(bytes);
  } catch (cause) {
    throw new ModelLoadError(`the bytes (${bytes.byteLength}) are not a valid ONNX model: protobuf decoding failed: ${reason(cause)}`, { cause });
  }
  if (!proto.graph) throw new ModelLoadError(`the bytes (${bytes.byteLength}) are not an ONNX model: no graph`);
  const opset = defaultOpset(proto);
  let graph: Graph;
  try {
    graph = decodeGraph(proto.graph, opset);
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    // A corrupt field of an unexpected kind (protobufjs accepts any wire data for it): still a bad file.
    throw new ModelLoadError(`the model is corrupt: ${reason(error)}`, { cause: error });
  }
  if (graph.outputs.length === 0) throw new ModelLoadError('the model has no outputs');
  const metadata: Record<string, string> = {};
  for (const entry of proto.metadata_props) metadata[entry.key] = entry.value;
  return { graph, metadata: Object.freeze(metadata), producer: proto.producer_name };
}
