import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { KernelsReport } from './fixtures/webgpu-kernels/main.js';
import { harness, openPage } from './harness.js';

function failures(report: KernelsReport): string {
  return report.results.filter((r) => !r.pass).map((r) => `${r.name}: ${r.message}`).join('\n  ');
}

function summary(report: KernelsReport): string {
  const ms = report.results.reduce((a, r) => a + r.ms, 0);
  return `${report.results.filter((r) => r.pass).length}/${report.results.length} passed in ${(ms / 1000).toFixed(1)} s`;
}

describe('WebGPU back end in Chromium: shared kernel cases and real models (on a WebGPUEngine\'s device)', function () {
  // SwiftShader runs the shaders on the CPU: BlazeFace and Visual3DBall take seconds each.
  this.timeout(240_000);
  let page: Page;
  let problems: string[];

  before(async () => {
    ({ page, problems } = await openPage());
    await page.goto(`${harness().url}fixtures/webgpu-kernels/`);
    await page.waitForFunction(() => window.__webgpuKernels?.ready === true, undefined, { timeout: 60_000 }).catch((error: Error) => {
      throw new Error(`the fixture did not render a frame: ${error.message} (page problems: ${problems.join('; ') || 'none'})`);
    });
  });

  after(async () => {
    await page?.close();
  });

  it('passes every shared kernel case (as test/runtime/webgpu/kernels.test.ts), with no validation error', async () => {
    const report = await page.evaluate(() => window.__webgpuKernels.runCases());
    expect(report.results.length, 'cases run').to.be.greaterThan(0);
    expect(failures(report), `failing cases (${summary(report)})`).to.equal('');
    expect(report.validationErrors, 'validation errors').to.deep.equal([]);
  });

  it('gives every real model\'s deterministic outputs of the CPU back end (as test/runtime/webgpu/models.test.ts), with no validation error', async () => {
    const report = await page.evaluate(() => window.__webgpuKernels.runModels());
    expect(report.results.length, 'models run').to.be.greaterThan(0);
    expect(failures(report), `failing models (${summary(report)})`).to.equal('');
    expect(report.validationErrors, 'validation errors').to.deep.equal([]);
  });

  it('reports no errors', async () => {
    expect(await page.evaluate(() => window.__webgpuKernels.errors)).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });
});
