import type { BufferTracker } from './resources.js';

/** Free staging buffers kept for reuse; more are destroyed when returned. */
const KEEP = 4;

/**
 * A ring of MAP_READ staging buffers for readback. A run copies its outputs into one and maps it
 * asynchronously, so `run()` resolves when the GPU is done (often a frame later) without ever blocking; the
 * buffer comes back to the ring once read and unmapped. Concurrent runs take different buffers.
 */
export class StagingRing {
  private readonly free: GPUBuffer[] = [];
  private created = 0;

  /** @param buffers - the model's buffer tracker (staging buffers are destroyed with the model) */
  constructor(private readonly buffers: BufferTracker) {}

  /** A free staging buffer of at least `size` bytes (the smallest that fits, or a new one). */
  acquire(size: number): GPUBuffer {
    let best = -1;
    this.free.forEach((b, i) => {
      if (b.size >= size && (best < 0 || b.size < this.free[best].size)) best = i;
    });
    if (best >= 0) return this.free.splice(best, 1)[0];
    return this.buffers.create(`staging #${this.created++}`, size, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
  }

  /** Returns an unmapped buffer to the ring. */
  release(buffer: GPUBuffer): void {
    if (this.free.length < KEEP) this.free.push(buffer);
    else this.buffers.destroy(buffer);
  }
}
