/** `Mlp.toOnnx()`: the network as an ONNX graph of Gemm and activation nodes. */
import { buildModel, type NodeInit } from '../runtime/onnx/build.js';
import { Tensor } from '../runtime/tensor.js';
import type { Activation } from './activation.js';
import { LEAKY_SLOPE } from './activation.js';
import type { Mlp } from './mlp.js';

/** The ONNX operator of each activation (identity adds no node). */
const OPERATORS: Readonly<Record<Exclude<Activation, 'identity'>, string>> = {
  relu: 'Relu', leakyRelu: 'LeakyRelu', tanh: 'Tanh', sigmoid: 'Sigmoid',
};

/** Opset of the exported models: Gemm with optional C and unidirectional bias broadcast. */
const OPSET = 13;

/** Encodes `mlp` as an ONNX model: input `input` [batch, in], output `output` [batch, out], weights as initialisers. */
export function exportMlpToOnnx(mlp: Mlp): Uint8Array {
  const nodes: NodeInit[] = [];
  const initializers: Record<string, Tensor> = {};
  let value = 'input';
  mlp.layers.forEach((layer, l) => {
    const { weight, bias } = mlp.layer(l);
    initializers[`layer${l}.weight`] = new Tensor('float32', weight.slice(), [layer.outputs, layer.inputs]);
    initializers[`layer${l}.bias`] = new Tensor('float32', bias.slice(), [layer.outputs]);
    const last = l === mlp.layers.length - 1;
    const gemmOut = last && layer.activation === 'identity' ? 'output' : `layer${l}.linear`;
    nodes.push({ opType: 'Gemm', name: `layer${l}.gemm`, inputs: [value, `layer${l}.weight`, `layer${l}.bias`], outputs: [gemmOut], attributes: { transB: 1 } });
    value = gemmOut;
    if (layer.activation === 'identity') return;
    const activated = last ? 'output' : `layer${l}.${layer.activation}`;
    const attributes = layer.activation === 'leakyRelu' ? { alpha: { float: LEAKY_SLOPE } } : undefined;
    nodes.push({ opType: OPERATORS[layer.activation], name: `layer${l}.${layer.activation}`, inputs: [value], outputs: [activated], ...(attributes && { attributes }) });
    value = activated;
  });
  return buildModel({
    nodes,
    initializers,
    inputs: [{ name: 'input', dtype: 'float32', dims: ['batch', mlp.inputSize] }],
    outputs: [{ name: 'output', dtype: 'float32', dims: ['batch', mlp.outputSize] }],
    opset: OPSET,
  });
}
