/**
 * `sensors/grid-200`: a GridSensor (21 x 21 cells of 1 m, 2 tags, turning with the agent) among 200 tagged boxes
 * on a NullEngine scene: one update, ours (each mesh placed on the cells its bounds cover: O(meshes + covered cells))
 * against a naive all-pairs version that tests every mesh against every cell, producing the same grid.
 */
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import { Logger } from '@babylonjs/core/Misc/logger.js';
import { GridSensor } from '../../src/sensors/grid-sensor.js';
import { tagIndexOf } from '../../src/sensors/node-tags.js';
import { measureAlternating, type BenchWorkload } from '../harness.js';

const ENTITIES = 200;
const CELLS = 21;
const TAGS = ['person', 'exhibit'];

/**
 * Every cell against every mesh, in the agent's frame: the straightforward implementation of the same contract
 * (tag lookup and bounding-box transform per cell and mesh pair), written without allocation in the loops.
 */
function naiveGrid(agent: TransformNode, meshes: readonly AbstractMesh[], out: Float32Array): void {
  const origin = agent.computeWorldMatrix(true).getTranslation();
  Quaternion.InverseToRef(agent.absoluteRotationQuaternion, inverse);
  nearest.fill(Infinity);
  out.fill(0);
  for (let i = 0; i < CELLS; i++) {
    for (let j = 0; j < CELLS; j++) {
      const cx = i - (CELLS - 1) / 2;
      const cz = j - (CELLS - 1) / 2;
      for (const mesh of meshes) {
        const tag = tagIndexOf(mesh, TAGS);
        if (tag < 0) continue;
        min.setAll(Infinity);
        max.setAll(-Infinity);
        for (const c of mesh.getBoundingInfo().boundingBox.vectorsWorld) {
          c.subtractToRef(origin, local).rotateByQuaternionToRef(inverse, local);
          min.minimizeInPlace(local);
          max.maximizeInPlace(local);
        }
        if (!(max.y > -0.5 && min.y < 0.5 && max.x > cx - 0.5 && min.x < cx + 0.5 && max.z > cz - 0.5 && min.z < cz + 0.5)) continue;
        local.set(Math.min(Math.max(cx, min.x), max.x), Math.min(Math.max(0, min.y), max.y), Math.min(Math.max(cz, min.z), max.z));
        const d = local.lengthSquared();
        if (d < nearest[i * CELLS + j]) {
          nearest[i * CELLS + j] = d;
          for (let c = 0; c < TAGS.length; c++) out[c * CELLS * CELLS + (CELLS - 1 - i) * CELLS + j] = c === tag ? 1 : 0;
        }
      }
    }
  }
}
const inverse = new Quaternion();
const nearest = new Float64Array(CELLS * CELLS);
const min = new Vector3();
const max = new Vector3();
const local = new Vector3();

export const workloads: BenchWorkload[] = [{
  id: 'sensors/grid-200',
  async run() {
    Logger.LogLevels = Logger.ErrorLogLevel;
    const engine = new NullEngine();
    const scene = new Scene(engine);
    const agent = new TransformNode('agent', scene);
    agent.rotation.y = 0.3;
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < ENTITIES; i++) {
      const box = CreateBox(`e${i}`, { size: 0.3 + random() }, scene);
      box.position.set(random() * 30 - 15, 0, random() * 30 - 15);
      box.metadata = { tag: TAGS[i % 2] };
      box.computeWorldMatrix(true);
    }
    const sensor = new GridSensor({ tags: TAGS, gridSize: CELLS, cellSize: 1 });
    sensor.attach(agent);
    const ours = new Float32Array(sensor.spec.size);
    const naive = new Float32Array(sensor.spec.size);
    sensor.update();
    sensor.write(ours, 0);
    naiveGrid(agent, scene.meshes, naive);
    const differing = ours.reduce((n, v, k) => n + (v !== naive[k] ? 1 : 0), 0);
    if (differing > 0) throw new Error(`sensors/grid-200: the naive grid differs from ours in ${differing} values`);
    const runs = 30;
    const medians = await measureAlternating({
      ours: () => { sensor.update(); sensor.write(ours, 0); },
      naive: () => naiveGrid(agent, scene.meshes, naive),
    }, { runs, warmup: 5 });
    engine.dispose();
    return [{
      id: 'sensors/grid-200',
      unit: 'ms/update',
      ours: medians.ours,
      peers: { 'naive-all-pairs': medians.naive },
      runs,
      notes: `median of ${runs} after 5 warm-ups; ${ENTITIES} tagged boxes, ${CELLS}x${CELLS} cells, 2 tags, rotated agent; same grid checked`,
    }];
  },
}];
