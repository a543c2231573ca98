/**
 * The math tutor's classroom, built from simple meshes: a floor, a back wall, a framed chalkboard with a chalk
 * tray, a desk, and the tutor (a body, a head with eyes) standing beside the board.
 */
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { CreateCapsule } from '@babylonjs/core/Meshes/Builders/capsuleBuilder.js';
import { CreateGround } from '@babylonjs/core/Meshes/Builders/groundBuilder.js';
import { CreatePlane } from '@babylonjs/core/Meshes/Builders/planeBuilder.js';
import { CreateSphere } from '@babylonjs/core/Meshes/Builders/sphereBuilder.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';

/** What {@link createClassroom} built. */
export interface Classroom {
  /** The board's writing surface (4 x 2.5 units, facing the camera); the chalkboard GUI goes on it. */
  readonly board: Mesh;
  /** The tutor's head: its speech bubble floats above it. */
  readonly tutorHead: Mesh;
}

/** The tutor's head height; it bobs around it. */
const HEAD_Y = 1.6;

function paint(scene: Scene, hex: string, meshes: Mesh[]): void {
  const material = new StandardMaterial(hex, scene);
  material.diffuseColor = Color3.FromHexString(hex);
  material.specularColor = new Color3(0.08, 0.08, 0.08);
  for (const mesh of meshes) mesh.material = material;
}

function box(scene: Scene, name: string, size: [number, number, number], at: [number, number, number]): Mesh {
  const mesh = CreateBox(name, { width: size[0], height: size[1], depth: size[2] }, scene);
  mesh.position.set(...at);
  return mesh;
}

/** Builds the classroom into `scene` (the caller adds the camera and lights). */
export function createClassroom(scene: Scene): Classroom {
  paint(scene, '#b98b5e', [CreateGround('floor', { width: 14, height: 10 }, scene)]);
  paint(scene, '#e9e1cf', [box(scene, 'wall', [14, 5, 0.2], [0, 2.5, 0.3])]);
  paint(scene, '#6b4a2b', [
    box(scene, 'frame', [4.3, 2.8, 0.1], [0, 2.05, 0.15]),
    box(scene, 'tray', [4.3, 0.06, 0.22], [0, 0.66, 0.05]),
    box(scene, 'desk', [1.6, 0.08, 0.8], [-3.1, 0.75, -1.4]),
    box(scene, 'desk-leg', [1.4, 0.7, 0.6], [-3.1, 0.36, -1.4]),
  ]);
  paint(scene, '#f7f3e8', [box(scene, 'chalk', [0.18, 0.04, 0.04], [0.9, 0.71, 0])]);

  const board = CreatePlane('board', { width: 4, height: 2.5 }, scene);
  board.position.set(0, 2.05, 0.09);

  const body = CreateCapsule('tutor-body', { height: 1.3, radius: 0.32 }, scene);
  body.position.set(2.6, 0.65, -0.6);
  const tutorHead = CreateSphere('tutor-head', { diameter: 0.55 }, scene);
  tutorHead.position.set(2.6, HEAD_Y, -0.6);
  paint(scene, '#2a9d8f', [body]);
  paint(scene, '#f2c79b', [tutorHead]);
  const eyes = [-0.1, 0.1].map((x) => {
    const eye = CreateSphere('tutor-eye', { diameter: 0.08 }, scene);
    eye.parent = tutorHead;
    eye.position.set(x, 0.05, -0.25);
    return eye;
  });
  paint(scene, '#1b1f2a', eyes);
  // The tutor turns a little towards the board, and bobs gently while the scene runs.
  body.rotation.y = tutorHead.rotation.y = 0.35;
  let time = 0;
  scene.onBeforeRenderObservable.add(() => {
    time += scene.getEngine().getDeltaTime() / 1000;
    tutorHead.position.y = HEAD_Y + 0.03 * Math.sin(time * 2);
  });
  return { board, tutorHead };
}
