/**
 * The visitor: a figure who walks to the exhibits the human accepts, along the corridor through the rooms'
 * doorways (z = 0), then to the exhibit's viewing spot.
 */
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { Observable } from '@babylonjs/core/Misc/observable.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { MeshBuilder } from '@babylonjs/core/Meshes/meshBuilder.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';

const SPEED = 2.2;
const HEIGHT = 1.7;

/** The walking visitor. */
export class Visitor {
  /** The visitor's body, tagged 'visitor' for the guide's rays. */
  readonly body: Mesh;
  /** Notified when the visitor reaches the end of a walk. */
  readonly onArrivedObservable = new Observable<void>();
  /** Walks only while true (false while the human walks in XR). */
  walking = true;
  private route: Vector3[] = [];

  constructor(scene: Scene, start: Vector3) {
    this.body = MeshBuilder.CreateCapsule('visitor', { height: HEIGHT, radius: 0.3 }, scene);
    this.body.metadata = { tag: 'visitor' };
    const material = new StandardMaterial('visitor', scene);
    material.diffuseColor = Color3.FromHexString('#e8702a');
    this.body.material = material;
    this.body.position.set(start.x, HEIGHT / 2, start.z);
    scene.onBeforeRenderObservable.add(() => this.step(Math.min(scene.getEngine().getDeltaTime(), 250) / 1000));
  }

  /** Walks to `spot` (on the floor), through the corridor. */
  walkTo(spot: Vector3): void {
    const here = this.body.position;
    this.route = [new Vector3(here.x, 0, 0), new Vector3(spot.x, 0, 0), spot.clone()];
  }

  private step(dt: number): void {
    const target = this.route[0];
    if (!target || !this.walking) return;
    const p = this.body.position;
    const dx = target.x - p.x;
    const dz = target.z - p.z;
    const distance = Math.hypot(dx, dz);
    const step = Math.min(distance, SPEED * dt);
    if (distance > 1e-3) p.addInPlaceFromFloats((dx / distance) * step, 0, (dz / distance) * step);
    if (distance - step > 1e-3) return;
    this.route.shift();
    if (this.route.length === 0) this.onArrivedObservable.notifyObservers();
  }
}
