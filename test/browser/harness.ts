/**
 * The browser tests' shared set-up (a mocha root hook plugin, loaded by test/browser/.mocharc.json): builds the
 * examples and the test fixtures once into a temporary site, serves it on a free port and launches headless
 * Chromium with the SwiftShader flags. Everything is closed in the root after hook.
 *
 * Without Chromium the suite fails when CI=true and is skipped otherwise.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { buildExamples, bundlePages, ROOT } from '../../scripts/build-examples.js';
import { CHROMIUM_PATH, hasChromium, launchChromium, type LaunchedChromium } from '../../scripts/chromium.js';
import { startServer, type RunningServer } from '../../scripts/serve.js';

/** What the tests get from {@link harness}. */
export interface Harness {
  /** The browser context; open pages with {@link openPage}. */
  readonly context: BrowserContext;
  /** The site's base URL, ending in `/`. */
  readonly url: string;
  /** The example scenes built. */
  readonly scenes: readonly string[];
}

/** Where tests keep their screenshots for people and CI to look at (git-ignored). */
export const ARTIFACTS = process.env.BROWSER_ARTIFACTS ?? join(ROOT, 'artifacts', 'browser');

/** Test-only pages, served under fixtures/<name>/ and kept out of the examples index. */
const FIXTURES = ['speech-bubble', 'camera-sensor', 'audio-sensor', 'collaboration-gui', 'collaboration-xr', 'webgpu-model', 'weight-store', 'webgpu-kernels'];

let site: string | undefined;
let server: RunningServer | undefined;
let chromium: LaunchedChromium | undefined;
let current: Harness | undefined;

/** The running harness; only valid inside tests and hooks. */
export function harness(): Harness {
  if (!current) throw new Error('browser harness: not started (is test/browser/harness.ts in the mocha config?)');
  return current;
}

/** A page that records its console errors and page errors in `problems`. */
export async function openPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await harness().context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return { page, problems };
}

/** Writes a screenshot to {@link ARTIFACTS}/<name>.png. */
export async function saveArtifact(name: string, png: Buffer): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(join(ARTIFACTS, `${name}.png`), png);
}

async function buildSite(dir: string): Promise<string[]> {
  const scenes = await buildExamples({ outDir: dir });
  const fixtures = join(ROOT, 'test', 'browser', 'fixtures');
  await bundlePages(Object.fromEntries(FIXTURES.map((f) => [join('fixtures', f), join(fixtures, f, 'main.ts')])), dir);
  await Promise.all(FIXTURES.map((f) => cp(join(fixtures, f, 'index.html'), join(dir, 'fixtures', f, 'index.html'))));
  return scenes;
}

/** Mocha root hooks. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    if (!hasChromium()) {
      const message = `Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium package (apt-get install -y chromium)`;
      if (process.env.CI === 'true') throw new Error(`browser tests: ${message}`);
      console.warn(`browser tests skipped: ${message}`);
      this.skip();
    }
    site = await mkdtemp(join(tmpdir(), 'collab-site-'));
    const launching = launchChromium();
    const scenes = await buildSite(site).catch(async (err: unknown) => {
      await launching.then((browser) => browser.close(), () => undefined);
      throw err;
    });
    chromium = await launching;
    server = await startServer({ port: 0, root: site });
    current = { context: chromium.context, url: server.url, scenes };
  },
  async afterAll(): Promise<void> {
    current = undefined;
    await chromium?.close();
    await server?.close();
    if (site) await rm(site, { recursive: true, force: true });
  },
};
