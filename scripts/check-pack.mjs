// Checks that `npm pack` ships the bundles and their types, the README and the licence, and nothing else.
import { execFileSync } from 'node:child_process';

const [report] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8' }));
const files = report.files.map((f) => f.path);
const allowed = /^(package\.json|README\.md|LICENSE|dist\/[\w./-]+\.(js|js\.map|d\.ts))$/;
const unexpected = files.filter((f) => !allowed.test(f) || f.startsWith('dist/types/'));
const required = ['dist/index.js', 'dist/index.d.ts', 'dist/gui.js', 'dist/gui.d.ts', 'dist/onnxruntime.js', 'dist/onnxruntime.d.ts'];
const missing = required.filter((f) => !files.includes(f));
if (unexpected.length || missing.length) {
  if (unexpected.length) console.error(`check-pack: unexpected files in the package: ${unexpected.join(', ')}`);
  if (missing.length) console.error(`check-pack: missing from the package: ${missing.join(', ')}`);
  process.exit(1);
}
console.log(`check-pack: ${files.length} files, ${(report.size / 1024).toFixed(1)} kB packed: ${files.join(', ')}`);
