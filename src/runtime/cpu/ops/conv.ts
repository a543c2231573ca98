import type { Tensor } from '../../tensor.js';
import type { KernelFactory } from '../kernel.js';
import { FUSED_DOMAIN } from '../../passes/fusion.js';
import { bounded, clampInPlace, readActivation } from './activation.js';
import type { Bounds } from './activation.js';
import { binaryKernels } from './binary.js';
import { DepthwiseConv } from './depthwise.js';
import { gemm, MR, packB, packedSize } from './gemm-core.js';
import { Im2colPacker } from './im2col-packer.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';
import { shapeText, sizeBetween } from './shape.js';
import { SimdConv } from './simd-conv.js';
import type { ConvGeometry } from './simd-conv.js';
import { PlanCache } from './strided.js';
import { planWindow, readWindowAttributes } from './window.js';
import type { Window } from './window.js';

interface ConvPlan {
  readonly window: Window;
  readonly geometry: ConvGeometry;
  /** Whether the SIMD kernels run this plan. */
  readonly simd: boolean;
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

/** y = clamp(y + z) elementwise, as Add then the activation would: z (the residual) optional. */
function addAndClamp(y: Float32Array, z: Float32Array | undefined, bounds: Bounds): void {
  const { lo, hi } = bounds;
  for (let i = 0; i < y.length; i++) {
    const sum = z ? y[i] + z[i] : y[i];
    const v = sum < lo ? lo : sum;
    y[i] = v > hi ? hi : v;
  }
}

/**
 * Conv (1-D and 2-D, NCHW): groups (depthwise by a direct loop; other groupings as one packed GEMM per group
 * over output pixels, with im2col done block by block while packing), strides, dilations, explicit pads or
 * auto_pad SAME_UPPER / SAME_LOWER / VALID, optional bias. Constant weights are laid out once at compile time for
 * the WebAssembly SIMD kernels (simd-conv.ts), or packed for the TypeScript GEMM where SIMD is unavailable.
 * FusedConv (see passes/fusion.ts) adds a residual input Z (input 3, shaped like Y) and a fused activation:
 * `Y = activation(Conv(X, W, B) + Z)`.
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
  const activation = readActivation(reader);
  const fusedNode = context.node.domain === FUSED_DOMAIN;
  if (!fusedNode && context.node.inputs.length > 3) throw reader.error(`takes at most 3 inputs, got ${context.node.inputs.length}`);
  // A residual whose shape differs from the output's at run time is added by broadcasting, as the Add it replaced.
  const broadcastAdd = fusedNode ? binaryKernels['Add']({ ...context, node: { ...context.node, opType: 'Add', domain: '' }, constantInput: () => undefined }) : undefined;
  const none = { lo: -Infinity, hi: Infinity };
  const simd = constantW ? SimdConv.create(constantW.data as Float32Array, constantW.dims[0], group) : null;
  const prepacked = constantW && !simd ? packWeights(constantW.data as Float32Array, group, constantW.dims[0] / group, sizeBetween(constantW.dims, 1)) : undefined;
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
    const geometry = { window, images: n, channels: c, h, w: wd };
    const depthwise = cg === 1 && m === group ? new DepthwiseConv(window, h, wd) : undefined;
    return { window, geometry, simd: simd !== null && simd.covers(geometry), dims, depthwise, packer: new Im2colPacker(window, cg, h, wd) };
  };

  /** y = activation(Conv(x, w, bias) + z) with z (the residual) shaped like y, or absent. */
  const convolve = (x: Tensor<'float32'>, w: Tensor<'float32'>, bias: Tensor<'float32'> | undefined, z: Tensor<'float32'> | undefined, y: Tensor<'float32'>, plan: ConvPlan, bounds: Bounds): void => {
    const { window, dims, depthwise, packer } = plan;
    const [images, outChannels] = dims;
    if (plan.simd && simd) {
      const added = simd.run(plan.geometry, x.data, bias?.data, z?.data, y.data, bounds);
      if (!added && z) addAndClamp(y.data, z.data, bounds);
      return;
    }
    if (depthwise) {
      depthwise.run(x.data, w.data, bias?.data, y.data, images, outChannels);
      if (z || bounded(bounds)) addAndClamp(y.data, z?.data, bounds);
      return;
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
    if (z || bounded(bounds)) addAndClamp(y.data, z?.data, bounds);
  };

  return {
    run(inputs) {
      const x = reader.typed(inputs, 0, ['float32']);
      const w = reader.typed(inputs, 1, ['float32']);
      const bias = inputs[2] ? reader.typed(inputs, 2, ['float32']) : undefined;
      const z = inputs[3] ? reader.typed(inputs, 3, ['float32']) : undefined;
      const plan = plans.get([x.dims, w.dims], () => planFor(x, w));
      const { dims } = plan;
      if (bias && bias.size !== dims[1]) throw reader.error(`bias must hold ${dims[1]} values, got ${shapeText(bias.dims)}`);
      const y = slot.get('float32', dims);
      if (z && broadcastAdd && shapeText(z.dims) !== shapeText(dims)) {
        convolve(x, w, bias, undefined, y, plan, none);
        const [sum] = broadcastAdd.run([y, z]);
        clampInPlace(sum.data as Float32Array, activation);
        return [sum];
      }
      convolve(x, w, bias, z, y, plan, activation);
      return [y];
    },
  };
};
