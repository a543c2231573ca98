/**
 * The follow scene in the browser: six guide collaborators follow a visitor around a room, and a speech
 * bubble over the first guide says what it is doing.
 */
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { ArcRotateCamera } from '@babylonjs/core/Cameras/arcRotateCamera.js';
import { Engine } from '@babylonjs/core/Engines/engine.js';
import { HemisphericLight } from '@babylonjs/core/Lights/hemisphericLight.js';
import { Color3, Color4 } from '@babylonjs/core/Maths/math.color.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { CreateGround } from '@babylonjs/core/Meshes/Builders/groundBuilder.js';
import { Scene } from '@babylonjs/core/scene.js';
import { AdvancedDynamicTexture } from '@babylonjs/gui/2D/advancedDynamicTexture.js';
import { SpeechBubble } from 'babylon-collaborator/gui';
import { describeError, exposeCollabState } from '../shared/collab-state.js';
import { createFollowScene } from './follow-scene.js';

const COLOURS: Record<string, string> = {
  ground: '#d9d4c7',
  wall: '#8a93a3',
  obstacle: '#c9a66b',
  visitor: '#e8702a',
  guide: '#2a9d8f',
};

const state = exposeCollabState();
const canvas = document.getElementById('scene') as HTMLCanvasElement;
const engine = new Engine(canvas, true, { stencil: true });
const scene = new Scene(engine);
scene.clearColor = Color4.FromHexString('#f4f1eaff');

const camera = new ArcRotateCamera('camera', -Math.PI / 2, 0.8, 30, new Vector3(0, 0, -1), scene);
camera.lowerRadiusLimit = 8;
camera.upperRadiusLimit = 60;
camera.upperBetaLimit = 1.25;
camera.attachControl(true);
const light = new HemisphericLight('light', new Vector3(0.3, 1, -0.4), scene);
light.groundColor = new Color3(0.45, 0.45, 0.5);
const ground = CreateGround('ground', { width: 24, height: 24 }, scene);
ground.metadata = { tag: 'ground' };

const follow = createFollowScene(scene, { agents: 6 });

const materials = new Map<string, StandardMaterial>();
for (const mesh of scene.meshes) {
  const tag = (mesh.metadata as { tag?: string } | null)?.tag;
  if (!tag || !(tag in COLOURS)) continue;
  let material = materials.get(tag);
  if (!material) {
    material = new StandardMaterial(tag, scene);
    material.diffuseColor = Color3.FromHexString(COLOURS[tag]);
    material.specularColor = new Color3(0.1, 0.1, 0.1);
    materials.set(tag, material);
  }
  mesh.material = material;
}

const ui = AdvancedDynamicTexture.CreateFullscreenUI('ui', true, scene);
const [narrator] = follow.guides;
const bubble = new SpeechBubble(ui, { linkTo: narrator.attachedNode, hideAfterMs: 4000 });

/** What the narrating guide is doing, from its distance to the visitor. */
function activity(): string {
  const guide = narrator.attachedNode!.getAbsolutePosition();
  const visitor = follow.visitor.getAbsolutePosition();
  const distance = Math.hypot(visitor.x - guide.x, visitor.z - guide.z);
  if (distance > 7) return 'Wait for me!';
  if (distance > 3.5) return 'Catching up with you…';
  return 'Right behind you. Where next?';
}

let said = '';
narrator.onDecisionObservable.add(() => {
  const phrase = activity();
  if (phrase !== said) bubble.say(phrase);
  said = phrase;
});
for (const guide of follow.guides) {
  guide.onDecisionErrorObservable.add((error) => state.errors.push(`${guide.name}: ${describeError(error)}`));
}

scene.onAfterRenderObservable.add(() => {
  state.decisions = follow.decisions;
  if (state.decisions > 0) state.ready = true;
});
engine.runRenderLoop(() => scene.render());
window.addEventListener('resize', () => engine.resize());
