import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { harness, openPage } from './harness.js';

describe('AudioSensor (in Chromium, Web Audio)', () => {
  let page: Page;
  let problems: string[];

  before(async () => {
    ({ page, problems } = await openPage());
    await page.goto(`${harness().url}fixtures/audio-sensor/`);
    await page.waitForFunction(() => window.__audio !== undefined, undefined, { timeout: 10_000 });
    await page.click('#start'); // a user gesture, so that the audio context may run
  });

  after(async () => {
    await page?.close();
  });

  it('captures an oscillator node through the AudioWorklet, resampled from 48 kHz to 16 kHz with its frequency kept', async () => {
    expect(await page.evaluate(() => window.__audio.start())).to.equal(48_000);
    await page.waitForFunction(() => window.__audio.state().received >= 16_000, undefined, { timeout: 10_000 });
    const state = await page.evaluate(() => window.__audio.state());
    expect(state.frequency).to.be.closeTo(440, 1);
    expect(state.observation[0], 'rms of a 0.5 sine').to.be.closeTo(0.5 / Math.SQRT2, 0.02);
  });

  it('stops capturing on dispose (twice is harmless)', async () => {
    expect(await page.evaluate(() => window.__audio.dispose())).to.equal(0);
  });

  it('reports no errors', async () => {
    expect(await page.evaluate(() => window.__audio.errors)).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });
});
