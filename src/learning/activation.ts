/** Element-wise activations of {@link Mlp} layers: forward in place, and their derivative from the output. */

/** The activations a layer can apply after its Linear map. */
export type Activation = 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid' | 'identity';

/** Every {@link Activation}, in a fixed order. */
export const ACTIVATIONS: readonly Activation[] = Object.freeze(['relu', 'leakyRelu', 'tanh', 'sigmoid', 'identity']);

/** Slope of `leakyRelu` for negative inputs (PyTorch's and ONNX's default). */
export const LEAKY_SLOPE = 0.01;

/** Applies `activation` to the first `count` values of `values`, in place. */
export function activate(activation: Activation, values: Float32Array, count: number): void {
  switch (activation) {
    case 'relu':
      for (let i = 0; i < count; i++) if (values[i] < 0) values[i] = 0;
      return;
    case 'leakyRelu':
      for (let i = 0; i < count; i++) if (values[i] < 0) values[i] *= LEAKY_SLOPE;
      return;
    case 'tanh':
      for (let i = 0; i < count; i++) values[i] = Math.tanh(values[i]);
      return;
    case 'sigmoid':
      for (let i = 0; i < count; i++) values[i] = 1 / (1 + Math.exp(-values[i]));
      return;
    case 'identity':
      return;
  }
}

/**
 * Multiplies the first `count` gradients in `grad` by the activation's derivative, computed from its output
 * `out` (every activation here has a derivative expressible in its output: relu and leakyRelu keep the sign).
 */
export function activationBackward(activation: Activation, out: Float32Array, grad: Float32Array, count: number): void {
  switch (activation) {
    case 'relu':
      for (let i = 0; i < count; i++) if (out[i] <= 0) grad[i] = 0;
      return;
    case 'leakyRelu':
      for (let i = 0; i < count; i++) if (out[i] <= 0) grad[i] *= LEAKY_SLOPE;
      return;
    case 'tanh':
      for (let i = 0; i < count; i++) grad[i] *= 1 - out[i] * out[i];
      return;
    case 'sigmoid':
      for (let i = 0; i < count; i++) grad[i] *= out[i] * (1 - out[i]);
      return;
    case 'identity':
      return;
  }
}
