import { NodeReader } from '../../cpu/ops/node-reader.js';
import { planWindow, readWindowAttributes } from '../../cpu/ops/window.js';
import { Tensor } from '../../tensor.js';
import type { GpuOpFactory } from '../kernel.js';
import { activate4, activation, storage, uniformBlock } from '../wgsl.js';
import type { ActivationKind } from '../wgsl.js';
import { makeKernel, uniforms } from './common.js';
import { depthwiseKernel } from './depthwise.js';

/** The most workgroups a dispatch may have along one dimension. */
const MAX_WORKGROUPS = 65535;

/** What a direct Conv kernel bakes in, so what its cache key holds: the window and the register block. */
interface DirectConvShape {
  /** Kernel, strides and dilations as [height, width]. */
  readonly kernel: readonly [number, number];
  readonly strides: readonly [number, number];
  readonly dilations: readonly [number, number];
  /** Quads of output channels per invocation (see {@link channelQuadsPerInvocation}). */
  readonly channelQuads: number;
  /** 1 x 1 taps, strides 1, no padding: input pixel = output pixel. */
  readonly pointwise: boolean;
  /** Output pixels per plane a multiple of 4. */
  readonly aligned: boolean;
}

/**
 * Quads of output channels (vec4s of the packed weights) one invocation computes: the register block's height.
 * Each input value loaded feeds 4 x this many multiply-adds, so the more taps (the dearer, masked, input loads)
 * the taller the block: up to 4 quads, 2 for 1 x 1 taps; the tallest that pads the channels by at most a quarter.
 */
function channelQuadsPerInvocation(mg: number, taps: number): number {
  const quads = Math.ceil(mg / 4);
  let block = Math.min(quads, taps > 1 ? 4 : 2);
  while (block > 1 && Math.ceil(quads / block) * block > 1.25 * quads) block--;
  return block;
}

/** Quads of output channels per group in the packed weights: a whole number of register blocks. */
function packedQuads(mg: number, taps: number): number {
  const block = channelQuadsPerInvocation(mg, taps);
  return Math.ceil(Math.ceil(mg / 4) / block) * block;
}

/** Quads of consecutive output pixels one invocation computes: the register block's width. */
function pixelQuadsPerInvocation(shape: Pick<DirectConvShape, 'pointwise' | 'aligned'>): number {
  return shape.pointwise && shape.aligned ? 2 : 1;
}

/**
 * The direct Conv shader. Each invocation computes a register block of `channelQuads` quads of output channels
 * (vec4s of the packed weights) by 1 or 2 quads of consecutive output pixels (flat over the output plane): each
 * input value it loads feeds 4 multiply-adds per channel quad, each weight vec4 16 per pixel quad. The loops walk
 * input and weights by running indices; the tap columns are unrolled, their input columns and padding masks
 * computed once before the channel loop. Only what shapes the code is baked in (window, block, variant): channel
 * counts and sizes are uniforms read once, so the layers of a network share a few pipelines (each costs a
 * software adapter hundreds of milliseconds to compile). No workgroup memory, no barriers: software adapters
 * (SwiftShader) pay dearly for both and for every instruction of the inner loop, and on hardware this is as good
 * as an implicit GEMM for the channel counts of the models this runs. Variants:
 * - `pointwise` (1 x 1 taps, strides 1, no padding): input pixel = output pixel, no masks, and with `aligned`
 *   two pixel quads per invocation, each one vec4 load;
 * - `aligned` (pixels per plane a multiple of 4): each pixel quad of a channel is one vec4 store.
 *
 * Bindings: x, packed weights (see {@link packDirect}) and bias as vec4, y, uniforms. Words: 0 H, 1 W, 2 output
 * width, 3 output pixels, 4 pad top, 5 pad left, 6 input channels per group, 7 output channels per group,
 * 8 packed channel quads per group, 9 invocations per group along y, 10 input channels, 11 output channels.
 * Workgroups: x over pixel blocks (64 each), y over groups x channel blocks, z images.
 */
function directConvShader(shape: DirectConvShape, act: ActivationKind): string {
  const { pointwise, aligned } = shape;
  const [kh, kw] = shape.kernel, [sh, sw] = shape.strides, [dh, dw] = shape.dilations;
  const cq = shape.channelQuads, pq = pixelQuadsPerInvocation(shape);
  const I = Array.from({ length: cq }, (_, i) => i), P = Array.from({ length: pq }, (_, q) => q), Q = [0, 1, 2, 3];
  const xyzw = 'xyzw';
  // acc<i>_<j>_<q>: output channel j of channel quad i at the 4 pixels of pixel quad q.
  const accumulate = (xv: (q: number) => string, weights: string, indent: string): string => I.map((i) => `${indent}{
${indent}  let wv = w[${weights} + ${i}u];
${Q.map((j) => P.map((q) => `${indent}  acc${i}_${j}_${q} += ${xv(q)} * wv.${xyzw[j]};`).join('\n')).join('\n')}
${indent}}`).join('\n');
  let setup: string, start: string, step: string, body: string;
  if (pointwise && aligned) {
    // The second pixel quad of the last block may lie past the plane: it reads the first again (not stored).
    setup = P.slice(1).map((q) => `  let next${q} = select(0u, ${q}u, p0 + ${4 * q}u < pixels);`).join('\n');
    start = '(xBase + p0) / 4u';
    step = 'planeSize / 4u';
    body = `${P.map((q) => `    let xv${q} = x[xi${q ? ` + next${q}` : ''}];`).join('\n')}\n${accumulate((q) => `xv${q}`, 'wi', '    ')}`;
  } else if (pointwise) {
    setup = Q.map((p) => `  let o${p} = min(p0 + ${p}u, pixels - 1u);`).join('\n');
    start = 'xBase';
    step = 'planeSize';
    body = `    let xv0 = vec4<f32>(${Q.map((p) => `x[xi + o${p}]`).join(', ')});\n${accumulate(() => 'xv0', 'wi', '    ')}`;
  } else {
    // Per pixel of the quad (past the end: the last one, computed but not stored): its window's first input row,
    // and the input column and mask of each tap column; per tap row, the row's offset and mask.
    const lines: string[] = [];
    for (const p of Q) {
      lines.push(`  let o${p} = min(p0 + ${p}u, pixels - 1u);`, `  let iy${p} = i32((o${p} / ow) * ${sh}u) - padTop;`, `  let ix${p} = i32((o${p} % ow) * ${sw}u) - padLeft;`);
      for (let kx = 0; kx < kw; kx++) {
        lines.push(`  let col${p}_${kx} = u32(clamp(ix${p} + ${kx * dw}, 0, W - 1));`, `  let colOk${p}_${kx} = ix${p} + ${kx * dw} >= 0 && ix${p} + ${kx * dw} < W;`);
      }
    }
    setup = lines.join('\n');
    start = 'xBase';
    step = 'planeSize';
    const taps = Array.from({ length: kw }, (_, kx) => {
      const load = (p: number): string => `select(0.0, x[row${p} + col${p}_${kx}], rowOk${p} && colOk${p}_${kx})`;
      return `      {\n        let xv0 = vec4<f32>(${Q.map(load).join(', ')});\n${accumulate(() => 'xv0', `wt + ${kx}u * quads`, '        ')}\n      }`;
    });
    body = `    var wt = wi;
    for (var ky = 0; ky < ${kh}; ky++) {
${Q.map((p) => `      let y${p} = iy${p} + ky * ${dh};\n      let rowOk${p} = y${p} >= 0 && y${p} < H;\n      let row${p} = xi + u32(clamp(y${p}, 0, H - 1)) * u32(W);`).join('\n')}
${taps.join('\n')}
      wt += ${kw}u * quads;
    }`;
  }
  const stores: string[] = [];
  for (const i of I) {
    for (const j of Q) {
      const channel = `q0 * 4u + ${4 * i + j}u`;
      const at = `(yBase + ${channel}) * pixels + p0`;
      const store = aligned
        ? P.map((q) => (q === 0 ? '' : `if (p0 + ${4 * q}u < pixels) `) + `{ y[(${at}) / 4u + ${q}u] = activate4(acc${i}_${j}_${q}); }`).join(' ')
        : Q.map((p) => `if (p0 + ${p}u < pixels) { y[${at} + ${p}u] = activate(acc${i}_${j}_0.${xyzw[p]}); }`).join(' ');
      stores.push(`  if (${channel} < mg) { ${store} }`);
    }
  }
  return storage(0, 'x', aligned && pointwise ? 'vec4<f32>' : 'f32', false) + storage(1, 'w', 'vec4<f32>', false) + storage(2, 'bias', 'vec4<f32>', false)
    + storage(3, 'y', aligned ? 'vec4<f32>' : 'f32', true) + uniformBlock(4) + activation(act) + activate4
    + `// Direct Conv: ${kh} x ${kw} taps, strides ${sh} x ${sw}, dilations ${dh} x ${dw}; ${4 * cq} channels x ${4 * pq} pixels per invocation.
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let H = i32(word(0u));
  let W = i32(word(1u));
  let ow = word(2u);
  let pixels = word(3u);
  let padTop = sword(4u);
  let padLeft = sword(5u);
  let cg = word(6u);
  let mg = word(7u);
  let quads = word(8u);
  let blocks = word(9u);
  let p0 = gid.x * ${4 * pq}u;
  if (p0 >= pixels) { return; }
  let group = gid.y / blocks;
  let q0 = (gid.y % blocks) * ${cq}u;
  let image = gid.z;
  let planeSize = u32(H * W);
  let xBase = (image * word(10u) + group * cg) * planeSize;
  let yBase = image * word(11u) + group * mg;
${setup}
${I.map((i) => `  let b${i} = bias[group * quads + q0 + ${i}u];`).join('\n')}
${I.map((i) => Q.map((j) => P.map((q) => `  var acc${i}_${j}_${q} = vec4<f32>(b${i}.${xyzw[j]});`).join('\n')).join('\n')).join('\n')}
  var xi = ${start};
  var wi = group * cg * ${kh * kw}u * quads + q0;
  for (var c = 0u; c < cg; c++) {
${body}
    xi += ${step};
    wi += ${kh * kw}u * quads;
  }
${stores.join('\n')}
}
`;
}

/**
 * The weights `[M, cg, kH, kW]` and bias `[M]` packed for {@link directConvShader}: per group and per input
 * channel and tap, one row of the group's output channels, padded with zeros to {@link packedQuads} quads.
 */
function packDirect(weights: Tensor, bias: Tensor, groups: number): { weights: Tensor; bias: Tensor } {
  const M = weights.dims[0], mg = M / groups, K = weights.size / M, row = 4 * packedQuads(mg, weights.size / (M * weights.dims[1]));
  const src = weights.data as Float32Array, b = bias.data as Float32Array;
  const w = new Float32Array(groups * K * row), packedBias = new Float32Array(groups * row);
  for (let g = 0; g < groups; g++) {
    for (let m = 0; m < mg; m++) {
      packedBias[g * row + m] = b[g * mg + m];
      for (let k = 0; k < K; k++) w[(g * K + k) * row + m] = src[(g * mg + m) * K + k];
    }
  }
  return { weights: new Tensor('float32', w, [groups * K * row]), bias: new Tensor('float32', packedBias, [groups * row]) };
}

/**
 * Conv (1-D and 2-D, NCHW) with constant float32 weights: depthwise (one input channel per group, one output
 * channel per group) by its own kernel (depthwise.ts), every other by the direct kernel above; bias and a
 * following activation fused. Weights that are not constant, and inputs too large for one dispatch of the direct
 * kernel (65535 workgroups along a dimension), run on the CPU.
 */
const compileConv: GpuOpFactory = (context) => {
  const { node } = context;
  const reader = new NodeReader(context);
  const attrs = readWindowAttributes(reader);
  const groups = reader.int('group', 1);
  const weights = context.constantInput(1);
  const constantBias = context.constantInput(2);
  if (!weights || weights.dtype !== 'float32' || (node.inputs[2] && !constantBias)) return undefined;
  const M = weights.dims[0], cg = weights.dims[1];
  const bias = constantBias ?? new Tensor('float32', new Float32Array(M), [M]);
  const act = context.activation;
  const depthwise = cg === 1 && M === groups;
  const packed = depthwise ? { weights, bias } : packDirect(weights, bias, groups);
  const suffix = act.kind !== 'none' ? `+${act.kind}` : '';
  return {
    plan(plan) {
      const x = plan.input(0)!;
      if (x.dtype !== 'float32' || (x.dims.length !== 3 && x.dims.length !== 4)) return undefined;
      const [n, , ...spatial] = x.dims;
      const win = planWindow(reader, attrs, spatial, weights.dims.slice(2));
      const [H, W] = spatial.length === 1 ? [1, spatial[0]] : spatial;
      const reads = [{ value: node.inputs[0] }, { packed: packed.weights }, { packed: packed.bias }];
      const writes = [{ value: node.outputs[0] }];
      if (depthwise) return { dispatches: [{ kernel: depthwiseKernel(n * M, M, H, W, win, act), reads, writes }] };
      const mg = M / groups, taps = win.kh * win.kw, quads = packedQuads(mg, taps);
      const pointwise = taps === 1 && win.sh === 1 && win.sw === 1 && win.padTop + win.padLeft + win.padBottom + win.padRight === 0;
      const pixels = win.oh * win.ow;
      const shape: DirectConvShape = {
        kernel: [win.kh, win.kw], strides: [win.sh, win.sw], dilations: [win.dh, win.dw], channelQuads: channelQuadsPerInvocation(mg, taps), pointwise, aligned: pixels % 4 === 0,
      };
      const variant = `${pointwise ? 'pointwise' : 'window'}${shape.aligned ? ' aligned' : ''}`;
      const key = `conv:direct:${win.kh}x${win.kw}:${win.sh}x${win.sw}:${win.dh}x${win.dw}:${shape.channelQuads}:${pointwise ? 'pointwise' : 'window'}:${shape.aligned ? 'aligned' : 'any'}:${act.kind}`;
      const blocks = quads / shape.channelQuads;
      const workgroups: [number, number, number] = [Math.ceil(pixels / (4 * pixelQuadsPerInvocation(shape)) / 64), groups * blocks, n];
      if (workgroups.some((count) => count > MAX_WORKGROUPS)) return undefined;
      const kernel = makeKernel(`Conv ${variant}${suffix}`, key, () => directConvShader(shape, act.kind), {
        workgroups,
        uniforms: uniforms([H, W, win.ow, pixels, win.padTop, win.padLeft, cg, mg, quads, blocks, groups * cg, M], act),
      });
      return { dispatches: [{ kernel, reads, writes }] };
    },
  };
};

/** The convolution GPU op. */
export const convOps: Record<string, GpuOpFactory> = { Conv: compileConv };
