/**
 * Cuts a stream of samples pushed in pieces of any size into consecutive chunks of a fixed size,
 * so that what follows sees the same chunks whatever the pieces were.
 */
export class Chunker {
  private readonly pending: Float32Array;
  private filled = 0;

  /** @param size - samples per chunk (a positive integer, checked by the owner) */
  constructor(readonly size: number) {
    this.pending = new Float32Array(size);
  }

  /** Appends `samples` and returns the chunks they completed, oldest first (each a new array). */
  push(samples: Float32Array): Float32Array[] {
    const chunks: Float32Array[] = [];
    let at = 0;
    while (at < samples.length) {
      const take = Math.min(this.size - this.filled, samples.length - at);
      this.pending.set(samples.subarray(at, at + take), this.filled);
      this.filled += take;
      at += take;
      if (this.filled === this.size) {
        chunks.push(this.pending.slice());
        this.filled = 0;
      }
    }
    return chunks;
  }

  /** Drops the samples of the incomplete chunk. */
  reset(): void {
    this.filled = 0;
  }
}
