import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { ModelRunReport, PlainTensor } from './fixtures/webgpu-model/main.js';
import { harness, openPage } from './harness.js';

/** 3DBall's outputs that do not sample (`continuous_actions` draws from a RandomNormal). */
const DETERMINISTIC = ['version_number', 'memory_size', 'continuous_action_output_shape', 'deterministic_continuous_actions'];
const RUNS = 20;

function expectClose(got: PlainTensor | undefined, want: PlainTensor | undefined, what: string, abs = 1e-4, rel = 1e-3): void {
  expect(got, `${what}: missing`).to.not.equal(undefined);
  expect(got!.dims, `${what}: dims`).to.deep.equal(want!.dims);
  want!.data.forEach((w, i) => expect(got!.data[i], `${what}[${i}]`).to.be.closeTo(w, abs + rel * Math.abs(w)));
}

describe('WebGpuModel (in Chromium, on a WebGPUEngine\'s device)', () => {
  let page: Page;
  let problems: string[];
  let report: ModelRunReport;

  before(async () => {
    ({ page, problems } = await openPage());
    await page.goto(`${harness().url}fixtures/webgpu-model/`);
    await page.waitForFunction(() => window.__webgpuModel?.ready === true, undefined, { timeout: 60_000 }).catch((error: Error) => {
      throw new Error(`the fixture did not render a frame: ${error.message} (page problems: ${problems.join('; ') || 'none'})`);
    });
    report = await page.evaluate((runs) => window.__webgpuModel.runModel(runs), RUNS);
  });

  after(async () => {
    await page?.close();
  });

  it('runs on the engine\'s WebGPU adapter (SwiftShader here)', async () => {
    const adapter = await page.evaluate(() => window.__webgpuModel.adapter);
    expect(Object.values(adapter).some((v) => v !== ''), 'adapter info').to.equal(true);
    expect(report.backend).to.equal('webgpu');
  });

  it('gives 3DBall\'s outputs of the CPU back end (1e-4 abs + 1e-3 rel), run after run', () => {
    expect(Object.keys(report.gpu).sort()).to.deep.equal(Object.keys(report.cpu).sort());
    for (const name of DETERMINISTIC) {
      expectClose(report.gpu[name], report.cpu[name], name);
      expectClose(report.gpuLast[name], report.cpu[name], `${name} (run ${RUNS})`);
    }
    for (const name of Object.keys(report.cpu)) expect(report.gpu[name]!.dims, name).to.deep.equal(report.cpu[name]!.dims);
  });

  it('keeps the scene rendering while the runs go on', () => {
    const { idle, first, steady } = report;
    const what = `${steady.frames} frames in ${steady.ms.toFixed(0)} ms of ${steady.runs} runs, longest gap ${steady.longestFrameGapMs.toFixed(0)} ms`
      + ` (idle: ${idle.frames} frames in ${idle.ms.toFixed(0)} ms; first run: ${first.frames} in ${first.ms.toFixed(0)} ms)`;
    expect(steady.frames, what).to.be.at.least(steady.runs / 4);
    expect(steady.longestFrameGapMs, what).to.be.below(2000);
  });

  it('raises no validation error', () => {
    expect(report.scopeError).to.equal(null);
  });

  it('frees its buffers on dispose and leaves the engine rendering', async () => {
    const after = await page.evaluate(() => window.__webgpuModel.disposeModel(500));
    expect(after.liveBuffers).to.equal(0);
    expect(after.framesAfter).to.be.greaterThan(2);
  });

  it('reports no errors', async () => {
    expect(await page.evaluate(() => window.__webgpuModel.errors)).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });
});
