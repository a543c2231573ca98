import { cpuKernels } from '../cpu/ops/index.js';
import { KernelError, ModelLoadError, UnsupportedOperatorError } from '../errors.js';
import { exampleFeeds } from '../example-feeds.js';
import { decodeModel } from '../onnx/decode-model.js';
import { optimiseGraph } from '../passes/optimise.js';
import { resolveDevice } from './device.js';
export { WebGpuUnavailableError } from './errors.js';
import type { DeviceOptions } from './device.js';
import { WebGpuModel } from './webgpu-model.js';
import type { WebGpuModelOptions } from './webgpu-model.js';

/** Options of {@link createWebGpuModel}. */
export interface WebGpuLoadOptions extends DeviceOptions, Pick<WebGpuModelOptions, 'label' | 'cpuWhileCompiling'> {
  /**
   * The batch size the model is warmed up at (its pipelines compiled and one run made), or 0 for none. With
   * `cpuWhileCompiling` (the default) the warm-up goes on in the background and the model is returned at once;
   * otherwise the load waits for it.
   * @default 1
   */
  readonly warmUpBatchSize?: number;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Loads ONNX bytes onto the WebGPU back end: decodes and optimises the graph as the CPU back end does, picks the
 * device (see {@link resolveDevice}), compiles the GPU ops and warms the model up at `warmUpBatchSize` (its
 * pipelines created with `createComputePipelineAsync`, cached per device): in the background by default, runs
 * meanwhile answered by the CPU back end (`cpuWhileCompiling`). Example feeds whose other unknown dims do not fit
 * the graph skip the warm-up run (pipelines then compile at the first run).
 * @throws WebGpuUnavailableError (rejected) when there is no device
 * @throws ModelLoadError or UnsupportedOperatorError (rejected) as the CPU back end would
 */
export async function createWebGpuModel(bytes: Uint8Array, options: WebGpuLoadOptions = {}): Promise<WebGpuModel> {
  const { device, owned } = await resolveDevice(options);
  let model: WebGpuModel;
  try {
    const { graph } = decodeModel(bytes);
    model = new WebGpuModel(optimiseGraph(graph, cpuKernels), device, {
      ...(options.label && { label: options.label }), ...(options.cpuWhileCompiling !== undefined && { cpuWhileCompiling: options.cpuWhileCompiling }), ownsDevice: owned,
    });
  } catch (error) {
    if (owned) device.destroy();
    if (error instanceof ModelLoadError || error instanceof UnsupportedOperatorError) throw error;
    throw new ModelLoadError(`the webgpu back end cannot load the model: ${describe(error)}`, { cause: error });
  }
  const batch = options.warmUpBatchSize ?? 1;
  if (batch > 0) {
    const warming = Promise.resolve().then(() => model.warmUp(exampleFeeds(model.inputs, batch)));
    if (options.cpuWhileCompiling ?? true) {
      warming.catch(() => undefined); // a failing plan rejects the first run of its signature instead
    } else {
      try {
        await warming;
      } catch (error) {
        if (!(error instanceof KernelError)) {
          model.dispose();
          throw error;
        }
      }
    }
  }
  return model;
}
