import type { Tensor } from '../../tensor.js';
import type { KernelFactory } from '../kernel.js';
import { DepthwiseConv } from './depthwise.js';
import { gemm, MR, packB, packedSize } from './gemm-core.js';
import { Im2colPacker } from './im2col-packer.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';
import { shapeText, sizeBetween } from './shape.js';
import { PlanCache } from './strided.js';
import { planWindow, readWindowAttributes } from './window.js';
import type { Window } from './window.js';

interface ConvPlan {
  readonly window: Window;
  readonly dims: number[];
  /** The depthwise loop when every group has one input and one output channel, else undefined. */
  readonly depthwise: DepthwiseConv | undefined;
  readonly packer: Im2colPacker;
}

/** Packs each group's weights [Cout/g, K] as the B (K x Cout/g) of its GEMM, the groups one after another. */
function packWeights(weights: Float32Array, group: number, outPerGroup: number, K: number, out?: Float32Array): Float32Array {
  const size = packedSize(K, outPerGroup);
  const packed = out ?? new Float32Array(size * group);
  for (let g = 0; g < group; g++) packB(weights, g * outPerGroup * K, 1, K, K, outPerGroup, 1, packed.subarray(g * size, (g + 1) * size));
  return packed;
}

/**
 * Conv (1-D and 2-D, NCHW): groups (depthwise by a direct loop; other groupings as one packed GEMM per group
 * over output pixels, with im2col done block by block while packing), strides, dilations, explicit pads or
 * auto_pad SAME_UPPER / SAME_LOWER / VALID, optional bias. Constant weights are packed once at compile time.
 */
export const convKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const attrs = readWindowAttributes(reader);
  const group = reader.int('group', 1);
  if (group < 1) throw reader.error(`attribute 'group' must be >= 1, got ${group}`);
  const constantW = context.constantInput(1);
  if (constantW && (constantW.dtype !== 'float32' || constantW.rank < 3 || constantW.dims[0] % group !== 0)) {
    throw reader.error(`weights must be float32 [M, C/group, kH, kW] with M divisible by group ${group}, got ${constantW.dtype} ${shapeText(constantW.dims)}`);
  }
  const prepacked = constantW ? packWeights(constantW.data as Float32Array, group, constantW.dims[0] / group, sizeBetween(constantW.dims, 1)) : undefined;
  let packed = new Float32Array(0);
  let scratch = new Float32Array(0);
  const plans = new PlanCache<ConvPlan>();
  const slot = new OutputSlot();

  const planFor = (x: Tensor, w: Tensor): ConvPlan => {
    const [n, c, ...spatial] = x.dims;
    const [m, cg, ...kernel] = w.dims;
    if (x.rank < 3 || x.rank > 4 || w.rank !== x.rank || c !== cg * group || m % group !== 0) {
      throw reader.error(`input ${shapeText(x.dims)} and weights ${shapeText(w.dims)} do not fit (group ${group}; 1-D and 2-D only)`);
    }
    if (attrs.kernel && shapeText(attrs.kernel) !== shapeText(kernel)) throw reader.error(`kernel_shape ${shapeText(attrs.kernel)} differs from the weights ${shapeText(w.dims)}`);
    const window = planWindow(reader, attrs, spatial, kernel);
    const [h, wd] = spatial.length === 1 ? [1, spatial[0]] : spatial;
    const dims = [n, m, ...(spatial.length === 1 ? [window.ow] : [window.oh, window.ow])];
    const depthwise = cg === 1 && m === group ? new DepthwiseConv(window, h, wd) : undefined;
    return { window, dims, depthwise, packer: new Im2colPacker(window, cg, h, wd) };
  };

  return {
    run(inputs) {
      const x = reader.typed(inputs, 0, ['float32']);
      const w = reader.typed(inputs, 1, ['float32']);
      const bias = inputs[2] ? reader.typed(inputs, 2, ['float32']) : undefined;
      const { window, dims, depthwise, packer } = plans.get([x.dims, w.dims], () => planFor(x, w));
      const [images, outChannels] = dims;
      if (bias && bias.size !== outChannels) throw reader.error(`bias must hold ${outChannels} values, got ${shapeText(bias.dims)}`);
      const y = slot.get('float32', dims);
      if (depthwise) {
        depthwise.run(x.data, w.data, bias?.data, y.data, images, outChannels);
        return [y];
      }
      const inPerGroup = w.dims[1];
      const outPerGroup = outChannels / group;
      const K = sizeBetween(w.dims, 1);
      const pixels = window.oh * window.ow;
      const inPlane = sizeBetween(x.dims, 2);
      const groupSize = packedSize(K, outPerGroup);
      if (!prepacked) {
        if (packed.length !== groupSize * group) packed = new Float32Array(groupSize * group);
        packWeights(w.data, group, outPerGroup, K, packed);
      }
      const weights = prepacked ?? packed;
      if (scratch.length < K * MR) scratch = new Float32Array(K * MR);
      const out = y.data;
      if (bias) {
        for (let i = 0; i < images * outChannels; i++) out.fill(bias.data[i % outChannels], i * pixels, (i + 1) * pixels);
      }
      packer.x = x.data;
      const target = { data: out, offset: 0, rowStride: 1, colStride: pixels, accumulate: bias !== undefined };
      for (let n = 0; n < images; n++) {
        for (let g = 0; g < group; g++) {
          packer.base = (n * group + g) * inPerGroup * inPlane;
          target.offset = (n * outChannels + g * outPerGroup) * pixels;
          gemm(pixels, outPerGroup, K, packer.pack, weights.subarray(g * groupSize, (g + 1) * groupSize), target, scratch);
        }
      }
      return [y];
    },
  };
};
