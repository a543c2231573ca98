/**
 * Converts RGBA8 pixels read back from a render target into an NCHW float32 image in [0, 1].
 * @param rgba - `width * height * 4` bytes, rows in the order the back end returned them
 * @param out - `channels * height * width` floats; channel planes one after the other
 * @param bottomUp - true when the first row of `rgba` is the bottom of the image (WebGL's `readPixels`): rows are
 *   flipped so that row 0 of `out` is the top of the image, as seen through the camera
 * @param grayscale - one channel of ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B) instead of three (R, G, B)
 */
export function rgbaToNchw(rgba: ArrayLike<number>, out: Float32Array, width: number, height: number, bottomUp: boolean, grayscale: boolean): void {
  const plane = width * height;
  for (let y = 0; y < height; y++) {
    const source = (bottomUp ? height - 1 - y : y) * width * 4;
    const target = y * width;
    for (let x = 0; x < width; x++) {
      const at = source + x * 4;
      const r = rgba[at]! / 255;
      const g = rgba[at + 1]! / 255;
      const b = rgba[at + 2]! / 255;
      if (grayscale) {
        out[target + x] = 0.299 * r + 0.587 * g + 0.114 * b;
      } else {
        out[target + x] = r;
        out[plane + target + x] = g;
        out[2 * plane + target + x] = b;
      }
    }
  }
}
