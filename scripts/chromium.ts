/**
 * Launches Debian's Chromium through playwright-core with the flags that make WebGL2 and WebGPU work on
 * SwiftShader (see DESIGN.md), headless, with a fresh profile in a temporary folder.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where Debian's `chromium` package installs the browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags for WebGL2 and WebGPU on SwiftShader, verified on this project's machines. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu', '--enable-features=Vulkan',
  '--use-vulkan=swiftshader', '--use-angle=swiftshader', '--use-webgpu-adapter=swiftshader',
  '--enable-unsafe-swiftshader', '--headless=new',
];

/** A launched browser; `close()` also removes its profile folder. */
export interface LaunchedChromium {
  /** The browser's (only) context: open pages with `context.newPage()`. */
  readonly context: BrowserContext;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** True when the Chromium executable exists. */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Launches headless Chromium with {@link CHROMIUM_ARGS} and a fresh profile (`--user-data-dir`) in a temporary folder. */
export async function launchChromium(): Promise<LaunchedChromium> {
  const profile = await mkdtemp(join(tmpdir(), 'collab-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: { width: 960, height: 540 },
    });
    return {
      context,
      close: async () => {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(profile, { recursive: true, force: true });
    throw err;
  }
}
