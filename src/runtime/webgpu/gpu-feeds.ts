import { InputMismatchError } from '../errors.js';
import type { ValueInfo } from '../model.js';
import { Tensor } from '../tensor.js';
import { GpuTensor } from './gpu-tensor.js';
import { gpuBytes } from './transfer.js';

/** Feeds of a WebGPU model: host tensors, or tensors already on its device. */
export type GpuFeeds = Readonly<Record<string, Tensor | GpuTensor>>;

/** The data of a GPU feed's stand-in: the feed checks read only dtype and dims. */
const NO_DATA = new Float32Array(0);

/** The run signature of `feeds`: every input's dims, in input order. */
export function signatureOf(inputs: readonly ValueInfo[], feeds: GpuFeeds): string {
  return inputs.map((i) => feeds[i.name].dims.join('x')).join(';');
}

/** Why a GPU feed cannot be used on `device`, or undefined when it can. */
function gpuFeedProblem(feed: GpuTensor, device: GPUDevice): string | undefined {
  if (feed.isDisposed) return 'it has been disposed';
  if (feed.device !== device) return "it belongs to another device than the model's";
  if (feed.dtype !== 'float32') return `its dtype is ${feed.dtype}: GPU feeds must be float32`;
  const bytes = gpuBytes(feed);
  return feed.buffer.size < bytes ? `its buffer holds ${feed.buffer.size} bytes, its dims ${feed.dims.join('x')} need ${bytes}` : undefined;
}

/**
 * Checks feeds for a model on `device` with `check` (its inputs' compiled feed check), GPU feeds first for their
 * state, device, dtype and buffer size, then through stand-ins of their dtype and dims.
 * @returns whether any feed is a GpuTensor
 * @throws TypeError or InputMismatchError naming the input
 */
export function checkGpuFeeds(check: (feeds: Readonly<Record<string, unknown>>) => void, device: GPUDevice, feeds: GpuFeeds): boolean {
  if (typeof feeds !== 'object' || feeds === null || !Object.values(feeds).some((f) => f instanceof GpuTensor)) {
    check(feeds);
    return false;
  }
  const standIns: Record<string, unknown> = {};
  for (const [name, feed] of Object.entries(feeds)) {
    if (!(feed instanceof GpuTensor)) {
      standIns[name] = feed;
      continue;
    }
    const problem = gpuFeedProblem(feed, device);
    if (problem) throw new InputMismatchError(`input '${name}': a GpuTensor feed cannot be used: ${problem}`);
    standIns[name] = { dtype: feed.dtype, dims: feed.dims, data: NO_DATA };
  }
  check(standIns);
  return true;
}

/** Host tensors for a shape probe: GPU feeds become zeros of their dtype and dims (shapes never depend on float values). */
export function probeFeeds(feeds: GpuFeeds): Record<string, Tensor> {
  const host: Record<string, Tensor> = {};
  for (const [name, feed] of Object.entries(feeds)) host[name] = feed instanceof GpuTensor ? Tensor.zeros(feed.dtype, feed.dims) : feed;
  return host;
}
