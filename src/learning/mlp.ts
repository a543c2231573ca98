import { SpecMismatchError } from '../collaborator/errors.js';
import { Tensor } from '../runtime/tensor.js';
import { activate, activationBackward, type Activation } from './activation.js';
import { NonFiniteError } from './errors.js';
import { gemmNT, rowSums, transpose } from './gemm.js';
import { checkMlpOptions, type Initialization, type MlpOptions } from './mlp-options.js';
import { MlpWorkspace } from './mlp-workspace.js';
import { exportMlpToOnnx } from './onnx-export.js';
import { randomSeed, SeededRandom } from './random.js';

/** Where one Linear layer lives in the flat parameter buffer. */
export interface LayerLayout {
  /** Input width. */
  readonly inputs: number;
  /** Output width. */
  readonly outputs: number;
  /** Offset of the weight, row-major [outputs, inputs] (PyTorch's and ONNX Gemm transB=1 layout). */
  readonly weightOffset: number;
  /** Offset of the bias [outputs]. */
  readonly biasOffset: number;
  /** The activation applied after the layer. */
  readonly activation: Activation;
}

/** Views of one layer's parameters (or gradients) in a flat buffer. */
export interface LayerParameters {
  /** Row-major [outputs, inputs]. */
  readonly weight: Float32Array;
  /** [outputs]. */
  readonly bias: Float32Array;
}

/** True when every value of the first `count` is finite. */
export function allFinite(values: Float32Array, count = values.length): boolean {
  for (let i = 0; i < count; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/**
 * A multi-layer perceptron: Linear layers, each followed by an activation, trained on the CPU.
 *
 * All parameters live in one flat `Float32Array` ({@link params}; layer views by {@link layer}) and all gradients
 * in another ({@link grads}) of the same layout, so an optimiser is one loop over the buffer and a weight swap
 * is one assignment ({@link swapParameters}). Forward and backward run register-blocked loops over buffers that
 * are only reallocated when a larger batch comes.
 *
 * @example
 * ```ts
 * const mlp = Mlp.create({ sizes: [10, 20, 10], activations: ['relu', 'relu'], seed: 1 });
 * const y = mlp.predict(new Tensor('float32', new Float32Array(10), [1, 10])); // dims [1, 10]
 * ```
 */
export class Mlp {
  /** Layer widths, input first. */
  readonly sizes: readonly number[];
  /** One activation per layer. */
  readonly activations: readonly Activation[];
  /** Each layer's place in the flat buffers. */
  readonly layers: readonly LayerLayout[];
  /** Gradients of the last {@link backward}, laid out like {@link params}. */
  readonly grads: Float32Array;
  private current: Float32Array;
  private readonly work: MlpWorkspace;

  private constructor(sizes: readonly number[], activations: readonly Activation[]) {
    this.sizes = sizes;
    this.activations = activations;
    let offset = 0;
    this.layers = Object.freeze(activations.map((activation, l) => {
      const inputs = sizes[l];
      const outputs = sizes[l + 1];
      const layout = { inputs, outputs, weightOffset: offset, biasOffset: offset + inputs * outputs, activation };
      offset += inputs * outputs + outputs;
      return Object.freeze(layout);
    }));
    this.current = new Float32Array(offset);
    this.grads = new Float32Array(offset);
    this.work = new MlpWorkspace(sizes);
  }

  /**
   * A new MLP with seeded random weights and zero biases.
   * @throws TypeError or RangeError naming the option and the value
   */
  static create(options: MlpOptions): Mlp {
    const o = checkMlpOptions(options);
    const mlp = new Mlp(o.sizes, o.activations);
    const random = new SeededRandom(o.seed ?? randomSeed());
    for (const layer of mlp.layers) initializeLayer(mlp.current, layer, o.init, random);
    return mlp;
  }

  /** Width of the input. */
  get inputSize(): number {
    return this.sizes[0];
  }

  /** Width of the output. */
  get outputSize(): number {
    return this.sizes[this.sizes.length - 1];
  }

  /** Number of parameters (weights and biases). */
  get parameterCount(): number {
    return this.current.length;
  }

  /** Identifies the architecture: equal signatures take each other's weights, e.g. `mlp:10-20-10:relu,relu`. */
  get signature(): string {
    return `mlp:${this.sizes.join('-')}:${this.activations.join(',')}`;
  }

  /** The flat parameter buffer in use now (live: optimisers update it in place). */
  get params(): Float32Array {
    return this.current;
  }

  /** Views of layer `index`'s weight and bias in {@link params}, or in `buffer` (e.g. {@link grads}). */
  layer(index: number, buffer: Float32Array = this.current): LayerParameters {
    const layout = this.layers[index];
    if (!layout) throw new RangeError(`Mlp.layer: index must be in [0, ${this.layers.length - 1}], got ${index}`);
    return {
      weight: buffer.subarray(layout.weightOffset, layout.biasOffset),
      bias: buffer.subarray(layout.biasOffset, layout.biasOffset + layout.outputs),
    };
  }

  /**
   * Copies `values` into the parameters.
   * @throws RangeError when the length differs from {@link parameterCount}; NonFiniteError for a value that is not finite
   */
  setParameters(values: ArrayLike<number>): void {
    this.checkBuffer(values, 'setParameters');
    this.current.set(values);
  }

  /**
   * Makes `next` the parameter buffer, in one assignment, and returns the previous one (for double buffering).
   * `next` is used as is, not copied.
   * @throws TypeError unless a Float32Array of {@link parameterCount} finite values
   */
  swapParameters(next: Float32Array): Float32Array {
    if (!(next instanceof Float32Array)) throw new TypeError('Mlp.swapParameters: next must be a Float32Array');
    this.checkBuffer(next, 'swapParameters');
    const previous = this.current;
    this.current = next;
    return previous;
  }

  /** An independent copy: same architecture, same parameters. */
  clone(): Mlp {
    const copy = new Mlp(this.sizes, this.activations);
    copy.current.set(this.current);
    return copy;
  }

  /**
   * Runs the network on `x` ([n, inputSize] float32) and returns a new [n, outputSize] tensor.
   * @throws SpecMismatchError for another dtype or shape; NonFiniteError when the input or an output is not finite
   */
  predict(x: Tensor): Tensor<'float32'> {
    if (x.dtype !== 'float32' || x.rank !== 2 || x.dims[1] !== this.inputSize) {
      throw new SpecMismatchError(`Mlp.predict: x must be a float32 tensor [n, ${this.inputSize}], got ${x.dtype} [${x.dims.join(', ')}]`);
    }
    const n = x.dims[0];
    const input = x.data as Float32Array;
    if (!allFinite(input)) throw new NonFiniteError('Mlp.predict: the input holds a value that is not finite');
    const out = this.forward(input, n).slice(0, n * this.outputSize);
    if (!allFinite(out)) throw new NonFiniteError('Mlp.predict: an output is not finite (the parameters hold NaN or overflowed)');
    return new Tensor('float32', out, [n, this.outputSize]);
  }

  /**
   * The forward pass for `n` rows of `input` (row-major [n, inputSize]), with `params` (default {@link params}).
   * Returns the network's internal output buffer: its first `n * outputSize` values are valid until the next
   * call. The input is kept (not copied) for {@link backward}. No check: see {@link predict}.
   */
  forward(input: Float32Array, n: number, params: Float32Array = this.current): Float32Array {
    const work = this.work;
    work.ensure(n);
    work.input = input;
    work.rows = n;
    let x = input;
    for (let l = 0; l < this.layers.length; l++) {
      const { inputs, outputs, weightOffset, biasOffset, activation } = this.layers[l];
      const y = work.outputs[l];
      gemmNT(n, outputs, inputs, x, 0, params, weightOffset, y, 0, params, biasOffset);
      activate(activation, y, n * outputs);
      x = y;
    }
    return x;
  }

  /**
   * The backward pass of the last {@link forward} (which must have used {@link params}): overwrites {@link grads}
   * with the gradient of the loss, given `outputGrad` = dLoss/dOutput ([n, outputSize], n of that forward).
   */
  backward(outputGrad: Float32Array): void {
    const work = this.work;
    const n = work.rows;
    const params = this.current;
    const last = this.layers.length - 1;
    let delta = work.deltas[0];
    delta.set(outputGrad.subarray(0, n * this.outputSize));
    activationBackward(this.layers[last].activation, work.outputs[last], delta, n * this.outputSize);
    for (let l = last; l >= 0; l--) {
      const { inputs, outputs, weightOffset, biasOffset } = this.layers[l];
      const x = l === 0 ? work.input : work.outputs[l - 1];
      transpose(delta, 0, n, outputs, work.deltaT);
      transpose(x, 0, n, inputs, work.inputT);
      gemmNT(outputs, inputs, n, work.deltaT, 0, work.inputT, 0, this.grads, weightOffset, this.grads, -1);
      rowSums(work.deltaT, outputs, n, this.grads, biasOffset);
      if (l === 0) break;
      const next = delta === work.deltas[0] ? work.deltas[1] : work.deltas[0];
      transpose(params, weightOffset, outputs, inputs, work.weightT);
      gemmNT(n, inputs, outputs, delta, 0, work.weightT, 0, next, 0, next, -1);
      activationBackward(this.layers[l - 1].activation, work.outputs[l - 1], next, n * inputs);
      delta = next;
    }
  }

  /**
   * Encodes the network as an ONNX model (opset 13): one Gemm (transB = 1) per layer followed by its activation
   * (Relu, LeakyRelu alpha 0.01, Tanh, Sigmoid; none for identity). Input `input` [batch, inputSize] float32,
   * output `output` [batch, outputSize]. Loads in onnxruntime-web and matches {@link predict} within 1e-5.
   */
  toOnnx(): Uint8Array {
    return exportMlpToOnnx(this);
  }

  private checkBuffer(values: ArrayLike<number>, method: string): void {
    if (!values || values.length !== this.current.length) {
      throw new RangeError(`Mlp.${method}: expected ${this.current.length} parameters for ${this.signature}, got ${values?.length}`);
    }
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) throw new NonFiniteError(`Mlp.${method}: parameter ${i} is ${values[i]}, not finite`);
    }
  }
}

function initializeLayer(params: Float32Array, layer: LayerLayout, init: Initialization | undefined, random: SeededRandom): void {
  const scheme = init ?? (layer.activation === 'relu' || layer.activation === 'leakyRelu' ? 'he' : 'xavier');
  const { weightOffset, biasOffset, inputs, outputs } = layer;
  if (scheme === 'he') {
    const std = Math.sqrt(2 / inputs);
    for (let i = weightOffset; i < biasOffset; i++) params[i] = random.normal() * std;
  } else {
    const limit = Math.sqrt(6 / (inputs + outputs));
    for (let i = weightOffset; i < biasOffset; i++) params[i] = random.uniform(-limit, limit);
  }
}
