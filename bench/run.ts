/**
 * `npm run bench [-- --only <id prefix>] [--out FILE]`: runs every workload of bench/workloads/,
 * prints a markdown table and optionally writes the JSON documented in the README.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { BenchResult, BenchWorkload } from './harness.js';

/** The committed results behind the README's table; `--readme` merges a run into it by id. */
const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');
const README_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const TABLE_START = '<!-- bench-table -->';
const TABLE_END = '<!-- /bench-table -->';

interface BenchReport {
  machine: string;
  results: BenchResult[];
}

function parseArgs(argv: string[]): { only: string[]; out?: string; readme: boolean } {
  const only: string[] = [];
  let out: string | undefined;
  let readme = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only') only.push(argv[++i] ?? '');
    else if (arg === '--out') out = argv[++i];
    else if (arg === '--readme') readme = true;
    else throw new RangeError(`bench: unknown argument '${arg}' (use --only <id prefix>, --out FILE and --readme)`);
  }
  if (only.some((o) => !o)) throw new RangeError('bench: --only needs an id prefix');
  if (out === '') throw new RangeError('bench: --out needs a file name');
  return { only, out, readme };
}

/** Merges `report` into bench/results.json by id and regenerates the README's table from it. */
async function updateReadme(report: BenchReport): Promise<void> {
  let saved: BenchReport = { machine: report.machine, results: [] };
  try {
    saved = JSON.parse(await readFile(RESULTS_FILE, 'utf8')) as BenchReport;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const byId = new Map(saved.results.map((r) => [r.id, r]));
  for (const result of report.results) byId.set(result.id, result);
  const merged: BenchReport = { machine: report.machine, results: [...byId.values()].sort((a, b) => a.id.localeCompare(b.id)) };
  await writeFile(RESULTS_FILE, JSON.stringify(merged, null, 2) + '\n');
  const readme = await readFile(README_FILE, 'utf8');
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`bench: README.md has no ${TABLE_START} ... ${TABLE_END} section`);
  const table = `${TABLE_START}\nMeasured on ${merged.machine}.\n\n${markdownTable(merged.results)}\n`;
  await writeFile(README_FILE, readme.slice(0, start) + table + readme.slice(end));
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

/**
 * Whether `--only <prefix>` runs `workload`: when its id starts with the prefix, or when the prefix reaches into
 * its results (`policy-mlp/b1` runs the `policy-mlp` workloads, whose results are then kept by prefix), unless
 * the prefix is itself some workload's exact id: then it names just the workloads of that id, so
 * `--only blazeface128/webgpu-chromium` does not also run the `blazeface128` workloads of the other back ends.
 */
export function selects(prefix: string, workload: BenchWorkload, all: readonly BenchWorkload[]): boolean {
  if (workload.id.startsWith(prefix)) return true;
  return prefix.startsWith(`${workload.id}/`) && !all.some((w) => w.id === prefix);
}

async function main(): Promise<void> {
  const { only, out, readme } = parseArgs(process.argv.slice(2));
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'workloads');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort();
  const workloads: BenchWorkload[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { workloads?: BenchWorkload[] };
    workloads.push(...(mod.workloads ?? []));
  }
  const selected = only.length === 0 ? workloads : workloads.filter((w) => only.some((o) => selects(o, w, workloads)));
  if (selected.length === 0) throw new RangeError(`bench: no workload matches --only ${only.join(', ')}`);
  const results: BenchResult[] = [];
  for (const workload of selected) {
    process.stderr.write(`bench: ${workload.id} ...\n`);
    for (const result of await workload.run()) {
      if (only.length === 0 || only.some((o) => result.id.startsWith(o) || workload.id.startsWith(o))) results.push(result);
    }
  }
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} x${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  if (out) await writeFile(out, JSON.stringify({ machine, results }, null, 2) + '\n');
  if (readme) await updateReadme({ machine, results });
  process.stdout.write(markdownTable(results) + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
