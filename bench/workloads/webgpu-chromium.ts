/**
 * The WebGPU back end in headless Chromium (SwiftShader, the only adapter there) against onnxruntime-web's WebGPU
 * EP and our CPU back end, in one page and one run: `policy-mlp/b1/webgpu-chromium`,
 * `policy-mlp/b1000/webgpu-chromium` (MLP 64-128-16 with ReLU, the weights of bench/workloads/policy.ts) and
 * `3dball/b12/webgpu-chromium` (ML-Agents 3DBall, twelve agents). Ours runs on a WebGPUEngine's device; the page
 * is test/browser/fixtures/webgpu-model (its `bench()`), built and served here. Each workload launches its own
 * browser, so every contender's first run (load to first result) is cold and reported in the notes.
 */
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundlePages, ROOT } from '../../scripts/build-examples.js';
import { launchChromium } from '../../scripts/chromium.js';
import { startServer } from '../../scripts/serve.js';
import type { PageBenchOptions, PageBenchReport } from '../../test/browser/fixtures/webgpu-model/bench.js';
import type { BenchResult, BenchWorkload } from '../harness.js';
import { mlpModel } from '../models.js';

const PAGE = 'fixtures/webgpu-model';
const ORT_WASM = 'ort-wasm-simd-threaded.jsep.wasm';

/** Builds the fixture page and onnxruntime-web's WebAssembly into a temporary site, serves it and runs `bench()` there. */
async function inChromium(options: PageBenchOptions): Promise<PageBenchReport> {
  const site = await mkdtemp(join(tmpdir(), 'collab-bench-'));
  try {
    await bundlePages({ [PAGE]: join(ROOT, 'test', 'browser', PAGE, 'main.ts') }, site);
    await cp(join(ROOT, 'test', 'browser', PAGE, 'index.html'), join(site, PAGE, 'index.html'));
    await cp(join(ROOT, 'node_modules', 'onnxruntime-web', 'dist', ORT_WASM), join(site, 'vendor', 'onnxruntime-web', ORT_WASM));
    const server = await startServer({ port: 0, root: site });
    const browser = await launchChromium().catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
    try {
      const page = await browser.context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${server.url}${PAGE}/`);
      await page.waitForFunction(() => window.__webgpuModel?.ready === true, undefined, { timeout: 60_000 });
      const report = await page.evaluate((o) => window.__webgpuModel.bench(o), options);
      if (problems.length > 0) throw new Error(`bench webgpu-chromium: page errors: ${problems.join('; ')}`);
      return report;
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await rm(site, { recursive: true, force: true });
  }
}

function format(values: Record<string, number>, digits: (v: number) => string): string {
  return Object.entries(values).map(([name, v]) => `${name} ${digits(v)}`).join(', ');
}

async function measure(id: string, bytes: Uint8Array, options: Omit<PageBenchOptions, 'model'>, goal: string): Promise<BenchResult> {
  const report = await inChromium({ ...options, model: Buffer.from(bytes).toString('base64') });
  const { ours, ...peers } = report.medians;
  const adapters = [...new Set(Object.values(report.adapters).map((a) => `${a.vendor}/${a.architecture}`))].join(' and ');
  return {
    id, unit: 'ms', ours: ours!, peers, runs: options.runs,
    notes: `median of ${options.runs} after ${options.warmup} warm-ups, alternating, run() to results on the host, render loop stopped;`
      + ` first run (load to first result, ms): ${format(report.firstRunMs, (v) => v.toFixed(0))}; max |diff| from ours cpu: ${format(report.maxAbsDiff, (v) => v.toPrecision(2))};`
      + ` WebGPU adapter ${adapters}${goal ? `; goal ${goal}` : ''}`,
  };
}

const mlp = (batch: number, runs: number, warmup: number, goal: string): BenchWorkload => ({
  id: `policy-mlp/b${batch}/webgpu-chromium`,
  run: async () => [await measure(`policy-mlp/b${batch}/webgpu-chromium`, mlpModel(), { input: 'x', dims: [batch, 64], compare: ['y'], runs, warmup }, goal)],
});

export const workloads: BenchWorkload[] = [
  mlp(1, 30, 5, ''),
  mlp(1000, 20, 3, '<= 0.2x onnxruntime-web-webgpu'),
  {
    id: '3dball/b12/webgpu-chromium',
    run: async () => {
      const bytes = new Uint8Array(readFileSync(join(ROOT, 'assets', 'models', 'ml-agents', '3DBall.onnx')));
      return [await measure('3dball/b12/webgpu-chromium', bytes, { input: 'obs_0', dims: [12, 8], compare: ['deterministic_continuous_actions'], runs: 30, warmup: 5 }, '')];
    },
  },
];
