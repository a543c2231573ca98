import type * as Ort from 'onnxruntime-web';
import { ModelLoadError } from '../runtime/errors.js';
import type { Model } from '../runtime/model.js';
import { OnnxRuntimeModel } from './onnxruntime-model.js';
import { resolveOptions } from './options.js';
import type { OnnxRuntimeModelOptions, ResolvedOnnxRuntimeOptions } from './options.js';
import { readModelSource } from '../runtime/source.js';
import type { ModelSource } from '../runtime/source.js';

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** onnxruntime-web, imported on first use so that importing this entry costs nothing. */
async function importOrt(): Promise<typeof Ort> {
  try {
    return await import('onnxruntime-web');
  } catch (cause) {
    throw new ModelLoadError(`the onnxruntime back end needs the optional peer dependency onnxruntime-web (npm i onnxruntime-web): ${reason(cause)}`, { cause });
  }
}

/** Sets onnxruntime-web's process-wide wasm settings that the caller gave (they count before its first session). */
function applyWasmSettings(ort: typeof Ort, options: ResolvedOnnxRuntimeOptions): void {
  if (options.wasmPaths !== undefined) ort.env.wasm.wasmPaths = options.wasmPaths;
  if (options.numThreads !== undefined) ort.env.wasm.numThreads = options.numThreads;
}

function executionProviders(options: ResolvedOnnxRuntimeOptions): Ort.InferenceSession.ExecutionProviderConfig[] {
  return options.executionProviders.map((name) => (name === 'webgpu' && options.device ? { name, device: options.device } : name));
}

/**
 * Loads an ONNX model into an onnxruntime-web session and returns it as a {@link Model} with backend
 * `'onnxruntime'`. onnxruntime-web (an optional peer dependency) is imported on the first call.
 * In Node only the `'wasm'` provider works and the model must be given as bytes; onnxruntime-web's
 * WebAssembly files are then read from its own folder in `node_modules`, without network.
 *
 * @param source - the model's bytes (used without a copy), or a URL (http(s), or relative to the page) to `fetch`;
 *   a file path is not accepted: in Node, read the file and pass its bytes
 * @param options - execution providers, WebGPU device and onnxruntime-web's wasm settings; see {@link OnnxRuntimeModelOptions}
 * @returns the model; its `inputs` and `outputs` are the session's, with dtypes and (symbolic) dims
 * @throws TypeError or RangeError (rejected) for a bad source kind or option, naming it
 * @throws ModelLoadError (rejected) when the URL cannot be fetched, onnxruntime-web is missing, the bytes are not a
 *   valid ONNX model, no requested execution provider can run it, or an input or output is not a
 *   float32, int32, int64 or bool tensor
 */
export async function createOnnxRuntimeModel(source: ModelSource, options?: OnnxRuntimeModelOptions): Promise<Model> {
  const resolved = resolveOptions(options);
  const bytes = await readModelSource(source, 'createOnnxRuntimeModel');
  const ort = await importOrt();
  applyWasmSettings(ort, resolved);
  let session: Ort.InferenceSession;
  try {
    // logSeverityLevel 3: onnxruntime-web prints no warnings; its errors reach the caller through the rejection.
    session = await ort.InferenceSession.create(bytes, { executionProviders: executionProviders(resolved), logSeverityLevel: 3 });
  } catch (cause) {
    const providers = resolved.executionProviders.join(', ');
    throw new ModelLoadError(`onnxruntime-web cannot load the model (${bytes.byteLength} bytes) with execution providers ${providers}: ${reason(cause)}`, { cause });
  }
  try {
    return new OnnxRuntimeModel(ort, session);
  } catch (error) {
    await session.release();
    throw error;
  }
}
