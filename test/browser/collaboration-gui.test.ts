import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { Target } from './fixtures/collaboration-gui/main.js';
import { harness, openPage, saveArtifact } from './harness.js';
import { imageStats, type Region } from './pixels.js';

describe('SuggestionCard, ChatPanel and CollaboratorOverlay (in Chromium)', () => {
  let page: Page;
  let problems: string[];

  const rect = (target: Target) => page.evaluate((t) => window.__collabGui.rect(t), target);
  const region = async (target: Target): Promise<Region> => {
    const r = await rect(target);
    return { x: Math.round(r.x - r.width / 2), y: Math.round(r.y - r.height / 2), width: Math.round(r.width), height: Math.round(r.height) };
  };
  /** A real pointer click at the control's on-screen centre. */
  const click = async (target: Target): Promise<void> => {
    const r = await rect(target);
    await page.mouse.click(r.x, r.y);
    await page.waitForTimeout(100);
  };

  before(async () => {
    ({ page, problems } = await openPage());
    await page.goto(`${harness().url}fixtures/collaboration-gui/`);
    await page.waitForFunction(() => window.__collabGui?.ready === true, undefined, { timeout: 10_000 });
    await page.waitForFunction(() => window.__collabGui.overlay().observation.length > 0, undefined, { timeout: 5_000 });
  });

  after(async () => {
    await page?.close();
  });

  it('renders the card, the chat and the overlay where they are', async () => {
    await page.evaluate(() => {
      window.__collabGui.propose('suggestion', 'Shall we visit the sculpture room next?');
      window.__collabGui.say('collaborator', 'Hello! I can guide you through the museum.');
    });
    await page.waitForTimeout(300);
    const png = await page.screenshot();
    await saveArtifact('collaboration-gui', png);
    const background = await imageStats(page, png, { x: 400, y: 40, width: 100, height: 60 }, 10, 6);
    expect(background.distinctColours, 'the empty scene behind').to.equal(1);
    for (const target of ['card', 'chat', 'overlay'] as const) {
      const shot = await imageStats(page, png, await region(target), 24, 12);
      expect(shot.distinctColours, `${target} is drawn`).to.be.greaterThan(4);
    }
    const buttons = await imageStats(page, png, await region('accept'), 12, 6);
    expect(buttons.distinctColours, 'the accept button').to.be.greaterThan(1);
  });

  it('a pointer click on Accept accepts the proposal in the session', async () => {
    expect(await page.evaluate(() => window.__collabGui.card())).to.include({ visible: true, proposal: 1 });
    await click('accept');
    const metrics = await page.evaluate(() => window.__collabGui.metrics());
    expect(metrics).to.include({ answered: 1, accepted: 1, agreementRate: 1 });
    expect(await page.evaluate(() => window.__collabGui.card())).to.include({ visible: false, proposal: null });
  });

  it('a pointer click on Reject rejects an action proposal, with the typed reason', async () => {
    const id = await page.evaluate(() => window.__collabGui.propose('action', 'I will walk to the left.'));
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => window.__collabGui.card().proposal)).to.equal(id);
    await click('correction');
    await page.keyboard.type('too fast', { delay: 30 });
    await click('reject');
    expect(await page.evaluate(() => window.__collabGui.metrics())).to.include({ answered: 2, rejected: 1, agreementRate: 0.5 });
    expect(await page.evaluate(() => window.__collabGui.card().status)).to.match(/^Rejected: I will walk/);
    expect(await page.evaluate(() => window.__collabGui.feedback())).to.deep.equal([]);
  });

  it('a typed correction and a click on Correct send feedback to the collaborator', async () => {
    await page.evaluate(() => window.__collabGui.propose('action', 'I will turn around.'));
    await page.waitForTimeout(100);
    await click('correction');
    await page.keyboard.type('0.5, -0.25', { delay: 30 });
    await click('correct');
    expect(await page.evaluate(() => window.__collabGui.metrics())).to.include({ answered: 3, corrected: 1 });
    const [record] = await page.evaluate(() => window.__collabGui.feedback());
    expect(record.slice(2)).to.deep.equal([0.5, -0.25]);
  });

  it('shows why a correction is refused and keeps the proposal', async () => {
    const id = await page.evaluate(() => window.__collabGui.propose('action', 'I will jump.'));
    await page.waitForTimeout(100);
    await click('correction');
    await page.keyboard.type('higher', { delay: 30 });
    await click('correct');
    expect(await page.evaluate(() => window.__collabGui.card())).to.deep.include({ visible: true, proposal: id });
    expect(await page.evaluate(() => window.__collabGui.card().status)).to.match(/numbers such as/);
    await click('accept');
  });

  it('the chat input takes typed text, emits it on Enter and scrolls the history', async () => {
    await click('chatInput');
    await page.keyboard.type('Where is the Mona Lisa?', { delay: 30 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(100);
    await page.keyboard.type('And the Thinker?', { delay: 30 });
    await click('send');
    const chat = await page.evaluate(() => window.__collabGui.chat());
    expect(chat.sent).to.deep.equal(['Where is the Mona Lisa?', 'And the Thinker?']);
    expect(chat.history.slice(-2)).to.deep.equal(chat.sent);

    await page.evaluate(() => {
      for (let i = 0; i < 12; i++) window.__collabGui.say(i % 2 ? 'human' : 'collaborator', `message ${i}: a longer line that wraps in the panel`);
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.__collabGui.chat().scroll), 'scrolled to the bottom').to.equal(1);
    const history = await region('history');
    const newest = await imageStats(page, await page.screenshot(), { ...history, y: history.y + history.height - 50, height: 50 }, 40, 6);
    expect(newest.distinctColours, 'the newest message is drawn at the bottom').to.be.greaterThan(3);
  });

  it('the overlay shows scheduler statistics, the observation and a live plot', async () => {
    const overlay = await page.evaluate(() => window.__collabGui.overlay());
    expect(overlay.stats).to.match(/^frames \d+ · queue \d+/);
    expect(overlay.bars.length).to.equal(6);
    expect(overlay.bars.some((v) => v !== 0)).to.equal(true);
    expect(await page.evaluate(() => window.__collabGui.plot('agreement'))).to.have.length(4);

    const plot = await region('plot');
    const before = await imageStats(page, await page.screenshot(), plot, 40, 12);
    await page.evaluate(() => {
      for (let i = 0; i < 60; i++) window.__collabGui.addLoss(1 / (1 + i));
    });
    await page.waitForTimeout(200);
    const png = await page.screenshot();
    await saveArtifact('collaboration-gui-plot', png);
    const after = await imageStats(page, png, plot, 40, 12);
    expect(await page.evaluate(() => window.__collabGui.plot('loss'))).to.have.length(60);
    expect(after.distinctColours, 'the loss line is drawn').to.be.greaterThan(before.distinctColours);
  });

  it('validates options with typed errors naming the option', async () => {
    const cases: [Parameters<typeof window.__collabGui.tryCreate>[0], Record<string, unknown>, RegExp][] = [
      ['card', {}, /^TypeError: SuggestionCard: option 'session' must be a CollaborationSession, got undefined$/],
      ['chat', { width: 50 }, /^RangeError: ChatPanel: option 'width' must be .*>= 200.*got 50$/],
      ['chat', { maxMessages: 0.5 }, /^RangeError: ChatPanel: option 'maxMessages'.*got 0.5$/],
      ['overlay', { scheduler: 'fast' }, /^TypeError: CollaboratorOverlay: option 'scheduler' must be a FrameScheduler, got 'fast'$/],
      ['overlay', { refreshMs: -1 }, /^RangeError: CollaboratorOverlay: option 'refreshMs'.*got -1$/],
      ['overlay', {}, /^ok$/],
    ];
    for (const [widget, options, error] of cases) {
      expect(await page.evaluate(([w, o]) => window.__collabGui.tryCreate(w, o), [widget, options] as const)).to.match(error);
    }
  });

  it('dispose removes controls and observers, and is harmless twice', async () => {
    const before = await page.evaluate(() => window.__collabGui.counts());
    expect(before.ui).to.equal(3);
    await page.evaluate(() => window.__collabGui.dispose());
    await page.waitForTimeout(200); // Babylon removes observers on a later tick
    const after = await page.evaluate(() => window.__collabGui.counts());
    expect(after).to.deep.equal({
      ui: 0, proposals: before.proposals - 1, answers: before.answers - 2, frames: before.frames - 1, observations: before.observations - 1,
    });
  });

  it('reports no errors', async () => {
    expect(await page.evaluate(() => window.__collabGui.errors)).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });
});
