import { AutoSelectedModel, timeModel } from './backend-selection.js';
import type { BackendTiming } from './backend-selection.js';
import { CpuModel } from './cpu/cpu-model.js';
import { cpuKernels } from './cpu/ops/index.js';
import { ModelLoadError, UnsupportedOperatorError } from './errors.js';
import { exampleFeeds } from './example-feeds.js';
import { resolveLoadOptions } from './load-options.js';
import type { LoadModelOptions, ResolvedLoadOptions } from './load-options.js';
import type { BackendName, Model } from './model.js';
import { decodeModel } from './onnx/decode-model.js';
import { optimiseGraph } from './passes/optimise.js';
import { readModelSource } from './source.js';
import type { ModelSource } from './source.js';
import type { GpuDevice } from '../onnxruntime/options.js';
import type { AbstractEngine } from '@babylonjs/core/Engines/abstractEngine.js';

/**
 * The model on our CPU kernels: decoded, optimised, compiled. Any failure is typed: an error of another kind from a
 * pass or a kernel meeting a corrupt graph is reported as the ModelLoadError it is.
 */
function loadCpu(bytes: Uint8Array): Model {
  try {
    const { graph } = decodeModel(bytes);
    return new CpuModel(optimiseGraph(graph, cpuKernels), cpuKernels);
  } catch (error) {
    if (error instanceof ModelLoadError || error instanceof UnsupportedOperatorError) throw error;
    throw new ModelLoadError(`the cpu back end cannot load the model: ${describe(error)}`, { cause: error });
  }
}

/** The model on onnxruntime-web; the entry (and onnxruntime-web with it) is imported only now. */
async function loadOnnxRuntime(bytes: Uint8Array, options: ResolvedLoadOptions): Promise<Model> {
  const { createOnnxRuntimeModel } = await import('../onnxruntime/index.js');
  return createOnnxRuntimeModel(bytes, options.device ? { device: options.device as GpuDevice } : {});
}

/**
 * The model on our WGSL kernels (src/runtime/webgpu), imported only now; warmed up at the batch size 'auto' times
 * (in the background while the CPU answers, with `cpuWhileCompiling`).
 * No device is a ModelLoadError (its cause the WebGpuUnavailableError saying why).
 */
async function loadWebGpu(bytes: Uint8Array, options: ResolvedLoadOptions, engine: AbstractEngine | undefined, cpuWhileCompiling: boolean): Promise<Model> {
  const { createWebGpuModel, WebGpuUnavailableError } = await import('./webgpu/create-webgpu-model.js');
  try {
    return await createWebGpuModel(bytes, {
      ...(engine && { engine }), ...(options.device && { device: options.device as GPUDevice }), warmUpBatchSize: options.autoBatchSize, cpuWhileCompiling,
    });
  } catch (error) {
    if (error instanceof WebGpuUnavailableError) throw new ModelLoadError(`the 'webgpu' back end is not available here: ${error.message}`, { cause: error });
    throw error;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** `'auto'`: loads the model on every available back end, times each, keeps the fastest and disposes the others. */
async function loadAuto(bytes: Uint8Array, options: ResolvedLoadOptions, engine: AbstractEngine | undefined): Promise<AutoSelectedModel> {
  const loaded: [BackendName, Model][] = [];
  const timings: Partial<Record<BackendName, BackendTiming>> = {};
  let cpuError: unknown;
  try {
    loaded.push(['cpu', loadCpu(bytes)]);
  } catch (error) {
    if (!(error instanceof UnsupportedOperatorError)) throw error; // a corrupt model fails on every back end
    cpuError = error;
    timings.cpu = { runs: 0, error: describe(error) };
  }
  try {
    loaded.push(['onnxruntime', await loadOnnxRuntime(bytes, options)]);
  } catch (error) {
    timings.onnxruntime = { runs: 0, error: describe(error) };
  }
  try {
    loaded.push(['webgpu', await loadWebGpu(bytes, options, engine, false)]);
  } catch (error) {
    timings.webgpu = { runs: 0, error: describe(error) };
  }
  if (loaded.length === 0) throw cpuError;
  const feeds = options.autoFeeds ? { ...options.autoFeeds } : exampleFeeds(loaded[0][1].inputs, options.autoBatchSize);
  const share = options.autoBudgetMs / loaded.length;
  for (const [name, model] of loaded) timings[name] = await timeModel(model, feeds, share);
  const ranked = loaded.filter(([name]) => timings[name]?.ms !== undefined).sort(([a], [b]) => timings[a]!.ms! - timings[b]!.ms!);
  const [backend, model] = ranked[0] ?? loaded[0];
  for (const [, other] of loaded) if (other !== model) other.dispose();
  return new AutoSelectedModel(model, { backend, batchSize: options.autoBatchSize, timings });
}

/**
 * Loads an ONNX model onto a back end.
 *
 * The CPU back end decodes the file with protobufjs, sorts the graph, folds constants (Constant, Shape of known
 * shapes, ConstantOfShape chains, If with a constant condition, any node with only constant inputs), removes dead
 * nodes and compiles each node's kernel once. `'auto'` (the default) times a few runs on each available back end
 * and keeps the fastest: the returned model then has a `selection` (see {@link BackendSelection}).
 *
 * @param source - the model's bytes (not copied), or a URL to `fetch` (in Node, read files and pass their bytes)
 * @param options - see {@link LoadModelOptions}
 * @throws TypeError or RangeError (rejected) for a bad source kind or option, naming it
 * @throws ModelLoadError (rejected) when the bytes are truncated, corrupt or not ONNX, the URL cannot be fetched,
 *   the asked back end is unavailable, or a kernel refuses a node; the message names what is wrong
 * @throws UnsupportedOperatorError (rejected) listing every unsupported operator and node (with `'auto'`, only when
 *   onnxruntime-web cannot take the model either)
 */
export async function loadModel(source: ModelSource, options?: LoadModelOptions): Promise<Model> {
  const resolved = resolveLoadOptions(options);
  const bytes = await readModelSource(source, 'loadModel');
  switch (resolved.backend) {
    case 'cpu': return loadCpu(bytes);
    case 'onnxruntime': return loadOnnxRuntime(bytes, resolved);
    case 'webgpu': return loadWebGpu(bytes, resolved, options?.engine, resolved.cpuWhileCompiling);
    default: return loadAuto(bytes, resolved, options?.engine);
  }
}
