/**
 * Takes a picture of each example scene for the index page: builds the examples into a temporary folder,
 * serves them, opens each scene in headless Chromium at 480x270, waits until `window.__collab.ready` and a
 * little longer (so the collaborators have moved), and writes assets/screenshots/<scene>.png.
 *
 *   tsx scripts/screenshot-examples.ts [--only <scene>] [--settle-ms 8000]
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExamples, ROOT } from './build-examples.js';
import { launchChromium } from './chromium.js';
import { startServer } from './serve.js';

const SIZE = { width: 480, height: 270 };

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const only = argValue('--only');
const settleMs = Number(argValue('--settle-ms') ?? 8000);
const site = await mkdtemp(join(tmpdir(), 'collab-screenshots-'));
const outDir = join(ROOT, 'assets', 'screenshots');
const scenes = (await buildExamples({ outDir: site, minify: true })).filter((s) => !only || s === only);
if (scenes.length === 0) throw new Error(`screenshot-examples: no scene named '${only}'`);
await mkdir(outDir, { recursive: true });
const server = await startServer({ port: 0, root: site });
const chromium = await launchChromium();
try {
  for (const scene of scenes) {
    const page = await chromium.context.newPage();
    await page.setViewportSize(SIZE);
    await page.goto(`${server.url}${scene}/`);
    await page.waitForFunction(() => window.__collab?.ready === true, undefined, { timeout: 60_000 });
    await page.waitForTimeout(settleMs);
    // The caption is for people on the page; the index card has its own title.
    await page.addStyleTag({ content: '.caption { display: none !important; }' });
    const file = join(outDir, `${scene}.png`);
    await page.screenshot({ path: file });
    const { errors } = await page.evaluate(() => window.__collab);
    if (errors.length) throw new Error(`screenshot-examples: ${scene} reported errors: ${errors.join('; ')}`);
    console.log(`wrote ${file}`);
    await page.close();
  }
} finally {
  await chromium.close();
  await server.close();
  await rm(site, { recursive: true, force: true });
}
