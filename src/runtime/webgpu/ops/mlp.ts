import type { GraphNode } from '../../graph.js';
import { Tensor } from '../../tensor.js';
import { groups1d } from '../kernel.js';
import type { GpuOp } from '../kernel.js';
import type { MlpChain, MlpLayer } from '../mlp-chain.js';
import { makeKernel, uniforms } from './common.js';
import { MLP_ROWS, mlpShader } from './mlp-shader.js';
import type { PackedLayer } from './mlp-shader.js';

/** The layout of every layer in one parameter buffer: outputs padded to quads, later inputs to the previous padding. */
function layoutOf(layers: readonly MlpLayer[]): PackedLayer[] {
  let at = 0;
  return layers.map((layer, l) => {
    const quads = Math.ceil(layer.outputs / 4);
    const inputs = l === 0 ? layer.inputs : Math.ceil(layer.inputs / 4) * 4;
    const weightsAt = at;
    const biasAt = weightsAt + inputs * quads;
    at = biasAt + quads;
    return { inputs, outputs: layer.outputs, quads, weightsAt, biasAt, activation: layer.activation };
  });
}

/** Weights and biases in the layout's places; padding is zero, so padded features add nothing to the next layer. */
function pack(layers: readonly MlpLayer[], layout: readonly PackedLayer[]): Tensor<'float32'> {
  const end = layout[layout.length - 1];
  const data = new Float32Array((end.biasAt + end.quads) * 4);
  layers.forEach((layer, l) => {
    const { weightsAt, biasAt, quads } = layout[l];
    for (let k = 0; k < layer.inputs; k++) {
      data.set(layer.weights.subarray(k * layer.outputs, (k + 1) * layer.outputs), (weightsAt + k * quads) * 4);
    }
    data.set(layer.bias, biasAt * 4);
  });
  return new Tensor('float32', data, [data.length]);
}

function activationKey(layer: PackedLayer): string {
  const { kind, alpha, beta } = layer.activation;
  return kind === 'leakyrelu' ? `${kind}(${alpha})` : kind === 'clip' ? `${kind}(${alpha},${beta})` : kind;
}

/**
 * The GPU op of a fused MLP node: the layers packed into one buffer at load, one dispatch of the fused kernel
 * (see {@link mlpShader}) per run for any batch: the rows are the input's size over the first layer's width.
 * Declines (the chain then runs on the CPU) when the input is not float32 with that last dim.
 */
export function compileMlp(node: GraphNode, chain: MlpChain): GpuOp {
  const layout = layoutOf(chain.layers);
  const packed = pack(chain.layers, layout);
  const widths = [chain.layers[0].inputs, ...chain.layers.map((layer) => layer.outputs)].join('-');
  const cacheKey = `mlp:${MLP_ROWS}:${layout.map((layer) => `${layer.inputs}x${layer.outputs}:${activationKey(layer)}`).join('|')}`;
  return {
    plan(context) {
      const input = context.input(0);
      const width = chain.layers[0].inputs;
      if (!input || input.dtype !== 'float32' || input.dims[input.dims.length - 1] !== width) return undefined;
      const rows = input.dims.reduce((a, b) => a * b, 1) / width;
      const kSteps = layout.map((layer) => layer.inputs);
      const kernel = makeKernel(`FusedMlp ${widths}`, cacheKey, () => mlpShader(layout),
        { workgroups: groups1d(Math.ceil(rows / MLP_ROWS)), uniforms: uniforms([rows, ...kSteps]) });
      return { dispatches: [{ kernel, reads: [{ value: node.inputs[0] }, { packed }], writes: [{ value: node.outputs[0] }] }] };
    },
  };
}
