import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { CameraShot } from './fixtures/camera-sensor/main.js';
import { harness, openPage } from './harness.js';

/** Mean of each channel over a square of the image centred at (column, row). */
function meanAt(shot: CameraShot, column: number, row: number, half = 2): number[] {
  const [channels, height, width] = shot.shape as [number, number, number];
  return Array.from({ length: channels }, (_, c) => {
    let sum = 0;
    let n = 0;
    for (let y = row - half; y <= row + half; y++) {
      for (let x = column - half; x <= column + half; x++, n++) sum += shot.data[c * height * width + y * width + x]!;
    }
    return sum / n;
  });
}

for (const engine of ['webgl2', 'webgpu']) {
  describe(`CameraSensor (in Chromium, ${engine})`, () => {
    let page: Page;
    let problems: string[];

    before(async () => {
      ({ page, problems } = await openPage());
      await page.goto(`${harness().url}fixtures/camera-sensor/?engine=${engine}`);
      await page.waitForFunction(() => window.__camera?.ready === true, undefined, { timeout: 30_000 });
    });

    after(async () => {
      await page?.close();
    });

    it('sees the red box in the upper left and the green box in the lower right (RGB, NCHW, row 0 at the top)', async () => {
      const shot = await page.evaluate(() => window.__camera.observe(false, 10));
      expect(shot.shape).to.deep.equal([3, 32, 32]);
      const [r1, g1, b1] = meanAt(shot, 8, 8);
      expect([r1, g1, b1].map((v) => Math.round(v!)), 'upper left').to.deep.equal([1, 0, 0]);
      const [r2, g2, b2] = meanAt(shot, 23, 23);
      expect([r2, g2, b2].map((v) => Math.round(v!)), 'lower right').to.deep.equal([0, 1, 0]);
      expect(meanAt(shot, 23, 8).map((v) => Math.round(v!)), 'upper right: background').to.deep.equal([0, 0, 0]);
      expect(shot.data.every((v) => v >= 0 && v <= 1)).to.equal(true);
    });

    it('reports the readback latency in frames', async () => {
      const shot = await page.evaluate(() => window.__camera.observe(false, 5));
      // One readback in flight at a time: a frame or two on an idle machine, more when frames are slow to complete.
      expect(shot.latencyFrames).to.be.within(0, 8);
    });

    it('sees the boxes as BT.601 luma in grayscale: the luma of the RGB image, pixel by pixel', async () => {
      const rgb = await page.evaluate(() => window.__camera.observe(false, 10));
      const gray = await page.evaluate(() => window.__camera.observe(true, 0));
      expect(gray.shape).to.deep.equal([1, 32, 32]);
      expect(meanAt(gray, 8, 8, 0)[0], 'red').to.be.closeTo(0.299, 0.01);
      expect(meanAt(gray, 23, 23, 0)[0], 'green').to.be.closeTo(0.587, 0.01);
      const plane = 32 * 32;
      gray.data.forEach((v, i) => {
        const luma = 0.299 * rgb.data[i]! + 0.587 * rgb.data[plane + i]! + 0.114 * rgb.data[2 * plane + i]!;
        expect(v, `pixel ${i}`).to.be.closeTo(luma, 0.01);
      });
    });

    if (engine === 'webgpu') {
      it('keeps the image on the GPU: the storage buffer holds the same NCHW image', async () => {
        const shot = await page.evaluate(() => window.__camera.readGpu(5));
        expect(meanAt(shot, 8, 8).map((v) => Math.round(v!))).to.deep.equal([1, 0, 0]);
        expect(meanAt(shot, 23, 23).map((v) => Math.round(v!))).to.deep.equal([0, 1, 0]);
      });
    }

    it('removes its render targets and observers on dispose (twice is harmless)', async () => {
      const left = await page.evaluate(() => window.__camera.disposeAll());
      expect(left.targets).to.equal(0);
    });

    it('reports no errors', async () => {
      expect(await page.evaluate(() => window.__camera.errors)).to.deep.equal([]);
      expect(problems).to.deep.equal([]);
    });
  });
}
