import type { Page } from 'playwright-core';

/** A rectangle in image pixels. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Statistics over a grid of samples of an image. */
export interface ImageStats {
  /** Pixels sampled. */
  samples: number;
  /** Distinct colours among the samples, each channel quantised to 16 levels. */
  distinctColours: number;
  /** Fraction of samples darker than 25% luminance. */
  dark: number;
  /** Fraction of samples brighter than 90% luminance. */
  light: number;
}

/**
 * Decodes a PNG (e.g. a playwright screenshot) in `page` and samples it on a `columns` x `rows` grid over
 * `region` (default: the whole image).
 */
export async function imageStats(page: Page, png: Buffer, region?: Region, columns = 32, rows = 18): Promise<ImageStats> {
  return page.evaluate(async ({ base64, region, columns, rows }) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const r = region ?? { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
    const { data } = context.getImageData(r.x, r.y, r.width, r.height);
    const colours = new Set<number>();
    let dark = 0;
    let light = 0;
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < columns; i++) {
        const x = Math.floor(((i + 0.5) * r.width) / columns);
        const y = Math.floor(((j + 0.5) * r.height) / rows);
        const at = (y * r.width + x) * 4;
        const [red, green, blue] = [data[at], data[at + 1], data[at + 2]];
        colours.add(((red >> 4) << 8) | ((green >> 4) << 4) | (blue >> 4));
        const luminance = (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255;
        if (luminance < 0.25) dark++;
        if (luminance > 0.9) light++;
      }
    }
    const samples = columns * rows;
    return { samples, distinctColours: colours.size, dark: dark / samples, light: light / samples };
  }, { base64: png.toString('base64'), region, columns, rows });
}
