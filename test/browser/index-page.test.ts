import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { listScenes, ROOT } from '../../scripts/build-examples.js';
import { harness, openPage } from './harness.js';

describe('examples index page', () => {
  let page: Page;
  let problems: string[];

  before(async () => {
    ({ page, problems } = await openPage());
    await page.goto(harness().url, { waitUntil: 'load' });
  });

  after(async () => {
    await page?.close();
  });

  it('has a card linking to every scene folder under examples/', async () => {
    const scenes = await listScenes();
    expect(scenes).to.include('follow');
    const linked = await page.$$eval('a.card', (cards) => cards.map((a) => a.getAttribute('href')));
    expect([...linked].sort()).to.deep.equal(scenes.map((s) => `${s}/`));
  });

  it('shows a loaded picture of each scene, committed under assets/screenshots/', async () => {
    const scenes = await listScenes();
    for (const scene of scenes) {
      expect(existsSync(join(ROOT, 'assets', 'screenshots', `${scene}.png`)), `assets/screenshots/${scene}.png`).to.equal(true);
      const image = page.locator(`a.card[href="${scene}/"] img`);
      const size = await image.evaluate((img: HTMLImageElement) => ({ complete: img.complete, width: img.naturalWidth }));
      expect(size, `${scene} picture`).to.deep.equal({ complete: true, width: 480 });
      expect(await page.locator(`a.card[href="${scene}/"] h2`).innerText(), `${scene} title`).to.not.equal('');
    }
  });

  it('loads without console or page errors', () => {
    expect(problems).to.deep.equal([]);
  });
});
