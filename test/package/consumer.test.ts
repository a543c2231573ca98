import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, root } from './built-package.js';

/** The first ```ts block after the README's "## Quick start" heading. */
function readmeQuickStart(): string {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('README.md: no ```ts block under "## Quick start"');
  return match[1];
}

/** A headless game that uses the quick start: it must compile under strict and the guide must reach the visitor. */
const GAME = `
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { FreeCamera } from '@babylonjs/core/Cameras/freeCamera.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { Logger } from '@babylonjs/core/Misc/logger.js';
import { addGuide } from './quickstart.js';

Logger.LogLevels = Logger.ErrorLogLevel;
const engine = new NullEngine();
const scene = new Scene(engine);
scene.useConstantAnimationDeltaTime = true;
new FreeCamera('camera', new Vector3(0, 5, -10), scene);
const visitor = new TransformNode('visitor', scene);
visitor.position.set(3, 0, 6);
const guide = addGuide(scene, visitor);
let decisions = 0;
guide.onDecisionObservable.add(() => decisions++);
const start = Vector3.Distance(guide.attachedNode!.position, visitor.position);
for (let i = 0; i < 300; i++) {
  scene.render();
  await new Promise((resolve) => setTimeout(resolve, 0));
}
const end = Vector3.Distance(guide.attachedNode!.position, visitor.position);
console.log(JSON.stringify({ decisions, start, end }));
engine.dispose();
`;

/**
 * Misuses the built types must reject. Babylon's own declarations need skipLibCheck (as in most games), which would
 * also hide a broken declaration of ours that degrades to \`any\`: each @ts-expect-error fails the compile if it does.
 */
const TYPE_CHECKS = `
import { ActionSpec, CollaboratorBehavior, FrameScheduler, HeuristicPolicy, ObservationSpec, RaySensor, Tensor,
  type ActionBuffers, type DecisionBatch, type Policy, type Sensor } from 'babylon-collaborator';
import { createOnnxRuntimeModel } from 'babylon-collaborator/onnxruntime';
import { SpeechBubble } from 'babylon-collaborator/gui';

const actions = ActionSpec.continuous(2);
const policy: Policy = new HeuristicPolicy(actions, (observation, out: ActionBuffers) => {
  const rays: Float32Array = observation.sensors.rays;
  out.continuous[0] = rays[0];
});
const sensor: Sensor = new RaySensor({ rayCount: 3 });
// @ts-expect-error decisionPeriod is a number
new CollaboratorBehavior({ sensors: [sensor], actions, policy, decisionPeriod: 'five' });
// @ts-expect-error sensors are required
new CollaboratorBehavior({ actions, policy });
// @ts-expect-error a policy decides asynchronously for a batch
const bad: Policy = { actionSpec: actions, decide: (batch: DecisionBatch) => [], dispose() {} };
// @ts-expect-error tensors hold known dtypes
new Tensor('float16', [1]);
// @ts-expect-error ObservationSpec.visual takes c, h, w
ObservationSpec.visual(3);
// @ts-expect-error the scheduler's priorities are named
new FrameScheduler().schedule(() => 1, { priority: 'urgent' });
const model: Promise<{ run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>> }> = createOnnxRuntimeModel(new Uint8Array(0));
// @ts-expect-error SpeechBubble needs a GUI texture
new SpeechBubble(42);
export { bad, model };
`;

describe('the built package', function () {
  this.timeout(180_000);
  let dir: string;

  before(() => {
    ensureBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'collab-consumer-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('installs from its tarball, and the README quick start compiles under strict and runs headless', () => {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }));
    const installed = path.join(dir, 'node_modules/babylon-collaborator');
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', path.join(dir, packed[0].filename), '-C', installed, '--strip-components=1']);
    // What `npm install` would put beside it: Babylon (the peer) and the package's own dependencies.
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const name of ['@babylonjs', ...Object.keys(manifest.dependencies ?? {})]) {
      symlinkSync(path.join(root, 'node_modules', name), path.join(dir, 'node_modules', name), 'dir');
    }
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'game', private: true, type: 'module' }));
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: [], outDir: 'out', skipLibCheck: true },
      include: ['*.ts'],
    }));
    writeFileSync(path.join(dir, 'quickstart.ts'), readmeQuickStart());
    writeFileSync(path.join(dir, 'game.ts'), GAME);
    writeFileSync(path.join(dir, 'types.ts'), TYPE_CHECKS);
    try {
      execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    } catch (error) {
      throw new Error(`the quick start does not compile against the built types:\n${(error as { stdout: string }).stdout}`);
    }
    const result = JSON.parse(execFileSync(process.execPath, [path.join(dir, 'out/game.js')], { encoding: 'utf8' }).trim());
    expect(result.decisions).to.equal(60);
    expect(result.end).to.be.lessThan(result.start / 4);
  });

  it('keeps @babylonjs/gui and onnxruntime-web out of the core entry', () => {
    const dist = path.join(root, 'dist');
    const core = [path.join(dist, 'index.js')];
    const chunks = path.join(dist, 'chunks');
    const chunkFiles = existsSync(chunks) ? readdirSync(chunks) : [];
    for (const file of chunkFiles) {
      if (readFileSync(path.join(dist, 'index.js'), 'utf8').includes(`chunks/${file}`)) core.push(path.join(chunks, file));
    }
    for (const file of core) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).to.not.match(/from\s*['"]@babylonjs\/gui|from\s*['"]onnxruntime-web|import\(['"]onnxruntime-web/);
    }
  });

  it('imports Babylon only through deep paths', () => {
    for (const file of ['index.js', 'gui.js', 'onnxruntime.js']) {
      const code = readFileSync(path.join(root, 'dist', file), 'utf8');
      expect(code, file).to.not.match(/from\s*['"]@babylonjs\/(core|gui|loaders)['"]/);
    }
  });
});
