import { WebGpuValidationError } from './errors.js';
import type { GpuKernel } from './kernel.js';

/** Compiled pipelines per device, by kernel cache key: a lost or destroyed device takes its cache with it. */
const caches = new WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>>();

/**
 * The compute pipeline of `kernel` on `device`, compiled once per device and cache key with
 * `createComputePipelineAsync` (the shader compiles off the main thread where the browser can).
 * @throws WebGpuValidationError (rejected) when the shader or pipeline does not compile, naming the kernel
 */
export function pipelineFor(device: GPUDevice, kernel: GpuKernel): Promise<GPUComputePipeline> {
  let cache = caches.get(device);
  if (!cache) caches.set(device, (cache = new Map()));
  let pipeline = cache.get(kernel.cacheKey);
  if (!pipeline) {
    const label = `babylon-collaborator ${kernel.name} [${kernel.cacheKey}]`;
    const module = device.createShaderModule({ label, code: kernel.shaderSource() });
    pipeline = device.createComputePipelineAsync({ label, layout: 'auto', compute: { module, entryPoint: 'main' } }).catch((cause: unknown) => {
      cache.delete(kernel.cacheKey);
      throw new WebGpuValidationError(`the pipeline of kernel ${kernel.name} [${kernel.cacheKey}] did not compile: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    });
    cache.set(kernel.cacheKey, pipeline);
  }
  return pipeline;
}
