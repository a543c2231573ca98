import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { FreeCamera } from '@babylonjs/core/Cameras/freeCamera.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';

/** A headless scene with a camera and a constant 16 ms frame, for tests. */
export function createScene(): { engine: NullEngine; scene: Scene } {
  const engine = new NullEngine();
  const scene = new Scene(engine);
  scene.useConstantAnimationDeltaTime = true;
  new FreeCamera('camera', new Vector3(0, 5, -10), scene);
  return { engine, scene };
}

/** Lets pending promise callbacks and one macrotask run. */
export function nextTick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Renders `count` frames, letting asynchronous decisions settle between frames. */
export async function runFrames(scene: Scene, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    scene.render();
    await nextTick();
  }
}

/** Waits until Babylon's deferred `Observable.remove()` calls (a setTimeout 0) have taken effect. */
export function observersSettled(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}
