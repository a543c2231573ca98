import { join } from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { WeightStore } from 'babylon-collaborator';
import type { SmartHomeState } from '../../examples/smart-home/main.js';
import { WEIGHTS_NAME } from '../../examples/smart-home/movement-model.js';
import { ROOT } from '../../scripts/build-examples.js';
import { harness, openPage, saveArtifact } from './harness.js';
import { imageStats } from './pixels.js';

/** The page's state, typed. */
const collab = (page: Page): Promise<SmartHomeState> => page.evaluate(() => window.__collab as unknown as SmartHomeState);

describe('examples/smart-home', () => {
  let page: Page;
  let problems: string[];

  before(async () => {
    ({ page, problems } = await openPage());
    await page.setViewportSize({ width: 800, height: 450 }); // fewer pixels for the software GPU
    await page.goto(`${harness().url}smart-home/?speed=3`); // three scene seconds per second
  });

  after(async () => {
    await page?.close();
  });

  it('becomes ready (models loaded, first decision made)', async () => {
    await page.waitForFunction(() => window.__collab?.ready === true, undefined, { timeout: 60_000 });
    expect((await collab(page)).decisions).to.be.greaterThan(0);
  });

  it('draws a non-blank canvas', async () => {
    const png = await page.locator('canvas').screenshot();
    await saveArtifact('smart-home', png);
    const stats = await imageStats(page, png);
    expect(stats.distinctColours, 'distinct colours over a 32x18 grid').to.be.greaterThan(4);
  });

  it("hears 'alexa' played through Web Audio and toggles the light where the resident is", async () => {
    const before = await collab(page);
    await page.click('#say-alexa');
    await page.waitForFunction((n) => (window.__collab as unknown as SmartHomeState).wakeWords.length > n, before.wakeWords.length, { timeout: 30_000 });
    await page.waitForFunction((lights) => JSON.stringify((window.__collab as unknown as SmartHomeState).lightsOn) !== lights, JSON.stringify(before.lightsOn), { timeout: 30_000 });
    const after = await collab(page);
    expect(after.wakeWords.at(-1)!.score).to.be.greaterThan(0.3);
  });

  it("does not wake on 'hello world'", async () => {
    await page.waitForSelector('#say-hello:enabled');
    const before = await collab(page);
    await page.click('#say-hello');
    await page.waitForSelector('#say-hello:enabled', { timeout: 30_000 }); // played to the end
    // every sample heard has been scored: no keyword task queued or in flight
    await page.waitForFunction(() => (window.__collab as unknown as SmartHomeState).tasks['voice.keyword']!.inFlight === 0, undefined, { timeout: 30_000 });
    const after = await collab(page);
    expect(after.wakeWords).to.have.length(before.wakeWords.length);
    expect(after.lightsOn).to.deep.equal(before.lightsOn);
  });

  it('starts from the pretrained model of normal movement (assets/weights/) and raises no alert on the resident', async function () {
    this.timeout(120_000);
    const committed = await new WeightStore({ name: WEIGHTS_NAME, directory: join(ROOT, 'assets', 'weights') }).info();
    await page.waitForFunction(() => (window.__collab as unknown as SmartHomeState).detector.learned, undefined, { timeout: 30_000, polling: 500 });
    const { detector } = await collab(page);
    expect(detector.pretrained).to.equal(true);
    expect(detector.threshold).to.equal(committed!.metadata.threshold);
    for (let i = 0; i < 40; i++) { // 20 s of the resident's day
      expect((await collab(page)).anomalyScore).to.be.lessThan(detector.threshold!);
      await page.waitForTimeout(500);
    }
    expect((await collab(page)).alerts).to.deep.equal([]);
    // and it keeps learning from the resident's movement
    await page.waitForFunction(() => (window.__collab as unknown as SmartHomeState).detector.steps > 0, undefined, { timeout: 60_000, polling: 500 });
  });

  it('raises an alert when an intruder walks an unusual path', async () => {
    await page.click('#intruder');
    await page.waitForFunction(() => (window.__collab as unknown as SmartHomeState).alerts.length > 0, undefined, { timeout: 60_000 });
    const { alerts, detector } = await collab(page);
    expect(alerts[0]!.score).to.be.greaterThan(detector.threshold!);
  });

  it('runs camera readback, keyword spotting, training, scoring and decisions under one scheduler', async () => {
    const { tasks } = await collab(page);
    const priorities = Object.fromEntries(Object.entries(tasks).map(([name, t]) => [name, t.priority]));
    expect(priorities).to.deep.include({
      'collaborator.decide': 'critical', 'voice.keyword': 'high', 'assistant.camera.update': 'normal',
      'detector.score': 'normal', 'detector.train': 'idle',
    });
    for (const tally of Object.values(tasks)) expect(tally.runs).to.be.greaterThan(0);
  });

  it('reports no errors', async () => {
    expect((await collab(page)).errors).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });
});
