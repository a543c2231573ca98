import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The repository root. */
export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/ with rollup unless it is newer than every source file. */
export function ensureBuilt(): void {
  const built = path.join(root, 'dist/index.js');
  const inputs = Math.max(newestMtime(path.join(root, 'src')), statSync(path.join(root, 'rollup.config.mjs')).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs > inputs) return;
  execFileSync(process.execPath, [path.join(root, 'node_modules/rollup/dist/bin/rollup'), '-c', '--silent'], { cwd: root, stdio: 'pipe' });
}
