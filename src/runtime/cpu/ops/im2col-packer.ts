import type { PanelPacker } from './gemm-core.js';
import type { Window } from './window.js';

/**
 * Packs blocks of output pixels of a convolution as rows of the implicit im2col matrix: row p (an output pixel),
 * column k = (channel, ky, kx), zero where the tap falls in the padding. Nothing the size of the im2col matrix
 * is ever built: one block of {@link MR} rows at a time.
 */
export class Im2colPacker {
  /** The input being read (set before each image). */
  x: Float32Array = new Float32Array(0);
  /** Offset of the group's first channel of the current image in `x`. */
  base = 0;
  /** The packer to hand to `gemm()`. */
  readonly pack: PanelPacker;

  /**
   * @param window - the convolution window
   * @param channels - input channels per group
   * @param h - input height
   * @param w - input width
   */
  constructor(window: Window, channels: number, h: number, w: number) {
    const { kh, kw, sh, sw, dh, dw, padTop, padLeft, oh, ow } = window;
    const plane = h * w;
    const pointwise = kh === 1 && kw === 1 && sh === 1 && sw === 1 && padTop === 0 && padLeft === 0 && oh === h && ow === w;
    const rowOrigin = new Int32Array(oh * ow);
    const colOrigin = new Int32Array(oh * ow);
    for (let p = 0; p < oh * ow; p++) {
      rowOrigin[p] = Math.floor(p / ow) * sh - padTop;
      colOrigin[p] = (p % ow) * sw - padLeft;
    }
    this.pack = pointwise
      ? (panel, i0, rows) => {
          const x = this.x;
          for (let k = 0, o = 0, src = this.base + i0; k < channels; k++, src += plane) {
            for (let r = 0; r < rows; r++) panel[o++] = x[src + r];
          }
        }
      : (panel, i0, rows) => {
          const x = this.x;
          for (let r = 0; r < rows; r++) {
            const ih0 = rowOrigin[i0 + r], iw0 = colOrigin[i0 + r];
            let o = r;
            for (let c = 0, cBase = this.base; c < channels; c++, cBase += plane) {
              for (let ky = 0, ih = ih0; ky < kh; ky++, ih += dh) {
                const inside = ih >= 0 && ih < h;
                const rowBase = cBase + ih * w;
                for (let kx = 0, iw = iw0; kx < kw; kx++, iw += dw, o += rows) {
                  panel[o] = inside && iw >= 0 && iw < w ? x[rowBase + iw] : 0;
                }
              }
            }
          }
        };
  }
}
