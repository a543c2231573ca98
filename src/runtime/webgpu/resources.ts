/**
 * Every buffer a model creates goes through one tracker, labelled, so `dispose()` can destroy them all and tests
 * can count what is alive.
 */
export class BufferTracker {
  private readonly device: GPUDevice;
  private readonly live = new Set<GPUBuffer>();

  /**
   * @param device - the device buffers are created on
   * @param label - the model's label, prefixed to every buffer's
   */
  constructor(device: GPUDevice, readonly label: string) {
    this.device = device;
  }

  /** Creates a buffer of at least `size` bytes (rounded up to 16, never 0), labelled `<model label> <what>`. */
  create(what: string, size: number, usage: GPUBufferUsageFlags): GPUBuffer {
    const buffer = this.device.createBuffer({ label: `${this.label} ${what}`, size: Math.max(16, Math.ceil(size / 16) * 16), usage });
    this.live.add(buffer);
    return buffer;
  }

  /** A storage buffer holding `data`. */
  upload(what: string, data: ArrayBufferView): GPUBuffer {
    const buffer = this.create(what, data.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    if (data.byteLength > 0) this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    return buffer;
  }

  /** Destroys one buffer the tracker made. */
  destroy(buffer: GPUBuffer): void {
    if (this.live.delete(buffer)) buffer.destroy();
  }

  /** Destroys every buffer still alive. */
  destroyAll(): void {
    for (const buffer of this.live) buffer.destroy();
    this.live.clear();
  }

  /** Buffers alive. */
  get size(): number {
    return this.live.size;
  }
}
