/**
 * `npm run demo [-- --frames N --agents N]`: the follow scene headless on Babylon's NullEngine.
 * Prints one JSON line per decision (frame, agent, observation summary, actions) and a final summary line.
 */
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { FreeCamera } from '@babylonjs/core/Cameras/freeCamera.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { Logger } from '@babylonjs/core/Misc/logger.js';
import { createFollowScene } from '../examples/follow/follow-scene.js';

function parseArgs(argv: string[]): { frames: number; agents: number } {
  const options = { frames: 300, agents: 6 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    const value = Number(argv[i + 1]);
    if (!(key in options)) throw new RangeError(`demo: unknown option '${argv[i]}' (use --frames N and --agents N)`);
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`demo: option '--${key}' must be an integer >= 1, got '${argv[i + 1]}'`);
    options[key as keyof typeof options] = value;
  }
  return options;
}

/** Rays hitting something (the flag after each ray's one-hot is 1 on a miss). */
function raysHitting(rays: Float32Array, block: number): number {
  let hits = 0;
  for (let i = block - 2; i < rays.length; i += block) hits += rays[i] === 0 ? 1 : 0;
  return hits;
}

async function main(): Promise<void> {
  const { frames, agents } = parseArgs(process.argv.slice(2));
  Logger.LogLevels = Logger.WarningLogLevel | Logger.ErrorLogLevel;
  const engine = new NullEngine();
  const scene = new Scene(engine);
  scene.useConstantAnimationDeltaTime = true;
  new FreeCamera('camera', new Vector3(0, 20, -20), scene);
  const follow = createFollowScene(scene, { agents });
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const perAgent = new Map<string, number>();
  const errors: string[] = [];
  for (const guide of follow.guides) {
    perAgent.set(guide.name, 0);
    guide.onDecisionErrorObservable.add((e) => errors.push(`${guide.name}: ${e.message}`));
    guide.onDecisionObservable.add(({ frame, actions }) => {
      perAgent.set(guide.name, perAgent.get(guide.name)! + 1);
      const node = guide.attachedNode!;
      const rays = guide.lastObservation!.subarray(0, guide.layout[1].offset);
      process.stdout.write(JSON.stringify({
        frame,
        agent: guide.name,
        observation: {
          position: [round(node.position.x), round(node.position.z)],
          visitorDistance: round(Vector3.Distance(node.position, follow.visitor.position)),
          raysHitting: raysHitting(rays, guide.layout[0].spec.size / 9),
        },
        actions: Array.from(actions.continuous, round),
      }) + '\n');
    });
  }
  for (let frame = 0; frame < frames; frame++) {
    scene.render();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const distances = follow.guides.map((g) => Vector3.Distance(g.attachedNode!.position, follow.visitor.position));
  const counts = [...perAgent.values()];
  process.stdout.write(JSON.stringify({
    summary: true,
    frames,
    agents,
    decisions: follow.decisions,
    decisionsPerAgent: { min: Math.min(...counts), max: Math.max(...counts) },
    meanVisitorDistance: round(distances.reduce((a, b) => a + b, 0) / distances.length),
    errors,
  }) + '\n');
  follow.dispose();
  scene.dispose();
  engine.dispose();
  if (errors.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
