import { ModelLoadError } from '../errors.js';

/**
 * Thrown (or rejected with) when the WebGPU back end has no device: no `navigator.gpu`, no adapter, a Babylon
 * engine without the internal device it relies on, or a device request that failed. `cause` holds the
 * underlying error when there is one. A {@link ModelLoadError}: the model cannot load on this back end.
 */
export class WebGpuUnavailableError extends ModelLoadError {
  override readonly name = 'WebGpuUnavailableError';
}

/**
 * Rejected with when WebGPU reports a validation or out-of-memory error for work the back end submitted
 * (captured with `pushErrorScope`), or a shader or pipeline fails to compile. The message names the
 * model's label and carries WebGPU's message.
 */
export class WebGpuValidationError extends Error {
  override readonly name = 'WebGpuValidationError';
}

/**
 * Rejected with by every run in flight when the GPU device is lost (or destroyed). The model then runs its
 * later calls on the CPU back end with the same weights.
 */
export class WebGpuDeviceLostError extends Error {
  override readonly name = 'WebGpuDeviceLostError';
  /** WebGPU's reason: 'destroyed' when `device.destroy()` was called, 'unknown' otherwise. */
  readonly reason: string;

  /**
   * @param message - what was lost and what happens next
   * @param reason - WebGPU's `GPUDeviceLostInfo.reason`
   */
  constructor(message: string, reason: string) {
    super(message);
    this.reason = reason;
  }
}
