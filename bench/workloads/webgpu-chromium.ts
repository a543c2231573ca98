/**
 * The WebGPU back end in headless Chromium (SwiftShader, the only adapter there) against onnxruntime-web's WebGPU
 * EP and our CPU back end, in one page and one run: `policy-mlp/b1/webgpu-chromium`,
 * `policy-mlp/b1000/webgpu-chromium` (MLP 64-128-16 with ReLU, the weights of bench/workloads/policy.ts),
 * `3dball/b12/webgpu-chromium` (ML-Agents 3DBall, twelve agents) and `blazeface128/webgpu-chromium` (BlazeFace
 * front 128x128). Ours runs on a WebGPUEngine's device; the page is test/browser/fixtures/webgpu-model (its
 * `bench()`), built and served here. Each workload launches its own browser, so every contender's first run (load
 * to first result) is cold and reported in the notes.
 *
 * `first-run/webgpu-chromium` times load to first result alone: a fresh browser (fresh profile, so no pipeline,
 * shader or compiled-wasm cache is shared) per contender and sample, the page loaded and the model bytes in memory,
 * from the load call to the first run's results on the host (the page's `firstRun()`).
 */
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { bundlePages, ROOT } from '../../scripts/build-examples.js';
import { launchChromium } from '../../scripts/chromium.js';
import { startServer } from '../../scripts/serve.js';
import type { PageBenchOptions, PageBenchReport } from '../../test/browser/fixtures/webgpu-model/bench.js';
import { CONTENDERS, type ContenderName } from '../../test/browser/fixtures/webgpu-model/contenders.js';
import { median, type BenchResult, type BenchWorkload } from '../harness.js';
import { mlpModel } from '../models.js';

const PAGE = 'fixtures/webgpu-model';
const ORT_WASM = 'ort-wasm-simd-threaded.jsep.wasm';
/** Fresh browsers per contender and model in `first-run/webgpu-chromium`. */
const FIRST_RUN_SAMPLES = 3;

/** Builds the fixture page and onnxruntime-web's WebAssembly into a temporary site, serves it and runs `work` with its page URL. */
async function withSite<T>(work: (url: string) => Promise<T>): Promise<T> {
  const site = await mkdtemp(join(tmpdir(), 'collab-bench-'));
  try {
    await bundlePages({ [PAGE]: join(ROOT, 'test', 'browser', PAGE, 'main.ts') }, site);
    await cp(join(ROOT, 'test', 'browser', PAGE, 'index.html'), join(site, PAGE, 'index.html'));
    await cp(join(ROOT, 'node_modules', 'onnxruntime-web', 'dist', ORT_WASM), join(site, 'vendor', 'onnxruntime-web', ORT_WASM));
    const server = await startServer({ port: 0, root: site });
    try {
      return await work(`${server.url}${PAGE}/`);
    } finally {
      await server.close();
    }
  } finally {
    await rm(site, { recursive: true, force: true });
  }
}

/** Launches a fresh browser, opens `url` (the fixture page), waits for its first frame and runs `work` on it; throws on page errors. */
async function inFreshBrowser<T>(url: string, work: (page: Page) => Promise<T>): Promise<T> {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(url);
    await page.waitForFunction(() => window.__webgpuModel?.ready === true, undefined, { timeout: 60_000 });
    const value = await work(page);
    if (problems.length > 0) throw new Error(`bench webgpu-chromium: page errors: ${problems.join('; ')}`);
    return value;
  } finally {
    await browser.close();
  }
}

function format(values: Record<string, number>, digits: (v: number) => string): string {
  return Object.entries(values).map(([name, v]) => `${name} ${digits(v)}`).join(', ');
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** Runs the page's `bench()` on `bytes` in a fresh browser and reports ours against the peers. */
async function measure(id: string, bytes: Uint8Array, options: Omit<PageBenchOptions, 'model'>, goal: string): Promise<BenchResult> {
  const report = await withSite((url) => inFreshBrowser(url, (page) =>
    page.evaluate((o) => window.__webgpuModel.bench(o), { ...options, model: base64(bytes) }) as Promise<PageBenchReport>));
  const { ours, ...peers } = report.medians;
  const adapters = [...new Set(Object.values(report.adapters).map((a) => `${a.vendor}/${a.architecture}`))].join(' and ');
  return {
    id, unit: 'ms', ours: ours!, peers, runs: options.runs,
    notes: `median of ${options.runs} after ${options.warmup} warm-ups, alternating, run() to results on the host, render loop stopped;`
      + ` first run (load to first result, ms): ${format(report.firstRunMs, (v) => v.toFixed(0))}; max |diff| from ours cpu: ${format(report.maxAbsDiff, (v) => v.toPrecision(2))};`
      + ` WebGPU adapter ${adapters}${goal ? `; goal ${goal}` : ''}`,
  };
}

/** A workload of one {@link measure} on the bytes `model()` gives. */
const pageWorkload = (id: string, model: () => Uint8Array, options: Omit<PageBenchOptions, 'model'>, goal = ''): BenchWorkload => ({
  id,
  run: async () => [await measure(id, model(), options, goal)],
});

const asset = (...path: string[]) => (): Uint8Array => new Uint8Array(readFileSync(join(ROOT, 'assets', 'models', ...path)));
const threeDBall = asset('ml-agents', '3DBall.onnx');
const blazeface = asset('blazeface', 'face_detection_front_128x128_barracuda.onnx');

const mlp = (batch: number, runs: number, warmup: number, goal?: string): BenchWorkload =>
  pageWorkload(`policy-mlp/b${batch}/webgpu-chromium`, mlpModel, { input: 'x', dims: [batch, 64], compare: ['y'], runs, warmup }, goal);

/** A model for `first-run/webgpu-chromium`: its bytes and its one input. */
interface FirstRunCase {
  name: string;
  bytes: Uint8Array;
  input: string;
  dims: number[];
}

/** Load to first result (ms) of every contender on `model`, {@link FIRST_RUN_SAMPLES} fresh browsers each, contenders alternating. */
async function firstRuns(url: string, model: FirstRunCase): Promise<Record<ContenderName, number[]>> {
  const contenders = Object.values(CONTENDERS);
  const times = Object.fromEntries(contenders.map((c) => [c, [] as number[]])) as Record<ContenderName, number[]>;
  const options = { model: base64(model.bytes), input: model.input, dims: model.dims };
  for (let sample = 0; sample < FIRST_RUN_SAMPLES; sample++) {
    for (const contender of contenders) {
      times[contender].push(await inFreshBrowser(url, (page) => page.evaluate((o) => window.__webgpuModel.firstRun(o), { ...options, contender })));
    }
  }
  return times;
}

/** `name: contender median (samples), …` for the notes. */
function describeFirstRuns(name: string, times: Record<ContenderName, number[]>): string {
  const each = Object.entries(times).map(([c, ms]) => `${c} ${median(ms).toFixed(0)} (${ms.map((v) => v.toFixed(0)).join(', ')})`);
  return `${name}: ${each.join(', ')}`;
}

/** `first-run/webgpu-chromium`: policy-mlp at batch 1 is the figure; 3DBall at batch 12 goes to the notes. */
async function firstRunResult(): Promise<BenchResult> {
  const mlpCase: FirstRunCase = { name: 'policy-mlp b1', bytes: mlpModel(), input: 'x', dims: [1, 64] };
  const ballCase: FirstRunCase = { name: '3DBall b12', bytes: threeDBall(), input: 'obs_0', dims: [12, 8] };
  const [mlpTimes, ballTimes] = await withSite(async (url) => [await firstRuns(url, mlpCase), await firstRuns(url, ballCase)]);
  const ours = mlpTimes[CONTENDERS.ours];
  const peers = Object.entries(mlpTimes).filter(([c]) => c !== CONTENDERS.ours && c !== CONTENDERS.oursGpuFirst);
  return {
    id: 'first-run/webgpu-chromium', unit: 'ms', ours: median(ours), peers: Object.fromEntries(peers.map(([c, ms]) => [c, median(ms)])),
    runs: FIRST_RUN_SAMPLES,
    notes: `policy-mlp b1, load to first result: median of ${FIRST_RUN_SAMPLES} fresh browsers (fresh profile: no shared pipeline, shader or wasm cache) per contender, alternating;`
      + ' page loaded and model bytes in memory, timed from the load call (ours: loadModel(bytes, {backend: webgpu, engine}) on the page\'s WebGPUEngine device,'
      + ' whose first result comes from the CPU back end while the pipelines compile in the background (cpuWhileCompiling, the default);'
      + ` ${CONTENDERS.oursGpuFirst}: the same with cpuWhileCompiling false, the first result from the GPU;`
      + ' onnxruntime-web: createOnnxRuntimeModel with its wasm fetch, instantiation and own WebGPU device; cpu: loadModel(bytes, {backend: cpu}))'
      + ` to the first run's results on the host, render loop stopped; ms, median (samples): ${describeFirstRuns(mlpCase.name, mlpTimes)}; ${describeFirstRuns(ballCase.name, ballTimes)};`
      + ' goal <= 0.1x onnxruntime-web-webgpu',
  };
}

export const workloads: BenchWorkload[] = [
  mlp(1, 30, 5),
  mlp(1000, 20, 3, '<= 0.2x onnxruntime-web-webgpu'),
  pageWorkload('3dball/b12/webgpu-chromium', threeDBall, { input: 'obs_0', dims: [12, 8], compare: ['deterministic_continuous_actions'], runs: 30, warmup: 5 }),
  pageWorkload('blazeface128/webgpu-chromium', blazeface,
    { input: 'input:0', dims: [1, 128, 128, 3], compare: ['Identity:0', 'Identity_1:0', 'Identity_2:0', 'Identity_3:0'], runs: 10, warmup: 2 },
    '<= 0.5x onnxruntime-web-webgpu'),
  { id: 'first-run/webgpu-chromium', run: async () => [await firstRunResult()] },
];
