import { NodeReader } from '../../cpu/ops/node-reader.js';
import { planWindow, readWindowAttributes } from '../../cpu/ops/window.js';
import { groups1d } from '../kernel.js';
import type { GpuOpFactory } from '../kernel.js';
import { main1d, storage, uniformBlock } from '../wgsl.js';
import { makeKernel, uniforms } from './common.js';

/**
 * MaxPool and AveragePool (1-D and 2-D): one invocation per output element, the window in a direct loop.
 * Words: 0 count, 1 H, 2 W, 3 kH, 4 kW, 5 sH, 6 sW, 7 dH, 8 dW, 9 pad top, 10 pad left, 11 output height,
 * 12 output width, 13 count_include_pad, 14 padded height (H + both pads), 15 padded width.
 */
function poolShader(max: boolean): string {
  return storage(0, 'x', 'f32', false) + storage(1, 'y', 'f32', true) + uniformBlock(2) + main1d(0, `  // Every word read once, before the window loops.
  let ow = word(12u);
  let oh = word(11u);
  let ox = i % ow;
  let oy = (i / ow) % oh;
  let plane = i / (ow * oh);
  let H = i32(word(1u));
  let W = i32(word(2u));
  let kh = word(3u);
  let kw = word(4u);
  let y0 = i32(oy * word(5u));
  let x0 = i32(ox * word(6u));
  let dh = i32(word(7u));
  let dw = i32(word(8u));
  let padTop = sword(9u);
  let padLeft = sword(10u);
  let paddedH = i32(word(14u));
  let paddedW = i32(word(15u));
  let planeBase = plane * u32(H);
  var acc = ${max ? '-3.4028234663852886e38' : '0.0'};
  var taps = 0u;
  var padded = 0u;
  for (var ky = 0u; ky < kh; ky++) {
    let py = y0 + i32(ky) * dh;
    let iy = py - padTop;
    for (var kx = 0u; kx < kw; kx++) {
      let px = x0 + i32(kx) * dw;
      let ix = px - padLeft;
      // Taps on the explicit padding count for count_include_pad; taps past it (ceil_mode) never do.
      if (py < paddedH && px < paddedW) { padded++; }
      if (iy < 0 || iy >= H || ix < 0 || ix >= W) { continue; }
      let v = x[(planeBase + u32(iy)) * u32(W) + u32(ix)];
      ${max ? 'acc = max(acc, v);' : 'acc += v;'}
      taps++;
    }
  }
  ${max ? 'y[i] = acc;' : 'y[i] = acc / f32(select(taps, padded, word(13u) != 0u));'}`);
}

/** MaxPool (without the Indices output) and AveragePool on float32 NCHW / NCW inputs. */
const compilePool: GpuOpFactory = (context) => {
  const { node } = context;
  const reader = new NodeReader(context);
  const attrs = readWindowAttributes(reader);
  const max = node.opType === 'MaxPool';
  const includePad = reader.int('count_include_pad', 0) !== 0;
  if (!attrs.kernel || (max && node.outputs.length > 1 && node.outputs[1] !== '')) return undefined;
  const kernelShape = attrs.kernel;
  return {
    plan(plan) {
      const x = plan.input(0)!;
      if (x.dtype !== 'float32' || (x.dims.length !== 3 && x.dims.length !== 4)) return undefined;
      const spatial = x.dims.slice(2);
      const win = planWindow(reader, attrs, spatial, kernelShape);
      const [H, W] = spatial.length === 1 ? [1, spatial[0]] : spatial;
      const count = x.dims[0] * x.dims[1] * win.oh * win.ow;
      const kernel = makeKernel(node.opType, `pool:${max ? 'max' : 'average'}`, () => poolShader(max), {
        workgroups: groups1d(count),
        uniforms: uniforms([count, H, W, win.kh, win.kw, win.sh, win.sw, win.dh, win.dw, win.padTop, win.padLeft, win.oh, win.ow,
          includePad ? 1 : 0, H + win.padTop + win.padBottom, W + win.padLeft + win.padRight]),
      });
      return { dispatches: [{ kernel, reads: [{ value: node.inputs[0] }], writes: [{ value: node.outputs[0] }] }] };
    },
  };
};

/** The pooling GPU ops (GlobalAveragePool is a reduction: see reduce.ts). */
export const poolOps: Record<string, GpuOpFactory> = { MaxPool: compilePool, AveragePool: compilePool };
