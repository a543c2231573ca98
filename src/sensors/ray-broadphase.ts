import { PickingCustomization } from '@babylonjs/core/Culling/ray.core.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { Observer } from '@babylonjs/core/Misc/observable.js';
import type { Scene } from '@babylonjs/core/scene.js';

/** Material fill modes whose triangles Babylon's `mesh.intersects` tests (the others fall back to bounding boxes). */
const TRIANGLE_FILL_MODES = new Set([0, 1, 2, 4, 7]);

/** The broadphase of each scene, shared by all its RaySensors; dropped when the scene is disposed. */
const BROADPHASES = new WeakMap<Scene, RayBroadphase>();

/**
 * A uniform grid over the X/Z extent of the world-space bounding boxes of a scene's meshes, shared by every
 * {@link RaySensor} of the scene: a query returns the meshes whose box overlaps a world-space box, in scene order.
 *
 * {@link refresh} brings the world matrices up to date as Babylon's picking does and rebuilds the grid lazily, when
 * meshes were added or removed or when a mesh's world box changed. It also tells whether every mesh can be picked
 * exactly through its box (triangle picking, no thin instances, lines or custom picker); when one cannot, callers
 * fall back to Babylon's own scene-wide picking.
 */
export class RayBroadphase {
  /** The scene's meshes at the last rebuild, in scene order. */
  meshes: AbstractMesh[] = [];
  /** World box of mesh `i` at the last rebuild: `[minX, minY, minZ, maxX, maxY, maxZ]` at `i * 6`. */
  boxes = new Float64Array(0);

  private membershipChanged = true;
  private cellSize = 1;
  private originX = 0;
  private originZ = 0;
  private columns = 0;
  private rows = 0;
  private cellStart = new Int32Array(1);
  private cellItems = new Int32Array(0);
  private stamps = new Uint32Array(0);
  private stamp = 0;
  private readonly observers: Observer<unknown>[];

  /** The broadphase of `scene`, created on first use and disposed with the scene. */
  static of(scene: Scene): RayBroadphase {
    let broadphase = BROADPHASES.get(scene);
    if (!broadphase) {
      broadphase = new RayBroadphase(scene);
      BROADPHASES.set(scene, broadphase);
    }
    return broadphase;
  }

  private constructor(private readonly scene: Scene) {
    const changed = (): void => {
      this.membershipChanged = true;
    };
    this.observers = [
      scene.onNewMeshAddedObservable.add(changed),
      scene.onMeshRemovedObservable.add(changed),
      scene.onDisposeObservable.add(() => this.dispose()),
    ] as Observer<unknown>[];
  }

  /**
   * Computes the meshes' world matrices as Babylon's picking does, rebuilds the grid if the meshes or their world
   * boxes changed, and returns true when every mesh can be picked exactly through the grid.
   */
  refresh(): boolean {
    const scene = this.scene;
    if (PickingCustomization.internalPickerForMesh) return false;
    const meshes = scene.meshes;
    const forCamera = !!(scene.activeCameras && scene.activeCameras.length > 1 && scene.cameraToUseForPointers !== scene.activeCamera);
    const camera = scene.cameraToUseForPointers || scene.activeCamera;
    let stale = this.membershipChanged || meshes.length !== this.meshes.length;
    let exact = true;
    for (let i = 0; i < meshes.length; i++) {
      const mesh = meshes[i];
      mesh.computeWorldMatrix(forCamera && mesh.isWorldMatrixCameraDependent(), camera);
      if (exact && !this.trianglePicked(mesh)) exact = false;
      if (stale) continue;
      const box = mesh.getBoundingInfo().boundingBox;
      const o = i * 6;
      const b = this.boxes;
      stale = this.meshes[i] !== mesh || b[o] !== box.minimumWorld.x || b[o + 1] !== box.minimumWorld.y || b[o + 2] !== box.minimumWorld.z
        || b[o + 3] !== box.maximumWorld.x || b[o + 4] !== box.maximumWorld.y || b[o + 5] !== box.maximumWorld.z;
    }
    if (stale) this.rebuild();
    return exact;
  }

  /**
   * Appends to `out` the indices (into {@link meshes}) of the meshes whose world box overlaps the box
   * `[minX, maxX] x [minY, maxY] x [minZ, maxZ]`, each once, in ascending order. Call {@link refresh} first.
   */
  query(minX: number, minY: number, minZ: number, maxX: number, maxY: number, maxZ: number, out: number[]): void {
    if (this.meshes.length === 0) return;
    const c0 = this.clamp(Math.floor((minX - this.originX) / this.cellSize), this.columns);
    const c1 = this.clamp(Math.floor((maxX - this.originX) / this.cellSize), this.columns);
    const r0 = this.clamp(Math.floor((minZ - this.originZ) / this.cellSize), this.rows);
    const r1 = this.clamp(Math.floor((maxZ - this.originZ) / this.cellSize), this.rows);
    if (++this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    const start = out.length;
    const b = this.boxes;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.columns + c;
        for (let k = this.cellStart[cell]; k < this.cellStart[cell + 1]; k++) {
          const i = this.cellItems[k];
          if (this.stamps[i] === this.stamp) continue;
          this.stamps[i] = this.stamp;
          const o = i * 6;
          if (b[o] <= maxX && b[o + 3] >= minX && b[o + 1] <= maxY && b[o + 4] >= minY && b[o + 2] <= maxZ && b[o + 5] >= minZ) out.push(i);
        }
      }
    }
    const found = out.splice(start).sort((x, y) => x - y);
    for (const i of found) out.push(i);
  }

  /** Stops following the scene and forgets it. Called when the scene is disposed; harmless twice. */
  dispose(): void {
    for (const observer of this.observers) observer.remove();
    this.observers.length = 0;
    BROADPHASES.delete(this.scene);
    this.meshes = [];
    this.boxes = new Float64Array(0);
  }

  /** True when Babylon picks `mesh` by its triangles, so that any hit lies inside its world box. */
  private trianglePicked(mesh: AbstractMesh): boolean {
    if (mesh.hasThinInstances) return false;
    const className = mesh.getClassName();
    if (className.endsWith('LinesMesh') || className === 'GreasedLineMesh') return false;
    const material = mesh.material;
    if (!material) return this.scene._hasDefaultMaterial;
    return material.getClassName() !== 'MultiMaterial' && TRIANGLE_FILL_MODES.has(material.fillMode);
  }

  private rebuild(): void {
    this.membershipChanged = false;
    const meshes = (this.meshes = [...this.scene.meshes]);
    const n = meshes.length;
    const b = (this.boxes = new Float64Array(n * 6));
    let minX = Infinity, minZ = Infinity, maxX = -Infinity, maxZ = -Infinity;
    for (let i = 0; i < n; i++) {
      const box = meshes[i].getBoundingInfo().boundingBox;
      const { minimumWorld: lo, maximumWorld: hi } = box;
      b.set([lo.x, lo.y, lo.z, hi.x, hi.y, hi.z], i * 6);
      minX = Math.min(minX, b[i * 6]);
      minZ = Math.min(minZ, b[i * 6 + 2]);
      maxX = Math.max(maxX, b[i * 6 + 3]);
      maxZ = Math.max(maxZ, b[i * 6 + 5]);
    }
    const width = Math.max(maxX - minX, 1e-6);
    const depth = Math.max(maxZ - minZ, 1e-6);
    // About one cell per mesh; a non-finite extent (a mesh at infinity) degenerates to a single cell.
    this.cellSize = Number.isFinite(width * depth) ? Math.max(Math.sqrt((width * depth) / Math.max(n, 1)), width / 1024, depth / 1024) : Infinity;
    this.originX = Number.isFinite(minX) ? minX : 0;
    this.originZ = Number.isFinite(minZ) ? minZ : 0;
    this.columns = Number.isFinite(this.cellSize) ? Math.floor(width / this.cellSize) + 1 : 1;
    this.rows = Number.isFinite(this.cellSize) ? Math.floor(depth / this.cellSize) + 1 : 1;
    const cells = this.columns * this.rows;
    const range = (i: number): [number, number, number, number] => [
      this.clamp(Math.floor((b[i * 6] - this.originX) / this.cellSize), this.columns),
      this.clamp(Math.floor((b[i * 6 + 3] - this.originX) / this.cellSize), this.columns),
      this.clamp(Math.floor((b[i * 6 + 2] - this.originZ) / this.cellSize), this.rows),
      this.clamp(Math.floor((b[i * 6 + 5] - this.originZ) / this.cellSize), this.rows),
    ];
    const counts = new Int32Array(cells + 1);
    for (let i = 0; i < n; i++) {
      const [c0, c1, r0, r1] = range(i);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) counts[r * this.columns + c + 1]++;
    }
    for (let k = 0; k < cells; k++) counts[k + 1] += counts[k];
    this.cellStart = counts.slice();
    const items = (this.cellItems = new Int32Array(counts[cells]));
    for (let i = 0; i < n; i++) {
      const [c0, c1, r0, r1] = range(i);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) items[counts[r * this.columns + c]++] = i;
    }
    this.stamps = new Uint32Array(n);
    this.stamp = 0;
  }

  private clamp(cell: number, count: number): number {
    return Number.isNaN(cell) ? 0 : Math.min(count - 1, Math.max(0, cell));
  }
}
