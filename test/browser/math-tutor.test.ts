import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { MathTutorState, TutorControl } from '../../examples/math-tutor/main.js';
import { harness, openPage, saveArtifact } from './harness.js';
import { imageStats } from './pixels.js';

describe('examples/math-tutor', () => {
  let page: Page;
  let problems: string[];

  const tutor = (): Promise<Omit<MathTutorState, 'locate'>> => page.evaluate(() => {
    const { locate: _, ...rest } = window.__collab as MathTutorState;
    return rest;
  });
  const locate = (control: TutorControl) => page.evaluate((c) => (window.__collab as MathTutorState).locate(c), control);
  /** A real pointer click at the control's on-screen centre. */
  const click = async (control: TutorControl): Promise<void> => {
    const { x, y } = await locate(control);
    await page.mouse.click(x, y);
  };
  /** Clicks the step field, types `step` on the keyboard and presses Enter. */
  const typeStep = async (step: string): Promise<void> => {
    await click('input');
    await page.keyboard.type(step, { delay: 30 });
    await page.keyboard.press('Enter');
  };
  const waitFor = (condition: string): Promise<unknown> =>
    page.waitForFunction(`(() => { const s = window.__collab; return ${condition}; })()`, undefined, { timeout: 10_000 });

  before(async () => {
    ({ page, problems } = await openPage());
    await page.goto(`${harness().url}math-tutor/`);
  });

  after(async () => {
    await page?.close();
  });

  it('becomes ready within 10 s with a problem on the board', async () => {
    await page.waitForFunction(() => window.__collab?.ready === true, undefined, { timeout: 10_000 });
    expect(await tutor()).to.include({ problem: 'solve 2(x + 3) = 14', steps: 0, flagged: 0, solved: false });
  });

  it('draws a non-blank canvas', async () => {
    const png = await page.locator('canvas').screenshot();
    await saveArtifact('math-tutor', png);
    expect((await imageStats(page, png)).distinctColours, 'distinct colours over a 32x18 grid').to.be.greaterThan(4);
  });

  it('accepts a correct step typed into the input', async () => {
    await typeStep('2x + 6 = 14');
    await waitFor('s.steps === 1');
    expect(await tutor()).to.include({ steps: 1, flagged: 0, decisions: 1 });
  });

  it('flags a sign error and explains it in the speech bubble', async () => {
    await typeStep('2x = 20');
    await waitFor('s.flagged === 1');
    const state = await tutor();
    expect(state).to.include({ steps: 1, decisions: 2 });
    expect(state.said).to.match(/sign of 6 is wrong/).and.match(/Hint: Subtract 6 from both sides/);
    await page.waitForTimeout(200);
    const r = await locate('bubble');
    const png = await page.screenshot();
    await saveArtifact('math-tutor-flagged', png);
    const bubble = await imageStats(page, png, { x: Math.round(r.x - r.width / 2), y: Math.round(r.y - r.height / 2), width: Math.round(r.width), height: Math.round(r.height) }, 40, 12);
    expect(bubble.light, 'the bubble').to.be.greaterThan(0.3);
    expect(bubble.dark, 'its text').to.be.greaterThan(0.01);
  });

  it("writes the tutor's step on its turn", async () => {
    await click('turn');
    await waitFor('s.steps === 2');
    expect((await tutor()).said).to.match(/^Subtract 6 from both sides: 2x = 8/);
  });

  it('sets solved when the human finishes the problem, with the checked answer', async () => {
    await typeStep('x = 4');
    await waitFor('s.solved === true');
    expect(await tutor()).to.include({ steps: 3, flagged: 1, decisions: 4 });
    expect((await tutor()).said).to.match(/Solved: x = 4/);
  });

  it('solves a picked system on its own, turn by turn', async () => {
    await click('System');
    await waitFor("s.problem === 'solve x + y = 5, x - y = 1' && s.steps === 0");
    for (let turn = 1; turn <= 3; turn++) {
      await click('turn');
      await waitFor(`s.steps === ${turn}`);
    }
    const state = await tutor();
    expect(state.solved).to.equal(true);
    expect(state.said).to.match(/Solved: x = 3; y = 2/);
  });

  it('flags a wrong factorisation of the quadratic and accepts the right one', async () => {
    await click('Quadratic');
    await waitFor("s.problem === 'solve x^2 - 5x + 6 = 0'");
    await typeStep('(x + 2)(x + 3) = 0');
    await waitFor('s.flagged === 1');
    await typeStep('(x - 2)(x - 3) = 0');
    await waitFor('s.steps === 1');
    await typeStep('x = 2 or x = 3');
    await waitFor('s.solved === true');
  });

  it('reports no errors', async () => {
    expect(await page.evaluate(() => window.__collab.errors)).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });
});
