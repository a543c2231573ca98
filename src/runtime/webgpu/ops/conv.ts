import { NodeReader } from '../../cpu/ops/node-reader.js';
import { planWindow, readWindowAttributes } from '../../cpu/ops/window.js';
import type { Window } from '../../cpu/ops/window.js';
import { Tensor } from '../../tensor.js';
import { groups1d } from '../kernel.js';
import type { Dispatch, GpuOpFactory } from '../kernel.js';
import { activation, main1d, storage, uniformBlock } from '../wgsl.js';
import { makeKernel, uniforms } from './common.js';
import type { Activation } from './common.js';
import { ROWS_COUNT_WORD, rowGemmShader, SMALL_M, tiledGemmShader } from './gemm-shader.js';
import type { GemmAccess } from './gemm-shader.js';

/**
 * Conv as an implicit GEMM per (image, group): rows are the group's output channels (A = the weights, already
 * [M, C/g * kH * kW] row-major), columns the output pixels, and B is the im2col matrix read on the fly.
 * Words: 0 rows (M/g), 1 pixels, 2 K, 3 C, 4 H, 5 W, 6 groups, 7 kH, 8 kW, 9 sH, 10 sW, 11 dH, 12 dW,
 * 13 pad top, 14 pad left, 15 output width, 16 M, 17 C/g.
 */
const implicitGemm: GemmAccess = {
  declarations: storage(0, 'x', 'f32', false) + storage(1, 'w', 'f32', false) + storage(2, 'bias', 'f32', false) + storage(3, 'y', 'f32', true) + uniformBlock(4),
  functions: `// batch = image * groups + group.
fn baseA(batch: u32) -> u32 { return (batch % word(6u)) * word(0u) * word(2u); }
fn baseB(batch: u32) -> u32 { return ((batch / word(6u)) * word(3u) + (batch % word(6u)) * word(17u)) * word(4u) * word(5u); }
fn loadA(base: u32, row: u32, k: u32) -> f32 { return w[base + row * word(2u) + k]; }
// im2col on the fly: k -> (channel, tap row, tap column), column -> output pixel; padding reads 0.
fn loadB(base: u32, k: u32, col: u32) -> f32 {
  let taps = word(7u) * word(8u);
  let c = k / taps;
  let tap = k % taps;
  let iy = i32((col / word(15u)) * word(9u) + (tap / word(8u)) * word(11u)) - i32(word(13u));
  let ix = i32((col % word(15u)) * word(10u) + (tap % word(8u)) * word(12u)) - i32(word(14u));
  if (iy < 0 || ix < 0 || iy >= i32(word(4u)) || ix >= i32(word(5u))) { return 0.0; }
  return x[base + (c * word(4u) + u32(iy)) * word(5u) + u32(ix)];
}
fn store(batch: u32, row: u32, col: u32, value: f32) {
  let m = (batch % word(6u)) * word(0u) + row;
  y[((batch / word(6u)) * word(16u) + m) * word(1u) + col] = activate(value + bias[m]);
}
`,
};

/**
 * Depthwise Conv (one input and one output channel per group): one invocation per output element, the taps in a
 * direct loop. Words: 0 count, 1 channels, 2 H, 3 W, 4 kH, 5 kW, 6 sH, 7 sW, 8 dH, 9 dW, 10 pad top, 11 pad left,
 * 12 output height, 13 output width.
 */
function depthwiseShader(act: Activation['kind']): string {
  return storage(0, 'x', 'f32', false) + storage(1, 'w', 'f32', false) + storage(2, 'bias', 'f32', false) + storage(3, 'y', 'f32', true)
    + uniformBlock(4) + activation(act) + main1d(0, `  let ow = word(13u);
  let oh = word(12u);
  let ox = i % ow;
  let oy = (i / ow) % oh;
  let plane = i / (ow * oh);
  let c = plane % word(1u);
  let H = i32(word(2u));
  let W = i32(word(3u));
  let kh = word(4u);
  let kw = word(5u);
  var sum = bias[c];
  for (var ky = 0u; ky < kh; ky++) {
    let iy = i32(oy * word(6u) + ky * word(8u)) - i32(word(10u));
    if (iy < 0 || iy >= H) { continue; }
    for (var kx = 0u; kx < kw; kx++) {
      let ix = i32(ox * word(7u) + kx * word(9u)) - i32(word(11u));
      if (ix < 0 || ix >= W) { continue; }
      sum += x[(plane * u32(H) + u32(iy)) * u32(W) + u32(ix)] * w[(c * kh + ky) * kw + kx];
    }
  }
  y[i] = activate(sum);`);
}

/** The window words shared by both kernels: kH, kW, sH, sW, dH, dW, pad top, pad left. */
function windowWords(win: Window): number[] {
  return [win.kh, win.kw, win.sh, win.sw, win.dh, win.dw, win.padTop, win.padLeft];
}

/**
 * Conv (1-D and 2-D, NCHW) with constant float32 weights: depthwise directly, everything else as an implicit
 * GEMM (tiled, or one invocation per output for few output channels); bias and a following activation fused.
 * Weights that are not constant run on the CPU.
 */
const compileConv: GpuOpFactory = (context) => {
  const { node } = context;
  const reader = new NodeReader(context);
  const attrs = readWindowAttributes(reader);
  const group = reader.int('group', 1);
  const weights = context.constantInput(1);
  const constantBias = context.constantInput(2);
  if (!weights || weights.dtype !== 'float32' || (node.inputs[2] && !constantBias)) return undefined;
  const M = weights.dims[0];
  const bias = constantBias ?? new Tensor('float32', new Float32Array(M), [M]);
  const act = context.activation;
  return {
    plan(plan) {
      const x = plan.input(0)!;
      if (x.dtype !== 'float32' || (x.dims.length !== 3 && x.dims.length !== 4)) return undefined;
      const [n, c, ...spatial] = x.dims;
      const win = planWindow(reader, attrs, spatial, weights.dims.slice(2));
      const [H, W] = spatial.length === 1 ? [1, spatial[0]] : spatial;
      const cg = weights.dims[1];
      const K = weights.size / M;
      const pixels = win.oh * win.ow;
      const reads = [{ value: node.inputs[0] }, { packed: weights }, { packed: bias }];
      const writes = [{ value: node.outputs[0] }];
      let dispatch: Dispatch;
      if (cg === 1 && M === group) {
        const count = n * M * pixels;
        const kernel = makeKernel(`Conv depthwise${act.kind !== 'none' ? `+${act.kind}` : ''}`, `conv:depthwise:${act.kind}`, () => depthwiseShader(act.kind),
          { workgroups: groups1d(count), uniforms: uniforms([count, M, H, W, ...windowWords(win), win.oh, win.ow], act) });
        dispatch = { kernel, reads, writes };
      } else {
        const rowsPerGroup = M / group;
        const rows = rowsPerGroup < SMALL_M;
        const words = [rowsPerGroup, pixels, K, c, H, W, group, ...windowWords(win), win.ow, M, cg];
        while (words.length < ROWS_COUNT_WORD) words.push(0);
        words.push(n * M * pixels);
        const variant = rows ? 'rows' : 'tiled';
        const kernel = makeKernel(`Conv implicit GEMM ${variant}${act.kind !== 'none' ? `+${act.kind}` : ''}`, `conv:${variant}:${act.kind}`,
          () => (rows ? rowGemmShader(implicitGemm, act.kind) : tiledGemmShader(implicitGemm, act.kind)),
          { workgroups: rows ? groups1d(n * M * pixels) : [Math.ceil(pixels / 32), Math.ceil(rowsPerGroup / 32), n * group], uniforms: uniforms(words, act) });
        dispatch = { kernel, reads, writes };
      }
      return { dispatches: [dispatch] };
    },
  };
};

/** The convolution GPU op. */
export const convOps: Record<string, GpuOpFactory> = { Conv: compileConv };
