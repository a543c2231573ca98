import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { harness, openPage, saveArtifact } from './harness.js';
import { imageStats } from './pixels.js';

describe('examples/follow', () => {
  let page: Page;
  let problems: string[];

  before(async () => {
    ({ page, problems } = await openPage());
    await page.goto(`${harness().url}follow/`);
  });

  after(async () => {
    await page?.close();
  });

  it('becomes ready within 10 s', async () => {
    await page.waitForFunction(() => window.__collab?.ready === true, undefined, { timeout: 10_000 });
  });

  it('keeps making decisions', async () => {
    const before = await page.evaluate(() => window.__collab.decisions);
    expect(before).to.be.greaterThan(0);
    await page.waitForFunction((n) => window.__collab.decisions >= n + 12, before, { timeout: 10_000 });
  });

  it('draws a non-blank canvas', async () => {
    const png = await page.locator('canvas').screenshot();
    await saveArtifact('follow', png);
    const stats = await imageStats(page, png);
    expect(stats.distinctColours, 'distinct colours over a 32x18 grid').to.be.greaterThan(4);
  });

  it('reports no errors', async () => {
    expect(await page.evaluate(() => window.__collab.errors)).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });
});
