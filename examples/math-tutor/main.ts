/**
 * The math tutor: the human and a tutor solve equations step by step on a chalkboard. The human types the next
 * step (Enter submits) and the tutor checks it with MathReasoner: a valid step goes on the board, a wrong one is
 * crossed out in red and the tutor explains the mistake in its speech bubble. "Your turn" lets the tutor write
 * the next step. When the problem is solved, the tutor checks the answer against the problem and announces it.
 */
import { ArcRotateCamera } from '@babylonjs/core/Cameras/arcRotateCamera.js';
import { Engine } from '@babylonjs/core/Engines/engine.js';
import { HemisphericLight } from '@babylonjs/core/Lights/hemisphericLight.js';
import { Color3, Color4 } from '@babylonjs/core/Maths/math.color.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { Scene } from '@babylonjs/core/scene.js';
import { AdvancedDynamicTexture } from '@babylonjs/gui/2D/advancedDynamicTexture.js';
import { Button } from '@babylonjs/gui/2D/controls/button.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import { InputText } from '@babylonjs/gui/2D/controls/inputText.js';
import { StackPanel } from '@babylonjs/gui/2D/controls/stackPanel.js';
import { MathParseError, MathReasoner, type MathSession, type StepCheck } from 'babylon-collaborator';
import { SpeechBubble } from 'babylon-collaborator/gui';
import { exposeCollabState, type CollabState } from '../shared/collab-state.js';
import { Chalkboard } from './chalkboard.js';
import { createClassroom } from './classroom.js';

/** The problems of the picker, by button label. */
const PROBLEMS = {
  Linear: 'solve 3x - 5 = 10',
  Brackets: 'solve 2(x + 3) = 14',
  System: 'solve x + y = 5, x - y = 1',
  Quadratic: 'solve x^2 - 5x + 6 = 0',
} as const;
type ProblemName = keyof typeof PROBLEMS;
/** Of the buttons and the step field. Not 18: a control set to GUI's default size is not scaled to `idealHeight`. */
const FONT_SIZE = 17;

/** The controls a test can ask {@link MathTutorState.locate} for. */
export type TutorControl = 'input' | 'turn' | 'bubble' | ProblemName;

/** `window.__collab` on this page. */
export interface MathTutorState extends CollabState {
  /** The problem on the board. */
  problem: string;
  /** Valid steps on the board (the human's and the tutor's). */
  steps: number;
  /** Wrong steps the tutor flagged. */
  flagged: number;
  /** True once the problem is solved and its answer checked. */
  solved: boolean;
  /** What the tutor said last. */
  said: string;
  /** A control's on-screen rectangle (centre and size), in CSS pixels. */
  locate(control: TutorControl): { x: number; y: number; width: number; height: number };
}

const canvas = document.getElementById('scene') as HTMLCanvasElement;
const engine = new Engine(canvas, true, { stencil: true });
const scene = new Scene(engine);
scene.clearColor = Color4.FromHexString('#e9e1cfff');
const camera = new ArcRotateCamera('camera', -Math.PI / 2, 1.5, 6.2, new Vector3(0.05, 2.3, 0), scene);
camera.fov = 0.75;
const light = new HemisphericLight('light', new Vector3(-0.2, 1, -0.6), scene);
light.groundColor = new Color3(0.5, 0.47, 0.42);

const { board: boardMesh, tutorHead } = createClassroom(scene);
const board = new Chalkboard(boardMesh);
const ui = AdvancedDynamicTexture.CreateFullscreenUI('ui', true, scene);
ui.idealHeight = 540;
const bubble = new SpeechBubble(ui, { linkTo: tutorHead, hideAfterMs: Infinity, maxWidth: 320, offsetY: 80 });

function button(label: string, width: number, onClick: () => void): Button {
  const control = Button.CreateSimpleButton(label, label);
  control.widthInPixels = width;
  control.heightInPixels = 40;
  control.fontSizeInPixels = FONT_SIZE;
  control.color = 'white';
  control.background = '#2a9d8f';
  control.cornerRadius = 8;
  control.thickness = 0;
  control.paddingTopInPixels = control.paddingLeftInPixels = 4;
  control.onPointerClickObservable.add(onClick);
  return control;
}

const picker = new StackPanel('picker');
picker.widthInPixels = 150;
picker.horizontalAlignment = Control.HORIZONTAL_ALIGNMENT_RIGHT;
picker.verticalAlignment = Control.VERTICAL_ALIGNMENT_TOP;
picker.leftInPixels = -12;
picker.topInPixels = 12;
const pickButtons = new Map<ProblemName, Button>();
for (const name of Object.keys(PROBLEMS) as ProblemName[]) {
  const control = button(name, 150, () => pick(name));
  pickButtons.set(name, control);
  picker.addControl(control);
}
ui.addControl(picker);

const bar = new StackPanel('bar');
bar.isVertical = false;
bar.heightInPixels = 48;
bar.verticalAlignment = Control.VERTICAL_ALIGNMENT_BOTTOM;
bar.topInPixels = -14;
const input = new InputText('step');
input.widthInPixels = 380;
input.heightInPixels = 40;
input.paddingTopInPixels = 4;
input.fontSizeInPixels = FONT_SIZE;
input.color = '#1b1f2a';
input.background = input.focusedBackground = '#fffdf6';
input.placeholderText = 'Your next step, e.g. 3x = 15, then Enter';
input.placeholderColor = '#8a8f99';
input.onEnterPressedObservable.add(() => {
  const text = input.text.trim();
  input.text = '';
  input.focus();
  if (text) humanStep(text);
});
const turn = button('Your turn ▸', 140, () => tutorTurn());
bar.addControl(input);
bar.addControl(turn);
ui.addControl(bar);

const controls = new Map<TutorControl, Control>([['input', input], ['turn', turn], ['bubble', bubble.control], ...pickButtons]);
const state: MathTutorState = Object.assign(exposeCollabState(), {
  problem: '',
  steps: 0,
  flagged: 0,
  solved: false,
  said: '',
  locate(name: TutorControl) {
    const control = controls.get(name)!;
    const scale = canvas.clientWidth / engine.getRenderWidth();
    const { width, height } = control._currentMeasure;
    return { x: control.centerX * scale, y: control.centerY * scale, width: width * scale, height: height * scale };
  },
});

const reasoner = new MathReasoner();
let session: MathSession;

function say(text: string): void {
  state.said = text;
  bubble.say(text);
}

function pick(name: ProblemName): void {
  const problem = PROBLEMS[name];
  session = reasoner.session(problem);
  Object.assign(state, { problem, steps: 0, flagged: 0, solved: false });
  for (const [other, control] of pickButtons) control.background = other === name ? '#e76f51' : '#2a9d8f';
  board.start(`Solve  ${problem.replace(/^solve /, '')}`);
  say('Write the first step below, or press "Your turn" and I will start.');
}

/** Checks the human's step: valid ones go on the board, wrong ones are crossed out and explained. */
function humanStep(text: string): void {
  if (session.done) return say('This one is solved: pick another problem.');
  let check: StepCheck;
  try {
    check = session.human(text);
  } catch (error) {
    if (error instanceof MathParseError) return say(`I can't read that: ${error.message}.`);
    throw error;
  }
  state.decisions++;
  if (check.valid) {
    board.write(text, 'human');
    state.steps++;
    return session.done ? finish('') : say('Correct! What comes next?');
  }
  board.write(text, 'flagged');
  state.flagged++;
  // The hint names the move but keeps its result back ("Subtract 6 from both sides: 2x = 8").
  const move = check.hint ? `\nHint: ${check.hint.split(':')[0]}.` : '';
  say(`Not quite. ${check.message}.${move}`);
}

/** The tutor writes the next step. */
function tutorTurn(): void {
  if (session.done) return say('This one is solved: pick another problem.');
  const step = session.collaborator();
  if (step === null) return;
  state.decisions++;
  board.write(session.state, 'tutor');
  state.steps++;
  if (session.done) finish(`${step}. `);
  else say(`${step}.\nYour turn!`);
}

/** Checks the final state against the problem (the same solutions) and announces the answer. */
function finish(lead: string): void {
  state.solved = reasoner.checkStep(state.problem, session.state).valid;
  board.write(`Answer: ${session.state}  ${state.solved ? '✓' : '✗'}`, 'answer');
  say(state.solved
    ? `${lead}Solved: ${session.state}. I checked it against the original problem: same solutions.`
    : `${lead}Hmm, ${session.state} does not solve the original problem.`);
}

pick('Brackets');
scene.onAfterRenderObservable.addOnce(() => (state.ready = true));
engine.runRenderLoop(() => scene.render());
window.addEventListener('resize', () => engine.resize());
