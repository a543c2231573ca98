import type { Window } from './window.js';
import { tapRanges } from './window.js';

/**
 * A depthwise convolution (one filter per channel, `group` = channels): for each image and channel,
 * a direct loop over output pixels and the kernel taps inside the input (ranges precomputed per row and column),
 * with the nine taps of a 3x3 window unrolled over the interior where no tap falls in the padding.
 */
export class DepthwiseConv {
  private readonly rows: { start: Int32Array; end: Int32Array };
  private readonly cols: { start: Int32Array; end: Int32Array };
  /** Output columns [first, last) whose taps all fall inside the input (the unrolled 3x3 path's range). */
  private readonly interior: readonly [first: number, last: number];

  /**
   * @param window - the convolution window
   * @param h - input height
   * @param w - input width
   */
  constructor(private readonly window: Window, private readonly h: number, private readonly w: number) {
    this.rows = tapRanges(window.oh, h, window.kh, window.sh, window.dh, window.padTop);
    this.cols = tapRanges(window.ow, w, window.kw, window.sw, window.dw, window.padLeft);
    const full = (ox: number): boolean => this.cols.start[ox] === 0 && this.cols.end[ox] === window.kw;
    let first = 0;
    while (first < window.ow && !full(first)) first++;
    let last = first;
    while (last < window.ow && full(last)) last++;
    this.interior = window.kh === 3 && window.kw === 3 && window.dh === 1 && window.dw === 1 ? [first, last] : [0, 0];
  }

  /** y[n, c] = x[n, c] (*) weights[c] + bias[c] for `images` images of `channels` channels. */
  run(x: Float32Array, weights: Float32Array, bias: Float32Array | undefined, y: Float32Array, images: number, channels: number): void {
    const { kh, kw, sh, sw, dh, dw, padTop, padLeft, oh, ow } = this.window;
    const { h, w, rows, cols } = this;
    const taps = kh * kw;
    for (let plane = 0; plane < images * channels; plane++) {
      const c = plane % channels;
      const xBase = plane * h * w;
      const wBase = c * taps;
      const b = bias ? bias[c] : 0;
      let o = plane * oh * ow;
      for (let oy = 0; oy < oh; oy++) {
        const ky0 = rows.start[oy], ky1 = rows.end[oy];
        const ih0 = oy * sh - padTop;
        const first = ky1 - ky0 === kh ? this.interior[0] : 0;
        const last = ky1 - ky0 === kh ? this.interior[1] : 0;
        for (let ox = 0; ox < ow; ) {
          const iw0 = ox * sw - padLeft;
          if (ox === first && first < last) {
            // Interior of a full row of a 3x3 window: the nine taps unrolled, no bounds.
            const w0 = weights[wBase], w1 = weights[wBase + 1], w2 = weights[wBase + 2];
            const w3 = weights[wBase + 3], w4 = weights[wBase + 4], w5 = weights[wBase + 5];
            const w6 = weights[wBase + 6], w7 = weights[wBase + 7], w8 = weights[wBase + 8];
            let r0 = xBase + ih0 * w + iw0;
            for (; ox < last; ox++, o++, r0 += sw) {
              const r1 = r0 + w, r2 = r1 + w;
              y[o] = b + x[r0] * w0 + x[r0 + 1] * w1 + x[r0 + 2] * w2 + x[r1] * w3 + x[r1 + 1] * w4 + x[r1 + 2] * w5 + x[r2] * w6 + x[r2 + 1] * w7 + x[r2 + 2] * w8;
            }
            continue;
          }
          const kx0 = cols.start[ox], kx1 = cols.end[ox];
          let sum = b;
          for (let ky = ky0; ky < ky1; ky++) {
            const src = xBase + (ih0 + ky * dh) * w + iw0;
            const wk = wBase + ky * kw;
            for (let kx = kx0; kx < kx1; kx++) sum += x[src + kx * dw] * weights[wk + kx];
          }
          y[o++] = sum;
          ox++;
        }
      }
    }
  }
}
