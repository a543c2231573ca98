import type { DataType } from '../tensor.js';
import { Tensor } from '../tensor.js';
import { ModelDisposedError } from '../errors.js';
import { fromGpuData, gpuBytes } from './transfer.js';

/**
 * A tensor that lives in a GPU buffer: an output a {@link WebGpuModel} kept on the device (`runOnGpu`), or a buffer
 * of yours wrapped as a feed (a CameraSensor's `gpuBuffer`, a buffer your own compute pass wrote). Elements are
 * stored as the WebGPU back end stores them: 4 bytes each, float32 as f32, int32 / int64 (low 32 bits) / bool as
 * i32. Feeding it to a model on the same device copies it on the GPU, with no round trip through the CPU.
 */
export class GpuTensor {
  /** Elements. */
  readonly size: number;
  private disposed = false;

  /**
   * @param device - the device `buffer` belongs to
   * @param buffer - a buffer with STORAGE or COPY_SRC usage (COPY_SRC to feed a model or read it back)
   * @param owned - whether {@link dispose} destroys `buffer` (false for a wrapped buffer you keep)
   */
  constructor(readonly device: GPUDevice, readonly buffer: GPUBuffer, readonly dtype: DataType, readonly dims: readonly number[], private readonly owned: boolean) {
    this.size = dims.reduce((a, b) => a * b, 1);
  }

  /** Wraps a buffer you own (disposing the GpuTensor leaves it alive). */
  static wrap(device: GPUDevice, buffer: GPUBuffer, dtype: DataType, dims: readonly number[]): GpuTensor {
    return new GpuTensor(device, buffer, dtype, [...dims], false);
  }

  /** Whether {@link dispose} was called. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Copies the tensor to the host (resolves once the GPU has written it: a frame or more later).
   * @throws ModelDisposedError (rejected) after dispose
   */
  async read(): Promise<Tensor> {
    if (this.disposed) throw new ModelDisposedError('GpuTensor.read: the tensor has been disposed');
    const bytes = gpuBytes(this);
    if (bytes === 0) return Tensor.zeros(this.dtype, this.dims);
    const staging = this.device.createBuffer({ label: 'babylon-collaborator GpuTensor readback', size: Math.ceil(bytes / 4) * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    try {
      const encoder = this.device.createCommandEncoder({ label: 'babylon-collaborator GpuTensor readback' });
      encoder.copyBufferToBuffer(this.buffer, 0, staging, 0, bytes);
      this.device.queue.submit([encoder.finish()]);
      await staging.mapAsync(GPUMapMode.READ);
      return fromGpuData(staging.getMappedRange(), 0, this);
    } finally {
      staging.destroy();
    }
  }

  /** Destroys the buffer when the tensor owns it. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.owned) this.buffer.destroy();
  }
}
