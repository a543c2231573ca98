import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { Note } from '../../examples/co-creation/melody.js';
import type { StudioState } from '../../examples/co-creation/studio-state.js';
import { harness, openPage, saveArtifact } from './harness.js';
import { imageStats } from './pixels.js';

/** The scripted human's style: up a third, up a third, then down a fourth two steps on, over and over. */
const CYCLE = [{ steps: 1, degrees: 2 }, { steps: 1, degrees: 2 }, { steps: 2, degrees: -3 }];
const ROUNDS = 18;
/** Waits are generous: on a loaded machine SwiftShader renders a few frames a second. */
const WAIT = { timeout: 30_000 };

describe('examples/co-creation', () => {
  let page: Page;
  let problems: string[];

  const studio = (): Promise<Omit<StudioState, 'cellPoint' | 'buttonPoint'>> => page.evaluate(() => {
    const { cellPoint: _c, buttonPoint: _b, ...plain } = window.__collab as StudioState;
    return plain;
  });
  /** A real pointer click on the centre of a grid cell. */
  const clickCell = async (note: Note): Promise<void> => {
    const { x, y } = await page.evaluate((n) => (window.__collab as StudioState).cellPoint(n), note);
    await page.mouse.click(x, y);
  };
  /** A real pointer click on one of the suggestion card's buttons. */
  const clickButton = async (name: 'accept' | 'reject'): Promise<void> => {
    const { x, y } = await page.evaluate((n) => (window.__collab as StudioState).buttonPoint(n), name);
    await page.mouse.click(x, y);
  };
  const waitForNotes = (count: number) => page.waitForFunction((n) => (window.__collab as StudioState).notes >= n, count, WAIT);
  /** Waits for a proposal, then for two frames so the card shows it where its buttons are now. */
  const waitForProposal = async (): Promise<void> => {
    await page.waitForFunction(() => (window.__collab as StudioState).proposal !== null, undefined, WAIT);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  };

  before(async () => {
    ({ page, problems } = await openPage());
    await page.goto(`${harness().url}co-creation/`);
  });

  after(async () => {
    await page?.close();
  });

  it('becomes ready within 10 s and proposes a next note', async () => {
    await page.waitForFunction(() => window.__collab?.ready === true, undefined, { timeout: 10_000 });
    await waitForProposal();
    expect(await studio()).to.include({ notes: 2, proposals: 1, accepted: 0, corrected: 0 });
  });

  it('draws a non-blank canvas', async () => {
    const png = await page.locator('canvas').screenshot();
    await saveArtifact('co-creation', png);
    const stats = await imageStats(page, png);
    expect(stats.distinctColours, 'distinct colours over a 32x18 grid').to.be.greaterThan(4);
  });

  it('starts the Web Audio loop on the first click', async () => {
    expect((await studio()).audioRunning).to.equal(false);
    await page.click('.caption h1');
    await page.waitForFunction(() => (window.__collab as StudioState).audioRunning, undefined, WAIT);
  });

  it('learns the human\'s style from corrections: the agreement rises', async function () {
    this.timeout(ROUNDS * 30_000);
    const agreement: number[] = [];
    let turn = 1; // the opening motif already went up a third
    for (let round = 0; round < ROUNDS; round++) {
      await waitForProposal();
      const { proposal, melody, notes } = await studio();
      const last = melody[melody.length - 1];
      const move = CYCLE[turn++ % CYCLE.length];
      const wanted = { step: (last.step + move.steps) % 16, pitch: (last.pitch + move.degrees + 8) % 8 };
      if (proposal!.step === wanted.step && proposal!.pitch === wanted.pitch) await clickButton('accept');
      else await clickCell(wanted);
      await waitForNotes(notes + 1);
      const after = await studio();
      expect(after.melody[after.melody.length - 1], `round ${round}: the note placed`).to.deep.equal(wanted);
      agreement.push(after.agreement);
    }
    const state = await studio();
    expect(state.accepted + state.corrected).to.equal(ROUNDS);
    expect(state.corrected, 'corrections').to.be.at.least(3);
    expect(state.trainingSteps).to.be.greaterThan(0);
    const start = agreement[3];
    const end = agreement[agreement.length - 1];
    expect(end - start, `agreement ${start} after 4 answers, ${end} after ${ROUNDS}`).to.be.at.least(0.5);
  });

  it('a click on Reject discards the proposal; a click on a cell then places a note', async () => {
    await waitForProposal();
    const { notes, proposals } = await studio();
    await clickButton('reject');
    await page.waitForFunction(() => (window.__collab as StudioState).proposal === null, undefined, WAIT);
    expect((await studio()).notes).to.equal(notes);
    await clickCell({ step: 9, pitch: 7 });
    await waitForNotes(notes + 1);
    await page.waitForFunction((n) => (window.__collab as StudioState).proposals > n, proposals, WAIT);
    expect((await studio()).melody.at(-1)).to.deep.equal({ step: 9, pitch: 7 });
  });

  it('reports no errors', async () => {
    expect((await studio()).errors).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });
});
