import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { harness, openPage } from './harness.js';

/** WeightStore on its IndexedDB backend: mirrors test/learning/weight-store.test.ts (the Node file backend). */
describe('WeightStore on IndexedDB (in Chromium)', () => {
  let page: Page;
  let problems: string[];

  before(async () => {
    ({ page, problems } = await openPage());
    await page.goto(`${harness().url}fixtures/weight-store/`);
    await page.waitForFunction(() => window.__weights?.ready === true, undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => window.__weights.hasIndexedDb())).to.equal(true);
  });

  after(async () => {
    await page?.evaluate(() => new Promise<void>((resolve) => {
      const req = indexedDB.deleteDatabase(window.__weights.databaseName);
      req.onsuccess = req.onerror = req.onblocked = () => resolve();
    })).catch(() => undefined);
    await page?.close();
  });

  describe('#save()', () => {
    it('round-trips weights, optimiser state and metadata; a fresh Mlp predicts the same', async () => {
      const result = await page.evaluate(() => window.__weights.roundTrip());
      expect(result.savedSignature).to.equal('mlp:3-4-2:relu,identity');
      expect(result.savedFormatVersion).to.equal(1);
      expect(result.metadata).to.deep.equal({ episode: 3, tag: 'browser' });
      expect(result.differedBefore, 'the fresh model predicted differently before the load').to.equal(true);
      expect(result.sameParams).to.equal(true);
      expect(result.samePredictions).to.equal(true);
      expect(result.steps).to.equal(1);
      expect(result.sameSlots).to.equal(true);
      expect(result.infoSignature).to.equal('mlp:3-4-2:relu,identity');
      expect(result.defaultBackendSameParams, 'the default backend (IndexedDB) round-trips too').to.equal(true);
    });

    it("keeps the replaced version as the previous one, loadable with { version: 'previous' }", async () => {
      expect(await page.evaluate(() => window.__weights.previousVersion())).to.deep.equal({ latestIsSecond: true, previousIsFirst: true });
    });

    it('refuses to overwrite weights of another architecture unless asked', async () => {
      const { saveError, replacedSignature } = await page.evaluate(() => window.__weights.signatureMismatch());
      expect(saveError).to.include({ name: 'WeightStoreError', isWeightStoreError: true, reason: 'signature-mismatch' });
      expect(replacedSignature).to.equal('mlp:3-5-2:relu,identity');
    });
  });

  describe('#load()', () => {
    it('returns null and leaves the model alone when nothing is stored; clear() removes both versions', async () => {
      expect(await page.evaluate(() => window.__weights.emptyAndClear())).to.deep.equal({
        loadedNothing: true, unchanged: true, afterClearLatest: true, afterClearPrevious: true,
      });
    });

    it('throws a signature-mismatch error for another architecture, leaving the model unchanged', async () => {
      const { loadError, modelUnchanged } = await page.evaluate(() => window.__weights.signatureMismatch());
      expect(loadError).to.include({ name: 'WeightStoreError', isWeightStoreError: true, reason: 'signature-mismatch' });
      expect(loadError!.message).to.match(/mlp:3-4-2:relu,identity.*mlp:3-4-2:tanh,identity/);
      expect(modelUnchanged).to.equal(true);
    });

    it('throws a corrupt error for a damaged record, and the previous good version stays loadable', async () => {
      const result = await page.evaluate(() => window.__weights.corruptLatest());
      expect(result.error).to.include({ name: 'WeightStoreError', isWeightStoreError: true, reason: 'corrupt' });
      expect(result.error!.message).to.match(/checksum mismatch/);
      expect(result.modelUnchanged).to.equal(true);
      expect(result.infoError).to.include({ isWeightStoreError: true, reason: 'corrupt' });
      expect(result.previousIsGood).to.equal(true);
      expect(result.previousIsGoodAfterResave, 'saving over the corrupt version does not rotate it into previous').to.equal(true);
      expect(result.latestIsResaved).to.equal(true);
    });
  });

  describe('the fixture page', () => {
    it('reports no errors', async () => {
      expect(await page.evaluate(() => window.__weights.errors)).to.deep.equal([]);
      expect(problems).to.deep.equal([]);
    });
  });
});
