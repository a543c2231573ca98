import { Matrix, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { Ray, PickWithRay } from '@babylonjs/core/Culling/ray.pure.js';
import { Tags } from '@babylonjs/core/Misc/tags.js';
import type { PickingInfo } from '@babylonjs/core/Collisions/pickingInfo.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { Node } from '@babylonjs/core/node.js';
import { ObservationSpec } from '../collaborator/observation-spec.js';
import { SpecMismatchError } from '../collaborator/errors.js';
import { requireInteger, requireNumber, requireType } from '../collaborator/options.js';
import type { Sensor } from './sensor.js';
import { RayBroadphase } from './ray-broadphase.js';
import { checkAttach } from '../collaborator/attachment.js';

/** How the rays are ordered in the observation. */
export type RayOrder = 'sweep' | 'alternating';

/** Options of {@link RaySensor}. Every option is validated by the constructor. */
export interface RaySensorOptions {
  /** Names the sensor; unique among a behaviour's sensors. @default 'rays' */
  name?: string;
  /** Number of rays, an integer >= 1. `order: 'alternating'` needs an odd count. @default 7 */
  rayCount?: number;
  /**
   * Total horizontal spread in degrees, in [0, 360]; rays are evenly spaced over it, centred on the agent's
   * forward axis (ML-Agents' `maxRayDegrees` is half of it). Ignored for a single ray. @default 140
   */
  angle?: number;
  /** Length of each ray in the agent's local units (it scales with the agent's world scale, as in ML-Agents). @default 20 */
  length?: number;
  /**
   * Detectable tags, each a non-empty unique string. A mesh matches a tag when its Babylon tags match it as a query
   * ({@link Tags.MatchesQuery}, so `'enemy && !dead'` works), when `mesh.metadata.tag === tag`, or when the array
   * `mesh.metadata.tags` includes it. When several tags match, the first in this list wins. @default []
   */
  tags?: readonly string[];
  /**
   * Which meshes the rays can hit (the agent and its descendants are always ignored).
   * @default Babylon's picking rule: enabled, visible and pickable meshes
   */
  predicate?: (mesh: AbstractMesh) => boolean;
  /**
   * Ray order: `'sweep'` from the agent's right (+X) to its left; `'alternating'` is ML-Agents' historical order:
   * the centre ray, then alternately one more to the right and one more to the left (ML-Agents components still
   * default to it, `AlternatingRayOrder`: use it to feed models trained that way). @default 'sweep'
   */
  order?: RayOrder;
  /** Height of the rays' start above the agent's origin, in local units (ML-Agents' StartVerticalOffset). @default 0 */
  startVerticalOffset?: number;
  /** Height of the rays' end above the agent's origin, in local units (ML-Agents' EndVerticalOffset). @default 0 */
  endVerticalOffset?: number;
}

const OWNER = 'RaySensor';

/** Margin of the broadphase's box tests, in world units, so that rounding never drops a mesh Babylon would hit. */
const SLACK = 1e-6;

/** True when `node` carries `tag` as a Babylon tag query or in its metadata. */
function hasTag(node: Node, tag: string): boolean {
  if (Tags.MatchesQuery(node, tag)) return true;
  const meta = node.metadata as { tag?: unknown; tags?: unknown } | null | undefined;
  return meta != null && (meta.tag === tag || (Array.isArray(meta.tags) && meta.tags.includes(tag)));
}

/**
 * Casts rays around the agent and reports what each one hits, with ML-Agents' RayPerceptionSensor layout.
 *
 * Ray `i` leaves the agent at local `(0, startVerticalOffset, 0)` towards local
 * `(length·cos aᵢ, endVerticalOffset, length·sin aᵢ)`, transformed by the agent's world matrix, where the angle
 * `aᵢ` is in degrees and 90 is the agent's forward axis (local +Z); smaller angles turn to its right (+X), as in
 * ML-Agents. The rays therefore follow the agent's world position, rotation and scale.
 *
 * Observation: `rayCount` blocks of `tags.length + 2` floats, one block per ray in {@link RaySensorOptions.order}:
 * - `[0, tags.length)`: one-hot of the first detectable tag matched by the hit mesh or, failing that, by its nearest
 *   ancestor that matches any tag; all zeros on a miss or an untagged hit;
 * - `[tags.length]`: 1 when the ray hit nothing, 0 when it hit something (tagged or not);
 * - `[tags.length + 1]`: hit distance / ray length in [0, 1]; 1 on a miss.
 *
 * Picking follows Babylon's rules: it uses the meshes' current world matrices (as after a render, or
 * `computeWorldMatrix(true)` in headless code; the agent's own is recomputed on each {@link update}), and a mesh
 * without a material is hit by its bounding box at the distance of the box's centre unless a default material is
 * registered (import `@babylonjs/core/Materials/standardMaterial.js` once), in which case its triangles are hit.
 */
export class RaySensor implements Sensor {
  /** The sensor's name (see {@link RaySensorOptions.name}). */
  readonly name: string;
  /** `vector(rayCount * (tags.length + 2))`, modality `'ray'`. */
  readonly spec: ObservationSpec;
  /** The detectable tags, in one-hot order. */
  readonly tags: readonly string[];
  /** The angle of each ray in observation order, in degrees, ML-Agents' convention (90 = forward, < 90 = right). */
  readonly angles: readonly number[];
  /** The ray length in the agent's local units. */
  readonly length: number;

  private readonly observation: Float32Array;
  private readonly localEnds: Float64Array;
  private readonly startOffset: number;
  private readonly eligible: (mesh: AbstractMesh) => boolean;
  private readonly predicate = (mesh: AbstractMesh): boolean =>
    mesh !== this.agent && !(this.agent && mesh.isDescendantOf(this.agent)) && this.eligible(mesh);
  private readonly ray = new Ray(Vector3.Zero(), Vector3.Forward(), 1);
  private readonly start = new Vector3();
  private readonly end = new Vector3();
  private readonly segments: Float64Array;
  private readonly candidates: number[] = [];
  private readonly entries: number[] = [];
  private readonly order: number[] = [];
  private readonly inverse = new Matrix();
  private readonly localRay = new Ray(Vector3.Zero(), Vector3.Forward(), 1);
  private agent: TransformNode | null = null;
  private disposed = false;

  /** Validates `options` at once: RangeError or TypeError naming the option and the value got. */
  constructor(options: RaySensorOptions = {}) {
    this.name = requireType<string>(OWNER, 'name', options.name ?? 'rays', (v) => typeof v === 'string' && v !== '', 'a non-empty string');
    const count = requireInteger(OWNER, 'rayCount', options.rayCount ?? 7, 1);
    const spread = requireNumber(OWNER, 'angle', options.angle ?? 140, 0, 360);
    this.length = requireNumber(OWNER, 'length', options.length ?? 20, 0, Infinity, true);
    const order = requireType<RayOrder>(OWNER, 'order', options.order ?? 'sweep', (v) => v === 'sweep' || v === 'alternating', "'sweep' or 'alternating'");
    if (order === 'alternating' && count % 2 === 0) {
      throw new RangeError(`${OWNER}: option 'rayCount' must be odd with order 'alternating', got ${count}`);
    }
    const tags = requireType<readonly string[]>(OWNER, 'tags', options.tags ?? [], Array.isArray, 'an array of strings');
    tags.forEach((t, i) => requireType(OWNER, `tags[${i}]`, t, (v) => typeof v === 'string' && v !== '' && tags.indexOf(v) === i, 'a non-empty string not listed before'));
    this.tags = Object.freeze([...tags]);
    this.eligible = requireType(OWNER, 'predicate', options.predicate ?? ((m: AbstractMesh) => m.isEnabled() && m.isVisible && m.isPickable),
      (v) => typeof v === 'function', 'a function (mesh) => boolean');
    this.startOffset = requireNumber(OWNER, 'startVerticalOffset', options.startVerticalOffset ?? 0);
    const endOffset = requireNumber(OWNER, 'endVerticalOffset', options.endVerticalOffset ?? 0);

    const step = count > 1 ? spread / (count - 1) : 0;
    const half = (count - 1) / 2;
    this.angles = Object.freeze(Array.from({ length: count }, (_, i) =>
      order === 'sweep' ? 90 + (i - half) * step : 90 + (i % 2 === 1 ? -1 : 1) * Math.ceil(i / 2) * step));
    this.localEnds = new Float64Array(count * 3);
    this.segments = new Float64Array(count * 3);
    this.angles.forEach((a, i) => {
      const rad = (a * Math.PI) / 180;
      this.localEnds.set([this.length * Math.cos(rad), endOffset, this.length * Math.sin(rad)], i * 3);
    });
    this.spec = ObservationSpec.vector(count * (this.tags.length + 2), 'ray');
    this.observation = new Float32Array(this.spec.size);
    this.reset();
  }

  /** Casts from `agent` from now on. Throws an `InvalidStateError` DOMException if attached to another node or disposed. */
  attach(agent: TransformNode): void {
    checkAttach(`${OWNER} '${this.name}'`, 'sensor', this.agent, agent, this.disposed);
    this.agent = agent;
  }

  /** Stops casting for the current agent. */
  detach(): void {
    this.agent = null;
  }

  /** Casts every ray now and keeps the result for {@link write}. Throws an `InvalidStateError` DOMException unless attached. */
  update(): void {
    const agent = this.agent;
    if (!agent) throw new DOMException(`${OWNER} '${this.name}': update() needs an attached agent`, 'InvalidStateError');
    const world = agent.computeWorldMatrix(true);
    const scene = agent.getScene();
    const broadphase = RayBroadphase.of(scene);
    const exact = broadphase.refresh();
    const count = this.angles.length;
    const segments = this.segments;
    Vector3.TransformCoordinatesFromFloatsToRef(0, this.startOffset, 0, world, this.start);
    let minX = this.start.x, minY = this.start.y, minZ = this.start.z, maxX = minX, maxY = minY, maxZ = minZ;
    for (let r = 0; r < count; r++) {
      Vector3.TransformCoordinatesFromFloatsToRef(this.localEnds[r * 3], this.localEnds[r * 3 + 1], this.localEnds[r * 3 + 2], world, this.end);
      segments.set([this.end.x, this.end.y, this.end.z], r * 3);
      minX = Math.min(minX, this.end.x); minY = Math.min(minY, this.end.y); minZ = Math.min(minZ, this.end.z);
      maxX = Math.max(maxX, this.end.x); maxY = Math.max(maxY, this.end.y); maxZ = Math.max(maxZ, this.end.z);
    }
    const candidates = this.candidates;
    candidates.length = 0;
    if (exact) {
      broadphase.query(minX, minY, minZ, maxX, maxY, maxZ, candidates);
      let kept = 0;
      for (const i of candidates) if (this.predicate(broadphase.meshes[i])) candidates[kept++] = i;
      candidates.length = kept;
    }
    const stride = this.tags.length + 2;
    const obs = this.observation.fill(0);
    for (let r = 0; r < count; r++) {
      const base = r * stride;
      this.end.set(segments[r * 3], segments[r * 3 + 1], segments[r * 3 + 2]);
      this.end.subtractToRef(this.start, this.ray.direction);
      const length = this.ray.direction.length();
      let pick: PickingInfo | null = null;
      if (length > 0) {
        this.ray.origin.copyFrom(this.start);
        this.ray.direction.scaleInPlace(1 / length);
        this.ray.length = length;
        pick = exact ? this.castAmong(broadphase, candidates) : PickWithRay(scene, this.ray, this.predicate, false);
      }
      if (!pick?.hit || !pick.pickedMesh) {
        obs[base + stride - 2] = 1;
        obs[base + stride - 1] = 1;
        continue;
      }
      obs[base + stride - 1] = Math.min(1, pick.distance / length);
      const tag = this.tagIndex(pick.pickedMesh);
      if (tag >= 0) obs[base + tag] = 1;
    }
  }

  /** Writes the last {@link update}'s observation (all rays missing before the first one); returns `spec.size`. */
  write(out: Float32Array, offset: number): number {
    const n = this.observation.length;
    if (!Number.isInteger(offset) || offset < 0 || offset + n > out.length) {
      throw new SpecMismatchError(`${OWNER} '${this.name}': cannot write ${n} floats at offset ${offset} into a buffer of ${out.length}`);
    }
    out.set(this.observation, offset);
    return n;
  }

  /** Forgets the last observation: every ray reads as a miss until the next {@link update}. */
  reset(): void {
    const stride = this.tags.length + 2;
    this.observation.fill(0);
    for (let i = stride - 2; i < this.observation.length; i += stride) {
      this.observation[i] = 1;
      this.observation[i + 1] = 1;
    }
  }

  /** Detaches; the sensor cannot be attached again. Calling it twice is harmless. */
  dispose(): void {
    this.detach();
    this.disposed = true;
  }

  /**
   * Picks {@link ray} among the broadphase `candidates` (eligible meshes whose world box overlaps the sensor's
   * reach) as Babylon's `PickWithRay` would among all meshes: each candidate whose world box the ray segment enters
   * is tested exactly with `mesh.intersects` in its local space, nearest box first, stopping once a box starts
   * beyond the best hit; equal distances go to the mesh first in scene order, as in Babylon.
   */
  private castAmong(broadphase: RayBroadphase, candidates: readonly number[]): PickingInfo | null {
    const { origin, direction, length } = this.ray;
    const boxes = broadphase.boxes;
    const entries = this.entries;
    entries.length = 0;
    for (const i of candidates) {
      const o = i * 6;
      let near = 0;
      let far = length;
      for (let axis = 0; axis < 3 && near <= far; axis++) {
        const from = axis === 0 ? origin.x : axis === 1 ? origin.y : origin.z;
        const d = axis === 0 ? direction.x : axis === 1 ? direction.y : direction.z;
        const lo = boxes[o + axis] - SLACK;
        const hi = boxes[o + axis + 3] + SLACK;
        if (d === 0) {
          if (from < lo || from > hi) far = -1;
          continue;
        }
        const t0 = (lo - from) / d;
        const t1 = (hi - from) / d;
        near = Math.max(near, Math.min(t0, t1));
        far = Math.min(far, Math.max(t0, t1));
      }
      if (near <= far + SLACK) entries.push(near, i);
    }
    const order = this.order;
    order.length = 0;
    for (let k = 0; k < entries.length; k += 2) order.push(k);
    order.sort((a, b) => entries[a] - entries[b] || entries[a + 1] - entries[b + 1]);
    let best: PickingInfo | null = null;
    let bestIndex = -1;
    for (const k of order) {
      if (best && entries[k] > best.distance + SLACK * (1 + best.distance)) break;
      const index = entries[k + 1];
      const mesh = broadphase.meshes[index];
      const world = mesh.getWorldMatrix();
      world.invertToRef(this.inverse);
      Ray.TransformToRef(this.ray, this.inverse, this.localRay);
      const result = mesh.intersects(this.localRay, false, undefined, false, world);
      if (!result.hit) continue;
      if (!best || result.distance < best.distance || (result.distance === best.distance && index < bestIndex)) {
        best = result;
        bestIndex = index;
      }
    }
    if (best) best.ray = this.ray;
    return best;
  }

  private tagIndex(mesh: AbstractMesh): number {
    if (this.tags.length === 0) return -1;
    for (let node: Node | null = mesh; node; node = node.parent) {
      for (let t = 0; t < this.tags.length; t++) if (hasTag(node, this.tags[t])) return t;
    }
    return -1;
  }
}
