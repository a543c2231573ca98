import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { harness, openPage, saveArtifact } from './harness.js';
import { imageStats, type Region } from './pixels.js';

describe('SpeechBubble (in Chromium)', () => {
  let page: Page;
  let problems: string[];
  /** Where the bubble's text is drawn, in screenshot pixels. */
  let textRegion: Region;

  before(async () => {
    ({ page, problems } = await openPage());
    await page.goto(`${harness().url}fixtures/speech-bubble/`);
    await page.waitForFunction(() => window.__bubble?.ready === true, undefined, { timeout: 10_000 });
  });

  after(async () => {
    await page?.close();
  });

  describe('constructor', () => {
    it('accepts valid options', async () => {
      expect(await page.evaluate(() => window.__bubble.tryCreate({ text: 'hi', hideAfterMs: Infinity, maxWidth: 120 }))).to.equal('ok');
    });

    for (const [options, error] of [
      [{ hideAfterMs: 0 }, /^RangeError: .*'hideAfterMs'.*got 0$/],
      [{ maxWidth: 10 }, /^RangeError: .*'maxWidth'.*>= 40.*got 10$/],
      [{ offsetY: -1 }, /^RangeError: .*'offsetY'.*got -1$/],
      [{ text: 42 }, /^TypeError: .*'text'.*string.*got 42$/],
      [{ linkTo: 'box' }, /^TypeError: .*'linkTo'.*TransformNode.*got 'box'$/],
    ] as const) {
      it(`throws naming the option for ${JSON.stringify(options)}`, async () => {
        expect(await page.evaluate((o) => window.__bubble.tryCreate(o), options)).to.match(error);
      });
    }
  });

  describe('#say()', () => {
    it('renders the text in a bubble above the linked mesh', async () => {
      await page.evaluate(() => window.__bubble.say('Hello there, visitor', 60_000));
      await page.waitForTimeout(300);
      const { bubble, box } = await page.evaluate(() => window.__bubble.layout());
      const offsetY = await page.evaluate(() => window.__bubble.offsetY);
      expect(bubble.x).to.be.closeTo(box.x, 2);
      expect(bubble.y).to.be.closeTo(box.y - offsetY, 2);

      textRegion = { x: Math.round(bubble.x) - 60, y: Math.round(bubble.y) - 8, width: 120, height: 16 };
      const png = await page.screenshot();
      await saveArtifact('speech-bubble', png);
      const shot = await imageStats(page, png, textRegion, 60, 8);
      expect(shot.light, 'bubble background').to.be.greaterThan(0.3);
      expect(shot.dark, 'text').to.be.greaterThan(0.02);
    });

    it('hides itself after its duration', async () => {
      await page.evaluate(() => window.__bubble.say('Bye soon', 1200));
      await page.waitForTimeout(400);
      expect(await page.evaluate(() => window.__bubble.isVisible())).to.equal(true);
      await page.waitForFunction(() => !window.__bubble.isVisible(), undefined, { timeout: 5_000 });
      await page.waitForTimeout(100);
      const shot = await imageStats(page, await page.screenshot(), textRegion, 60, 8);
      expect(shot.distinctColours, 'the scene behind the hidden bubble').to.equal(1);
    });
  });

  describe('#dispose()', () => {
    it('removes its controls and its frame observer, and is harmless twice', async () => {
      const idle = await page.evaluate(() => window.__bubble.beforeRenderObservers());
      await page.evaluate(() => window.__bubble.say('Still here', 60_000));
      expect(await page.evaluate(() => window.__bubble.beforeRenderObservers())).to.equal(idle + 1);
      expect(await page.evaluate(() => window.__bubble.controls())).to.equal(1);
      await page.evaluate(() => {
        window.__bubble.dispose();
        window.__bubble.dispose();
      });
      await page.waitForTimeout(200); // Babylon removes observers on a later tick
      expect(await page.evaluate(() => window.__bubble.controls())).to.equal(0);
      expect(await page.evaluate(() => window.__bubble.beforeRenderObservers())).to.equal(idle);
    });
  });

  describe('the fixture page', () => {
    it('reports no errors', async () => {
      expect(await page.evaluate(() => window.__bubble.errors)).to.deep.equal([]);
      expect(problems).to.deep.equal([]);
    });
  });
});
