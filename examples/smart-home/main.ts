/**
 * The smart-home scene: a resident walks a daily loop through a six-room flat while a home assistant watches
 * through a security camera, tracks people with motion sensors, listens for 'alexa' and learns what normal
 * movement looks like (starting from weights pretrained by scripts/train-smart-home.ts, assets/weights/); an
 * intruder on an unusual path raises an alert. Every task runs under one FrameScheduler.
 */
import { ArcRotateCamera } from '@babylonjs/core/Cameras/arcRotateCamera.js';
import { FreeCamera } from '@babylonjs/core/Cameras/freeCamera.js';
import { Engine } from '@babylonjs/core/Engines/engine.js';
import { HemisphericLight } from '@babylonjs/core/Lights/hemisphericLight.js';
import { PointLight } from '@babylonjs/core/Lights/pointLight.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Color3, Color4 } from '@babylonjs/core/Maths/math.color.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { CreateCapsule } from '@babylonjs/core/Meshes/Builders/capsuleBuilder.js';
import { CreateCylinder } from '@babylonjs/core/Meshes/Builders/cylinderBuilder.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import { Scene } from '@babylonjs/core/scene.js';
import { AdvancedDynamicTexture } from '@babylonjs/gui/2D/advancedDynamicTexture.js';
import { ScriptedMotion, WeightStore, type MotionScript } from 'babylon-collaborator';
import { CollaboratorOverlay, SpeechBubble } from 'babylon-collaborator/gui';
import { describeError, exposeCollabState } from '../shared/collab-state.js';
import { createAssistant } from './assistant.js';
import { FetchWeightBackend } from './fetch-weight-backend.js';
import { buildFlat } from './flat.js';
import { LEARN_SECONDS } from './intrusion-detector.js';
import { MAX_FRAME_SECONDS } from './movement-data.js';
import { WEIGHTS_NAME } from './movement-model.js';
import { intruderScript, residentScript } from './routes.js';
import { TaskBoard, type TaskTally } from './task-board.js';
import { Voice } from './voice.js';

/** What the page exposes as `window.__collab`. */
export interface SmartHomeState {
  ready: boolean;
  decisions: number;
  errors: string[];
  /** Wake words detected: the spotter's score and when in the audio heard (s). */
  wakeWords: { score: number; seconds: number }[];
  /** Rooms whose light is on. */
  lightsOn: string[];
  /** The intrusion detector's anomaly score: the smoothed prediction error of the most unusual person. */
  anomalyScore: number;
  /** Alerts raised: the score that raised it, where, and when (scene seconds). */
  alerts: { score: number; room: string; seconds: number }[];
  /** Scheduler tasks by name: priority, runs, in flight, busy ms. */
  tasks: Record<string, TaskTally>;
  /**
   * The detector's learning: whether it started from the pretrained weights, frames of normal movement collected,
   * training steps, and its alert threshold once learned.
   */
  detector: { learned: boolean; pretrained: boolean; samples: number; steps: number; threshold: number | null };
}

const speed = Number(new URLSearchParams(location.search).get('speed')) || 1;
const state: SmartHomeState = Object.assign(exposeCollabState(), {
  wakeWords: [], lightsOn: [], anomalyScore: 0, alerts: [], tasks: {}, detector: { learned: false, pretrained: false, samples: 0, steps: 0, threshold: null },
});
const element = (id: string): HTMLElement => document.getElementById(id)!;
const fail = (error: unknown): void => void state.errors.push(describeError(error));

const engine = new Engine(element('scene') as HTMLCanvasElement, true, { stencil: true });
const scene = new Scene(engine);
scene.clearColor = Color4.FromHexString('#e9efe4ff');
const view = new ArcRotateCamera('view', -Math.PI / 2, 0.45, 22, new Vector3(0, 0, 0), scene);
view.attachControl(true);
new HemisphericLight('sky', new Vector3(0.2, 1, -0.3), scene).groundColor = new Color3(0.4, 0.4, 0.45);
const flat = buildFlat(scene);

const paint = (mesh: Mesh, hex: string): StandardMaterial => {
  const material = new StandardMaterial(mesh.name, scene);
  material.diffuseColor = Color3.FromHexString(hex);
  mesh.material = material;
  return material;
};
const hub = CreateCylinder('hub', { height: 0.3, diameter: 0.35 }, scene);
hub.position.set(-0.9, 0.6, 1.5);
const siren = paint(hub, '#2a9d8f');
const alarmLight = new PointLight('alarm', new Vector3(-0.9, 2, 1.5), scene);
alarmLight.diffuse = new Color3(1, 0.1, 0.1);
alarmLight.intensity = 0;
const securityCamera = new FreeCamera('security-camera', new Vector3(2.6, 2.3, -4.6), scene);
securityCamera.setTarget(new Vector3(-1.5, 0.5, -1.5));
securityCamera.fov = 1.2;
const cameraBody = CreateBox('security-camera-body', { size: 0.3 }, scene);
cameraBody.position.copyFrom(securityCamera.position);
const cameraLamp = paint(cameraBody, '#333333');

/**
 * A person walking a script in scene time (`speed` scene seconds per second), on the collaborators' clock: a frame
 * longer than 100 ms counts as 100 ms, as for the motion sensors, so a slow frame does not look like a sprint.
 */
function walker(name: string, hex: string, script: MotionScript): { motion: ScriptedMotion; mesh: Mesh } {
  const motion = new ScriptedMotion(script);
  const mesh = CreateCapsule(name, { height: 1.7, radius: 0.3 }, scene);
  paint(mesh, hex);
  const at = new Vector3();
  scene.onBeforeRenderObservable.add(() => {
    motion.advance(Math.min((scene.deltaTime || engine.getDeltaTime()) / 1000, MAX_FRAME_SECONDS) * speed);
    const present = script(motion.time, at) !== false;
    mesh.setEnabled(present);
    mesh.position.set(at.x, 0.85, at.z);
  });
  return { motion, mesh };
}
let intruderStart = Infinity;
const resident = walker('resident', '#2a6f97', residentScript);
const intruder = walker('intruder', '#1b1b1b', intruderScript(() => intruderStart));

const board = new TaskBoard({ budgetMs: 6 });
board.attachToScene(scene);
board.onTaskErrorObservable.add(({ name, error }) => fail(`${name}: ${describeError(error)}`));
const ui = AdvancedDynamicTexture.CreateFullscreenUI('ui', true, scene);
const bubble = new SpeechBubble(ui, { linkTo: hub, hideAfterMs: 5000 });
const people: Record<string, { mesh: Mesh }> = { resident, intruder };
let wakeWord = false;

const { behavior, detector } = createAssistant({
  scheduler: board,
  securityCamera,
  people: { resident: resident.motion.position, intruder: intruder.motion.position },
  clock: () => resident.motion.time,
  speed,
  takeWakeWord: () => {
    const heard = wakeWord;
    wakeWord = false;
    return heard;
  },
  controls: {
    alarm(on, score) {
      siren.emissiveColor = on ? new Color3(1, 0, 0) : Color3.Black();
      alarmLight.intensity = on ? 1.5 : 0;
      if (!on) return bubble.say('All quiet again.');
      const suspect = people[detector.suspect ?? '']?.mesh.position ?? hub.position;
      const room = flat.roomAt(suspect.x, suspect.z)?.name ?? 'garden';
      state.alerts.push({ score, room, seconds: resident.motion.time });
      bubble.say(`Alert! Unusual movement in the ${room}.`);
    },
    record(on) {
      cameraLamp.emissiveColor = on ? new Color3(0.9, 0, 0) : Color3.Black();
    },
    toggleLight() {
      const room = flat.roomAt(resident.mesh.position.x, resident.mesh.position.z);
      if (!room) return;
      flat.setLight(room, !room.lightOn);
      bubble.say(`Lights ${room.lightOn ? 'on' : 'off'} in the ${room.name}.`);
    },
  },
});
hub.addBehavior(behavior);
/** The model of normal movement pretrained on simulated routes, read through WeightStore as a user would. */
const pretrained = new WeightStore({ name: WEIGHTS_NAME, backend: new FetchWeightBackend(`../assets/weights/${WEIGHTS_NAME}.weights`) });
detector.loadPretrained(pretrained).catch(fail); // none (404): it learns from scratch
behavior.onDecisionErrorObservable.add(fail);
behavior.onDecisionObservable.add(() => state.decisions++);
const overlay = new CollaboratorOverlay(ui, { scheduler: board, width: 230, fontSize: 12, refreshMs: 1000 });
overlay.plot.addSeries('anomaly', { color: '#d62828', min: 0 });
/** Plots each series at most once a second (each change redraws the GUI's texture: slow on software GPUs). */
const plotted: Record<string, number> = {};
function plot(series: 'loss' | 'anomaly', value: number): void {
  const now = performance.now();
  if (now - (plotted[series] ?? -Infinity) < 1000) return;
  plotted[series] = now;
  if (series === 'loss') overlay.addLoss(value);
  else overlay.plot.push(series, value);
}
detector.onLossObservable.add((loss) => plot('loss', loss));
detector.onScoreObservable.add((score) => plot('anomaly', score));

const buttons = { alexa: element('say-alexa') as HTMLButtonElement, hello: element('say-hello') as HTMLButtonElement, intruder: element('intruder') as HTMLButtonElement };
let voiceReady = false;
Voice.create(board).then((v) => {
  v.onKeywordObservable.add(({ score, timeSeconds }) => {
    state.wakeWords.push({ score, seconds: timeSeconds });
    wakeWord = true;
    behavior.requestDecision();
  });
  const say = (file: string) => () => {
    buttons.alexa.disabled = buttons.hello.disabled = true;
    v.say(`../assets/sounds/${file}`).catch(fail).finally(() => (buttons.alexa.disabled = buttons.hello.disabled = false));
  };
  buttons.alexa.onclick = say('alexa-lights.wav');
  buttons.hello.onclick = say('hello-world.wav');
  buttons.alexa.disabled = buttons.hello.disabled = false;
  voiceReady = true;
}, fail);
buttons.intruder.onclick = () => {
  intruderStart = intruder.motion.time;
  bubble.say('Someone is at the office window…');
};

scene.onAfterRenderObservable.add(() => {
  state.ready ||= voiceReady && state.decisions > 0;
  state.anomalyScore = detector.score;
  state.lightsOn = flat.rooms.filter((r) => r.lightOn).map((r) => r.name);
  state.tasks = board.tallies;
  state.detector = {
    learned: detector.learned, pretrained: detector.pretrained, samples: detector.samples, steps: detector.steps,
    threshold: detector.learned ? detector.threshold : null,
  };
  buttons.intruder.disabled = !detector.learned || intruder.mesh.isEnabled();
  if (engine.frameId % 10) return;
  element('status').textContent = detector.learned
    ? `Anomaly score ${detector.score.toFixed(3)} (alert above ${detector.threshold.toFixed(3)}; ${detector.pretrained ? 'pretrained, ' : ''}${detector.steps} steps)`
    : `Learning normal movement: ${Math.min(resident.motion.time, LEARN_SECONDS).toFixed(0)} / ${LEARN_SECONDS} s, ${detector.steps} steps`;
  element('tasks').textContent = board.describe();
});
engine.runRenderLoop(() => scene.render());
/** Like the task list (index.html), the overlay is left out of windows too narrow to read it. */
const fitOverlay = (): void => void (overlay.control.isVisible = window.innerWidth >= 640);
fitOverlay();
window.addEventListener('resize', () => {
  engine.resize();
  fitOverlay();
});
