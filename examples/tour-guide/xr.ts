/**
 * WebXR, only where the browser has it: when `navigator.xr` supports 'immersive-vr', Babylon's default XR
 * experience adds its "enter VR" button and teleportation over the museum's floors. Elsewhere nothing happens.
 */
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { WebXRDefaultExperience } from '@babylonjs/core/XR/webXRDefaultExperience.js';

/** The default XR experience, or null when the browser cannot do immersive VR. */
export async function enableXr(scene: Scene, floors: readonly AbstractMesh[]): Promise<WebXRDefaultExperience | null> {
  const supported = (await navigator.xr?.isSessionSupported('immersive-vr').catch(() => false)) ?? false;
  if (!supported) return null;
  // Controller meshes would come from Babylon's asset server: nothing is downloaded at run time here.
  return WebXRDefaultExperience.CreateAsync(scene, { floorMeshes: [...floors], inputOptions: { doNotLoadControllerMeshes: true } });
}
