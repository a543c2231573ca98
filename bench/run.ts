/**
 * `npm run bench [-- --only <id prefix>] [--out FILE]`: runs every workload of bench/workloads/,
 * prints a markdown table and optionally writes the JSON documented in the README.
 */
import { readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { BenchResult, BenchWorkload } from './harness.js';

function parseArgs(argv: string[]): { only: string[]; out?: string } {
  const only: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only') only.push(argv[++i] ?? '');
    else if (arg === '--out') out = argv[++i];
    else throw new RangeError(`bench: unknown argument '${arg}' (use --only <id prefix> and --out FILE)`);
  }
  if (only.some((o) => !o)) throw new RangeError('bench: --only needs an id prefix');
  if (out === '') throw new RangeError('bench: --out needs a file name');
  return { only, out };
}

function format(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toPrecision(3);
}

/** The README's table: one row per result and peer. */
export function markdownTable(results: readonly BenchResult[]): string {
  const rows = ['| workload | unit | ours | peer | peer value | ours / peer | notes |', '|---|---|---|---|---|---|---|'];
  for (const r of results) {
    const peers = Object.entries(r.peers);
    if (peers.length === 0) rows.push(`| ${r.id} | ${r.unit} | ${format(r.ours)} | | | | ${r.notes} |`);
    for (const [name, value] of peers) {
      rows.push(`| ${r.id} | ${r.unit} | ${format(r.ours)} | ${name} | ${format(value)} | ${format(r.ours / value)} | ${r.notes} |`);
    }
  }
  return rows.join('\n');
}

async function main(): Promise<void> {
  const { only, out } = parseArgs(process.argv.slice(2));
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'workloads');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort();
  const workloads: BenchWorkload[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { workloads?: BenchWorkload[] };
    workloads.push(...(mod.workloads ?? []));
  }
  const selected = workloads.filter((w) => only.length === 0 || only.some((o) => w.id.startsWith(o) || o.startsWith(w.id)));
  if (selected.length === 0) throw new RangeError(`bench: no workload matches --only ${only.join(', ')}`);
  const results: BenchResult[] = [];
  for (const workload of selected) {
    process.stderr.write(`bench: ${workload.id} ...\n`);
    for (const result of await workload.run()) {
      if (only.length === 0 || only.some((o) => result.id.startsWith(o) || o.startsWith(workload.id))) results.push(result);
    }
  }
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} x${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  if (out) await writeFile(out, JSON.stringify({ machine, results }, null, 2) + '\n');
  process.stdout.write(markdownTable(results) + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
