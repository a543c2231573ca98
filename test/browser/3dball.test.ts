import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { harness, openPage, saveArtifact } from './harness.js';
import { imageStats } from './pixels.js';

/** What examples/3dball/main.ts adds to `window.__collab`. */
interface Ball3DState {
  ready: boolean;
  decisions: number;
  errors: string[];
  episodes: number;
  balanced: number;
  falls: number;
  steps: number;
  backend: string;
}

/** 10 s of simulated time: 500 steps of 0.02 s. */
const TEN_SECONDS = 500;

function stateOf(page: Page): Promise<Ball3DState> {
  return page.evaluate(() => window.__collab as unknown as Ball3DState);
}

function waitForSteps(page: Page, steps: number): Promise<unknown> {
  return page.waitForFunction((n) => (window.__collab as unknown as { steps: number }).steps >= n, steps, { timeout: 100_000 });
}

describe('examples/3dball', () => {
  describe('with the 3DBall policy', () => {
    let page: Page;
    let problems: string[];

    before(async () => {
      ({ page, problems } = await openPage());
      await page.goto(`${harness().url}3dball/`);
    });

    after(async () => {
      await page?.close();
    });

    it('becomes ready within 10 s, on the CPU back end', async () => {
      await page.waitForFunction(() => window.__collab?.ready === true, undefined, { timeout: 10_000 });
      expect((await stateOf(page)).backend).to.equal('cpu');
    });

    it('keeps making decisions, twelve at a time', async () => {
      const before = (await stateOf(page)).decisions;
      expect(before).to.be.greaterThan(0);
      await page.waitForFunction((n) => window.__collab.decisions >= n + 24, before, { timeout: 10_000 });
      expect((await stateOf(page)).decisions % 12).to.equal(0);
    });

    it('draws a non-blank canvas', async () => {
      const png = await page.locator('canvas').screenshot();
      await saveArtifact('3dball', png);
      const stats = await imageStats(page, png);
      expect(stats.distinctColours, 'distinct colours over a 32x18 grid').to.be.greaterThan(4);
    });

    it('keeps the balls on their platforms for 10 s of simulated time', async () => {
      await waitForSteps(page, TEN_SECONDS);
      const state = await stateOf(page);
      expect(state.falls, 'balls fallen').to.be.at.most(1);
      expect(state.balanced, 'balls balanced').to.be.at.least(11);
    });

    it('reports no errors', async () => {
      expect((await stateOf(page)).errors).to.deep.equal([]);
      expect(problems).to.deep.equal([]);
    });
  });

  // The control: the same scene with zero actions. (Run one page at a time: a second tab's frames are throttled.)
  describe('without a policy (?policy=none)', () => {
    let page: Page;
    let problems: string[];

    before(async () => {
      ({ page, problems } = await openPage());
      await page.goto(`${harness().url}3dball/?policy=none`);
    });

    after(async () => {
      await page?.close();
    });

    it('lets the balls fall within 10 s of simulated time', async () => {
      await waitForSteps(page, TEN_SECONDS);
      const state = await stateOf(page);
      expect(state.falls, 'balls fallen').to.be.at.least(12);
      expect(state.balanced, 'balls balanced').to.be.below(11);
    });

    it('reports no errors', async () => {
      expect((await stateOf(page)).errors).to.deep.equal([]);
      expect(problems).to.deep.equal([]);
    });
  });
});
