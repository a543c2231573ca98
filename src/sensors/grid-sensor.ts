import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { ObservationSpec } from '../collaborator/observation-spec.js';
import { requireInteger, requireNumber, requireType } from '../collaborator/options.js';
import { tagIndexOf } from './node-tags.js';
import type { Sensor } from './sensor.js';
import { checkWriteRange } from './write-range.js';
import { checkAttach } from '../collaborator/attachment.js';

/** Options of {@link GridSensor}. Every option is validated by the constructor. */
export interface GridSensorOptions {
  /** Names the sensor; unique among a behaviour's sensors. @default 'grid' */
  name?: string;
  /**
   * Detectable tags (required), each a non-empty unique string; one channel per tag, in this order. Matching as in
   * {@link RaySensor}: Babylon tags (queries allowed), `metadata.tag` or `metadata.tags`, on the mesh or its nearest
   * tagged ancestor; the first tag in this list that matches wins.
   */
  tags: readonly string[];
  /**
   * Cells along the agent's local X (right) and Z (forward) axes: one odd integer >= 1 for both or `[countX, countZ]`,
   * so that the agent is in the centre cell. @default 9
   */
  gridSize?: number | readonly [number, number];
  /** Cell width along X and depth along Z in world units: one number > 0 for both, or `[x, z]`. @default 1 */
  cellSize?: number | readonly [number, number];
  /** Vertical extent of the cells in world units, centred on the agent's origin (ML-Agents' 2 x cellScale.y). @default 1 */
  cellHeight?: number;
  /** The grid turns with the agent (its full world rotation); otherwise it stays aligned with the world axes. @default true */
  rotateWithAgent?: boolean;
  /** Which meshes count (the agent and its descendants never do). @default enabled meshes */
  predicate?: (mesh: AbstractMesh) => boolean;
}

const OWNER = 'GridSensor';

function pair(option: string, value: unknown, check: (option: string, v: unknown) => number): [number, number] {
  if (Array.isArray(value)) {
    if (value.length !== 2) throw new RangeError(`${OWNER}: option '${option}' must be a number or a pair [x, z], got ${value.length} values`);
    return [check(`${option}[0]`, value[0]), check(`${option}[1]`, value[1])];
  }
  const v = check(option, value);
  return [v, v];
}

function oddCount(option: string, v: unknown): number {
  const n = requireInteger(OWNER, option, v, 1, 1025);
  if (n % 2 === 0) throw new RangeError(`${OWNER}: option '${option}' must be odd (the agent sits in the centre cell), got ${n}`);
  return n;
}

/**
 * Perceives tagged meshes on a grid of cells around the agent, with ML-Agents' one-hot GridSensor layout
 * (`OneHotGridSensor`, `GridSensorBase`, `BoxOverlapChecker`), without physics.
 *
 * Cells: `countX x countZ` boxes of `cellSize[0] x cellHeight x cellSize[1]`, centred on the agent's world origin,
 * in the agent's frame (rotation only: the agent's scale does not count) or the world's. Cell `(i, j)`, with
 * `0 <= i < countX` along X (right) and `0 <= j < countZ` along Z (forward), has its centre at
 * `((i - (countX - 1) / 2) * cellSize[0], 0, (j - (countZ - 1) / 2) * cellSize[1])`.
 *
 * A mesh occupies a cell when its bounding box (`getBoundingInfo()`, world space, taken through its 8 corners and
 * made axis-aligned in the grid's frame) overlaps the cell's box with a non-zero volume. In each cell the tag is
 * that of the occupying tagged mesh whose bounds come closest to the agent's origin at the point of the bounds
 * nearest the cell's centre (ML-Agents' `ProcessClosestColliders`); untagged meshes are ignored.
 *
 * Observation: `visual(tags.length, countX, countZ)`, modality `'grid'`, stored NCHW (channel-major):
 * `out[c * countX * countZ + h * countZ + w]` is 1 when cell `(i = countX - 1 - h, j = w)` holds tag `c`, else 0.
 * This is ML-Agents' `Write()` order (`writer[h, w, c]`, rows from the last X index down, columns along Z)
 * transposed from HWC to CHW: a model trained with ML-Agents' grid sensor reads it after that transpose, which
 * ML-Agents' exported ONNX visual inputs (NCHW) already expect.
 *
 * Meshes are read at their current world matrices and bounding boxes (as after a render, or after
 * `computeWorldMatrix(true)` in headless code); the agent's own is recomputed on each {@link update}.
 * Cost per update: O(meshes + cells they cover), not O(meshes x cells).
 */
export class GridSensor implements Sensor {
  /** The sensor's name. */
  readonly name: string;
  /** `visual(tags.length, countX, countZ)`, modality `'grid'`. */
  readonly spec: ObservationSpec;
  /** The detectable tags, in channel order. */
  readonly tags: readonly string[];
  /** `[countX, countZ]`. */
  readonly gridSize: readonly [number, number];
  /** `[x, z]` in world units. */
  readonly cellSize: readonly [number, number];

  private readonly cellHeight: number;
  private readonly rotateWithAgent: boolean;
  private readonly eligible: (mesh: AbstractMesh) => boolean;
  private readonly observation: Float32Array;
  private readonly nearest: Float64Array;
  private readonly tagOf: Int16Array;
  /** Agent-to-grid rotation, row-major 3x3, and the agent's world origin. */
  private readonly frame = new Float64Array(12);
  private agent: TransformNode | null = null;
  private disposed = false;

  /** Validates `options` at once: RangeError or TypeError naming the option and the value got. */
  constructor(options: GridSensorOptions) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.name = requireType<string>(OWNER, 'name', options.name ?? 'grid', (v) => typeof v === 'string' && v !== '', 'a non-empty string');
    const tags = requireType<readonly string[]>(OWNER, 'tags', options.tags, (v) => Array.isArray(v) && v.length > 0, 'a non-empty array of strings');
    tags.forEach((t, i) => requireType(OWNER, `tags[${i}]`, t, (v) => typeof v === 'string' && v !== '' && tags.indexOf(v) === i, 'a non-empty string not listed before'));
    this.tags = Object.freeze([...tags]);
    this.gridSize = Object.freeze(pair('gridSize', options.gridSize ?? 9, oddCount));
    this.cellSize = Object.freeze(pair('cellSize', options.cellSize ?? 1, (o, v) => requireNumber(OWNER, o, v, 0, Infinity, true)));
    this.cellHeight = requireNumber(OWNER, 'cellHeight', options.cellHeight ?? 1, 0, Infinity, true);
    this.rotateWithAgent = requireType<boolean>(OWNER, 'rotateWithAgent', options.rotateWithAgent ?? true, (v) => typeof v === 'boolean', 'a boolean');
    this.eligible = requireType(OWNER, 'predicate', options.predicate ?? ((m: AbstractMesh) => m.isEnabled()), (v) => typeof v === 'function', 'a function (mesh) => boolean');
    const [countX, countZ] = this.gridSize;
    this.spec = ObservationSpec.visual(this.tags.length, countX, countZ, 'grid');
    this.observation = new Float32Array(this.spec.size);
    this.nearest = new Float64Array(countX * countZ);
    this.tagOf = new Int16Array(countX * countZ);
  }

  /** Perceives around `agent` from now on. Throws an `InvalidStateError` DOMException if attached to another node or disposed. */
  attach(agent: TransformNode): void {
    checkAttach(`${OWNER} '${this.name}'`, 'sensor', this.agent, agent, this.disposed);
    this.agent = agent;
  }

  /** Stops perceiving for the current agent. */
  detach(): void {
    this.agent = null;
  }

  /** Fills the grid from the scene's meshes now. Throws an `InvalidStateError` DOMException unless attached. */
  update(): void {
    const agent = this.agent;
    if (!agent) throw new DOMException(`${OWNER} '${this.name}': update() needs an attached agent`, 'InvalidStateError');
    this.computeFrame(agent);
    this.nearest.fill(Infinity);
    this.tagOf.fill(-1);
    const meshes = agent.getScene().meshes;
    for (let m = 0; m < meshes.length; m++) {
      const mesh = meshes[m];
      if (mesh === agent || !this.eligible(mesh) || mesh.isDescendantOf(agent)) continue;
      const tag = tagIndexOf(mesh, this.tags);
      if (tag >= 0) this.place(mesh, tag);
    }
    const countX = this.gridSize[0], countZ = this.gridSize[1];
    const plane = countX * countZ;
    this.observation.fill(0);
    for (let i = 0; i < countX; i++) {
      for (let j = 0; j < countZ; j++) {
        const tag = this.tagOf[i * countZ + j];
        if (tag >= 0) this.observation[tag * plane + (countX - 1 - i) * countZ + j] = 1;
      }
    }
  }

  /** Writes the last {@link update}'s grid (empty before the first one); returns `spec.size`. */
  write(out: Float32Array, offset: number): number {
    checkWriteRange(OWNER, this.name, this.observation.length, out, offset);
    out.set(this.observation, offset);
    return this.observation.length;
  }

  /** Empties the grid until the next {@link update}. */
  reset(): void {
    this.observation.fill(0);
  }

  /** Detaches; the sensor cannot be attached again. Calling it twice is harmless. */
  dispose(): void {
    this.detach();
    this.disposed = true;
  }

  /** Stores the world-to-grid rotation (rows) and the agent's origin in {@link frame}. */
  private computeFrame(agent: TransformNode): void {
    const f = this.frame;
    const world = agent.computeWorldMatrix(true).m;
    f[9] = world[12];
    f[10] = world[13];
    f[11] = world[14];
    if (!this.rotateWithAgent) {
      f.fill(0, 0, 9);
      f[0] = f[4] = f[8] = 1;
      return;
    }
    const q = agent.absoluteRotationQuaternion;
    const x = q.x, y = q.y, z = q.z, w = q.w;
    // Rows of the inverse (transposed) rotation matrix of q: the agent's right, up and forward axes in world space.
    f[0] = 1 - 2 * (y * y + z * z); f[1] = 2 * (x * y + z * w); f[2] = 2 * (x * z - y * w);
    f[3] = 2 * (x * y - z * w); f[4] = 1 - 2 * (x * x + z * z); f[5] = 2 * (y * z + x * w);
    f[6] = 2 * (x * z + y * w); f[7] = 2 * (y * z - x * w); f[8] = 1 - 2 * (x * x + y * y);
  }

  /** Marks the cells that `mesh`'s bounds overlap with `tag` where it is the nearest so far. */
  private place(mesh: AbstractMesh, tag: number): void {
    const f = this.frame;
    const corners = mesh.getBoundingInfo().boundingBox.vectorsWorld;
    let minX = Infinity, minY = Infinity, minZ = Infinity, maxX = -Infinity, maxY = -Infinity, maxZ = -Infinity;
    for (let k = 0; k < corners.length; k++) {
      const c = corners[k];
      const dx = c.x - f[9], dy = c.y - f[10], dz = c.z - f[11];
      const x = f[0] * dx + f[1] * dy + f[2] * dz;
      const y = f[3] * dx + f[4] * dy + f[5] * dz;
      const z = f[6] * dx + f[7] * dy + f[8] * dz;
      if (x < minX) minX = x; if (x > maxX) maxX = x;
      if (y < minY) minY = y; if (y > maxY) maxY = y;
      if (z < minZ) minZ = z; if (z > maxZ) maxZ = z;
    }
    const halfHeight = this.cellHeight / 2;
    if (!(maxY > -halfHeight && minY < halfHeight)) return;
    const countX = this.gridSize[0], countZ = this.gridSize[1];
    const sx = this.cellSize[0], sz = this.cellSize[1];
    const i0 = Math.max(0, Math.floor(minX / sx + countX / 2));
    const i1 = Math.min(countX - 1, Math.ceil(maxX / sx + countX / 2) - 1);
    const j0 = Math.max(0, Math.floor(minZ / sz + countZ / 2));
    const j1 = Math.min(countZ - 1, Math.ceil(maxZ / sz + countZ / 2) - 1);
    const py = Math.min(Math.max(0, minY), maxY);
    for (let i = i0; i <= i1; i++) {
      const px = Math.min(Math.max((i - (countX - 1) / 2) * sx, minX), maxX);
      for (let j = j0; j <= j1; j++) {
        const pz = Math.min(Math.max((j - (countZ - 1) / 2) * sz, minZ), maxZ);
        const d = px * px + py * py + pz * pz;
        const cell = i * countZ + j;
        if (d < this.nearest[cell]) {
          this.nearest[cell] = d;
          this.tagOf[cell] = tag;
        }
      }
    }
  }
}
