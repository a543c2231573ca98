import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TourControl, TourGuideState } from '../../examples/tour-guide/main.js';
import { harness, openPage, saveArtifact } from './harness.js';
import { imageStats } from './pixels.js';

/** The kind of exhibit the simulated visitor likes. */
const LIKED = 'sculpture';

describe('examples/tour-guide', () => {
  let page: Page;
  let problems: string[];

  /** The page's tour state, without its functions. */
  const tour = () => page.evaluate(() => {
    const { answers, suggestions, accepted, rejected, taste } = window.__collab as TourGuideState;
    return { answers, suggestions, accepted, rejected, taste };
  });
  /** A real pointer click at the control's centre. */
  const click = async (control: TourControl): Promise<void> => {
    const at = await page.evaluate((c) => (window.__collab as TourGuideState).locate(c), control);
    await page.mouse.click(at.x, at.y);
  };

  before(async () => {
    ({ page, problems } = await openPage());
    await page.goto(`${harness().url}tour-guide/`);
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
    await page.waitForFunction((n) => window.__collab.decisions >= n + 6, before, { timeout: 15_000 });
  });

  it('draws a non-blank canvas', async () => {
    const png = await page.locator('canvas').screenshot();
    await saveArtifact('tour-guide', png);
    const stats = await imageStats(page, png);
    expect(stats.distinctColours, 'distinct colours over a 32x18 grid').to.be.greaterThan(8);
  });

  it('answers a question typed in the chat from the knowledge base', async () => {
    await click('chatInput');
    await page.keyboard.type('Who made the Brass Orrery?', { delay: 30 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window.__collab as TourGuideState).answers.length === 1, undefined, { timeout: 5_000 });
    expect((await tour()).answers).to.deep.equal([{ question: 'Who made the Brass Orrery?', answer: 'Brass Orrery is by Ada Finch.' }]);

    await click('chatInput');
    await page.keyboard.type('What is in the Red Room?', { delay: 30 });
    await click('send');
    await page.waitForFunction(() => (window.__collab as TourGuideState).answers.length === 2, undefined, { timeout: 5_000 });
    expect((await tour()).answers[1].answer).to.equal('The Red Room holds Night Market, Folded Wave, Mammoth Tooth and Steam Clockwork.');
  });

  it('learns the taste from Accept and Reject clicks: later suggestions follow the accepted kind', async () => {
    const rounds = 7;
    for (let answered = 0; answered < rounds; answered++) {
      await page.waitForFunction((n) => (window.__collab as TourGuideState).suggestions.length > n, answered, { timeout: 5_000 });
      await page.waitForTimeout(200); // the card is laid out on the next frames
      const { kind } = (await tour()).suggestions.at(-1)!;
      await click(kind === LIKED ? 'accept' : 'reject');
      await page.waitForFunction((n) => {
        const s = window.__collab as TourGuideState;
        return s.accepted + s.rejected > n;
      }, answered, { timeout: 5_000 });
    }
    const { suggestions, accepted, rejected, taste } = await tour();
    expect(accepted + rejected).to.equal(rounds);
    expect(accepted, 'accepted').to.be.greaterThan(0);
    expect(rejected, 'rejected').to.be.greaterThan(0);
    const firstLiked = suggestions.findIndex((s) => s.kind === LIKED);
    const later = suggestions.slice(firstLiked + 1).map((s) => s.kind);
    expect(later.length).to.be.greaterThan(2);
    expect(later, 'suggestions after the first accept').to.deep.equal(later.map(() => LIKED));
    for (const kind of Object.keys(taste).filter((k) => k !== LIKED)) expect(taste[LIKED], `${LIKED} over ${kind}`).to.be.greaterThan(taste[kind]);
    await saveArtifact('tour-guide-taste', await page.screenshot());
  });

  it('reports no errors', async () => {
    expect(await page.evaluate(() => window.__collab.errors)).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });
});
