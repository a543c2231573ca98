/** The per-batch-size buffers of an {@link Mlp}'s forward and backward passes. */

/**
 * Activations of every layer plus the scratch of backward, for batches of up to `capacity` rows. Reallocated
 * only when a larger batch comes: a training loop allocates nothing per step.
 */
export class MlpWorkspace {
  /** Rows the buffers hold. */
  capacity = 0;
  /** `outputs[l]`: the output of layer l (after its activation), [capacity, sizes[l + 1]]. */
  outputs: Float32Array[] = [];
  /** Gradient with respect to a layer's output, then pre-activation: two buffers used in turn. */
  deltas: [Float32Array, Float32Array] = [new Float32Array(0), new Float32Array(0)];
  /** The transposed delta [out, rows]. */
  deltaT = new Float32Array(0);
  /** The transposed layer input [in, rows]. */
  inputT = new Float32Array(0);
  /** The transposed weight [in, out]. */
  weightT: Float32Array;
  /** The input of the last forward pass (the caller's array: not copied) and its row count. */
  input: Float32Array = new Float32Array(0);
  rows = 0;

  constructor(private readonly sizes: readonly number[]) {
    let maxWeights = 0;
    for (let l = 0; l + 1 < sizes.length; l++) maxWeights = Math.max(maxWeights, sizes[l] * sizes[l + 1]);
    this.weightT = new Float32Array(maxWeights);
  }

  /** Makes room for `rows` rows. */
  ensure(rows: number): void {
    if (rows <= this.capacity) return;
    const widest = Math.max(...this.sizes);
    this.outputs = this.sizes.slice(1).map((size) => new Float32Array(rows * size));
    this.deltas = [new Float32Array(rows * widest), new Float32Array(rows * widest)];
    this.deltaT = new Float32Array(rows * widest);
    this.inputT = new Float32Array(rows * widest);
    this.capacity = rows;
  }
}
