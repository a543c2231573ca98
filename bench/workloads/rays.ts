/**
 * `sensors/ray-1000x9`: 1,000 RaySensors of 9 rays (140°, 20 m) on TransformNodes among 500 boxes and cylinders
 * of a NullEngine scene (triangle picking: StandardMaterial registered): one update of every sensor, ours (a grid
 * broadphase shared by the scene's sensors) against the same 9,000 rays cast with `scene.pickWithRay` and the same
 * predicate, after checking that both give the same hit distances. Goal: ours <= 0.33x.
 */
import '@babylonjs/core/Materials/standardMaterial.js';
import '@babylonjs/core/Culling/ray.js';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { Ray } from '@babylonjs/core/Culling/ray.pure.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { CreateCylinder } from '@babylonjs/core/Meshes/Builders/cylinderBuilder.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import { Logger } from '@babylonjs/core/Misc/logger.js';
import { RaySensor } from '../../src/sensors/ray-sensor.js';
import { measureAlternating, type BenchWorkload } from '../harness.js';

const AGENTS = 1000;
const RAYS = 9;
const MESHES = 500;
const LENGTH = 20;
const SIZE = 200;

/** A deterministic generator in [0, 1). */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const eligible = (mesh: AbstractMesh): boolean => mesh.isEnabled() && mesh.isVisible && mesh.isPickable;

/** The sensors' rays, cast one by one with `scene.pickWithRay`; writes hit fractions into `out` (-1: miss). */
function naive(scene: Scene, agents: readonly TransformNode[], out: Float64Array): void {
  const ray = new Ray(Vector3.Zero(), Vector3.Forward(), LENGTH);
  const end = new Vector3();
  for (let a = 0; a < agents.length; a++) {
    const agent = agents[a];
    const world = agent.computeWorldMatrix(true);
    const predicate = (mesh: AbstractMesh): boolean => mesh !== agent && !mesh.isDescendantOf(agent) && eligible(mesh);
    for (let r = 0; r < RAYS; r++) {
      const rad = ((90 + (r - (RAYS - 1) / 2) * (140 / (RAYS - 1))) * Math.PI) / 180;
      Vector3.TransformCoordinatesFromFloatsToRef(0, 0, 0, world, ray.origin);
      Vector3.TransformCoordinatesFromFloatsToRef(LENGTH * Math.cos(rad), 0, LENGTH * Math.sin(rad), world, end);
      end.subtractToRef(ray.origin, ray.direction);
      ray.length = ray.direction.length();
      ray.direction.scaleInPlace(1 / ray.length);
      const pick = scene.pickWithRay(ray, predicate, false);
      out[a * RAYS + r] = pick?.hit ? Math.min(1, pick.distance / ray.length) : -1;
    }
  }
}

export const workloads: BenchWorkload[] = [
  {
    id: 'sensors/ray-1000x9',
    async run() {
      Logger.LogLevels = Logger.WarningLogLevel | Logger.ErrorLogLevel;
      const engine = new NullEngine();
      const scene = new Scene(engine);
      const rand = random(7);
      for (let i = 0; i < MESHES; i++) {
        const mesh = i % 2 ? CreateBox(`box${i}`, { size: 1 + rand() * 3 }, scene) : CreateCylinder(`cyl${i}`, { height: 3, diameter: 1 + rand() * 2 }, scene);
        mesh.position.set((rand() - 0.5) * SIZE, 0, (rand() - 0.5) * SIZE);
        mesh.rotation.y = rand() * Math.PI;
        mesh.computeWorldMatrix(true);
      }
      const agents: TransformNode[] = [];
      const sensors: RaySensor[] = [];
      for (let i = 0; i < AGENTS; i++) {
        const agent = new TransformNode(`agent${i}`, scene);
        agent.position.set((rand() - 0.5) * SIZE, 0, (rand() - 0.5) * SIZE);
        agent.rotation.y = rand() * 2 * Math.PI;
        const sensor = new RaySensor({ rayCount: RAYS, angle: 140, length: LENGTH, predicate: eligible });
        sensor.attach(agent);
        agents.push(agent);
        sensors.push(sensor);
      }
      const ours = (): void => {
        for (const sensor of sensors) sensor.update();
      };
      const expected = new Float64Array(AGENTS * RAYS);
      naive(scene, agents, expected);
      ours();
      const obs = new Float32Array(RAYS * 2);
      let hits = 0;
      sensors.forEach((sensor, a) => {
        sensor.write(obs, 0);
        for (let r = 0; r < RAYS; r++) {
          const want = expected[a * RAYS + r];
          const got = obs[r * 2] === 1 ? -1 : obs[r * 2 + 1];
          if (want >= 0) hits++;
          if (got !== Math.fround(want) && !(want < 0 && got < 0)) throw new Error(`sensors/ray: agent ${a} ray ${r}: ours ${got}, pickWithRay ${want}`);
        }
      });
      const out = new Float64Array(AGENTS * RAYS);
      const runs = 10;
      const times = await measureAlternating({ ours, 'naive-pickWithRay': () => naive(scene, agents, out) }, { runs, warmup: 2 });
      scene.dispose();
      engine.dispose();
      return [{
        id: 'sensors/ray-1000x9',
        unit: 'ms',
        ours: times.ours,
        peers: { 'naive-pickWithRay': times['naive-pickWithRay'] },
        runs,
        notes: `update() of ${AGENTS} RaySensors x ${RAYS} rays among ${MESHES} meshes (${hits} hits, same distances as pickWithRay); goal <= 0.33x naive`,
      }];
    },
  },
];
