import type { AbstractEngine } from '@babylonjs/core/Engines/abstractEngine.js';
import { WebGpuUnavailableError } from './errors.js';

/** Where the WebGPU back end gets its device (see {@link resolveDevice}). */
export interface DeviceOptions {
  /** A Babylon engine: a WebGPUEngine's own device is shared; any other engine (WebGL) leaves the choice to `device`. */
  readonly engine?: AbstractEngine;
  /** Any GPUDevice (in Node, one from the `webgpu` package). Used when no WebGPU engine is given. */
  readonly device?: GPUDevice;
}

/** A device and whether the back end owns it (requested it itself, and destroys it on dispose). */
export interface ResolvedDevice {
  readonly device: GPUDevice;
  readonly owned: boolean;
}

/**
 * The device of a Babylon WebGPUEngine. Babylon keeps it in the internal field `_device` (public in the d.ts as
 * `WebGPUEngine._device`, stable since Babylon 5 and used by its own compute shaders); we read only that field.
 * @returns the device, or undefined for an engine that is not a WebGPU engine
 * @throws WebGpuUnavailableError when a WebGPU engine has no `_device` (an internal renamed in a later Babylon)
 */
export function engineDevice(engine: AbstractEngine): GPUDevice | undefined {
  if (!(engine as { isWebGPU?: boolean }).isWebGPU) return undefined;
  const device = (engine as unknown as { _device?: unknown })._device;
  const looksLikeDevice = typeof device === 'object' && device !== null
    && typeof (device as GPUDevice).createComputePipelineAsync === 'function' && typeof (device as GPUDevice).queue === 'object';
  if (!looksLikeDevice) {
    throw new WebGpuUnavailableError("the WebGPU engine has no usable '_device' (the Babylon internal the WebGPU back end shares); pass { device } instead");
  }
  return device as GPUDevice;
}

/**
 * Picks the device: a WebGPU engine's, else `options.device`, else a new one from `navigator.gpu` (owned).
 * A WebGL engine does not share anything: the kernels get their own device.
 * @throws WebGpuUnavailableError (rejected) when none can be had, naming why
 */
export async function resolveDevice(options: DeviceOptions): Promise<ResolvedDevice> {
  const fromEngine = options.engine ? engineDevice(options.engine) : undefined;
  if (fromEngine) return { device: fromEngine, owned: false };
  if (options.device) return { device: options.device, owned: false };
  const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (!gpu) throw new WebGpuUnavailableError('WebGPU is not available here (no navigator.gpu): pass { device } (in Node, from the webgpu package) or use another back end');
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (cause) {
    throw new WebGpuUnavailableError('navigator.gpu.requestAdapter() failed', { cause });
  }
  if (!adapter) throw new WebGpuUnavailableError('navigator.gpu.requestAdapter() found no adapter');
  try {
    return { device: await adapter.requestDevice({ label: 'babylon-collaborator WebGPU back end' }), owned: true };
  } catch (cause) {
    throw new WebGpuUnavailableError('the adapter refused requestDevice()', { cause });
  }
}
