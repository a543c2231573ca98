/**
 * The co-creation studio: the human places notes on a 16-step sequencer, the collaborator proposes the next
 * note (a ghost block and a suggestion card), and learns online from each accept and correction. A Web Audio
 * loop plays the piece; the overlay plots the loss and the agreement and shows the scheduler's statistics.
 */
import { ArcRotateCamera } from '@babylonjs/core/Cameras/arcRotateCamera.js';
import { Engine } from '@babylonjs/core/Engines/engine.js';
import { HemisphericLight } from '@babylonjs/core/Lights/hemisphericLight.js';
import { Color4 } from '@babylonjs/core/Maths/math.color.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { Scene } from '@babylonjs/core/scene.js';
import { AdvancedDynamicTexture } from '@babylonjs/gui/2D/advancedDynamicTexture.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import { FrameScheduler } from 'babylon-collaborator';
import { CollaboratorOverlay, SuggestionCard } from 'babylon-collaborator/gui';
import { describeError } from '../shared/collab-state.js';
import { AudioLoop } from './audio-loop.js';
import { Board } from './board.js';
import { createComposer } from './composer.js';
import { Melody, PITCH_NAMES, type Note } from './melody.js';
import { exposeStudioState } from './studio-state.js';

const state = exposeStudioState({
  cellPoint: (note) => board.screenPoint(note),
  buttonPoint: (name) => {
    const button = card[`${name}Button`];
    return board.pagePoint(button.centerX / ui.renderScale, button.centerY / ui.renderScale);
  },
});
const canvas = document.getElementById('scene') as HTMLCanvasElement;
const engine = new Engine(canvas, true, { stencil: true });
const scene = new Scene(engine);
scene.clearColor = Color4.FromHexString('#f4f1eaff');
const camera = new ArcRotateCamera('camera', -Math.PI / 2, 0.7, 21, new Vector3(3.5, 0, 3.3), scene);
camera.lowerRadiusLimit = 10;
camera.upperRadiusLimit = 40;
camera.upperBetaLimit = 1.3;
camera.attachControl(true);
new HemisphericLight('light', new Vector3(0.3, 1, -0.5), scene);

const board = new Board(scene);
const melody = new Melody([{ step: 0, pitch: 0 }, { step: 1, pitch: 2 }]);
const scheduler = new FrameScheduler({ budgetMs: 4 });
scheduler.attachToScene(scene);
const { behavior, trainer, session } = createComposer(new TransformNode('composer', scene), melody, scheduler);
const audio = new AudioLoop(() => melody.pitches);

const ui = AdvancedDynamicTexture.CreateFullscreenUI('ui', true, scene);
/** Below 960 pixels wide the widgets are drawn smaller (into a larger texture) so they leave room for the grid. */
const fitUi = (): void => {
  ui.renderScale = Math.max(1, 960 / engine.getRenderWidth());
};
fitUi();
const card = new SuggestionCard(ui, { session, width: 280, fontSize: 14, placeholder: 'or type a move: steps, degrees' });
card.control.horizontalAlignment = Control.HORIZONTAL_ALIGNMENT_RIGHT;
card.control.verticalAlignment = Control.VERTICAL_ALIGNMENT_BOTTOM;
card.control.leftInPixels = -10;
card.control.topInPixels = -10;
card.control.isPointerBlocker = true;
const overlay = new CollaboratorOverlay(ui, { scheduler, collaborator: behavior, session, width: 260, fontSize: 12 });
overlay.control.isPointerBlocker = true;
trainer.onProgressObservable.add(({ loss, steps }) => {
  overlay.addLoss(loss);
  state.trainingSteps = steps;
});

/** Set while the collaborator is asked for the next note: its next decision after training becomes a proposal. */
let awaitingProposal = false;

/** Shows the melody and asks the collaborator for the next note. */
function askForNext(): void {
  board.show(melody.pitches);
  state.melody = [...melody.history];
  awaitingProposal = true;
}

function place(note: Note): void {
  melody.place(note);
  state.notes++;
  askForNext();
}

behavior.onDecisionObservable.add(({ actions }) => {
  state.decisions++;
  if (!awaitingProposal || trainer.isTraining) return;
  awaitingProposal = false;
  const note = melody.after(actions);
  const rate = session.snapshot.windowAgreementRate;
  session.proposeDecision({
    content: `${PITCH_NAMES[note.pitch]} on step ${note.step + 1}: ${Melody.describe(actions)}.`,
    confidence: Number.isNaN(rate) ? 0.5 : rate,
  });
  board.showGhost(note);
  state.proposal = note;
  state.proposals++;
});

session.onAnswerObservable.add((answer) => {
  board.showGhost(null);
  state.proposal = null;
  state.agreement = session.snapshot.windowAgreementRate;
  if (answer.verdict === 'accepted') state.accepted++;
  if (answer.verdict === 'corrected') state.corrected++;
  if (answer.humanActions) place(melody.after(answer.humanActions));
});

board.onCellObservable.add((cell) => {
  const [pending] = session.pending;
  if (!pending) return place(cell);
  const proposed = melody.after(pending.actions!);
  if (proposed.step === cell.step && proposed.pitch === cell.pitch) session.accept(pending.id, { via: 'gui' });
  else session.correct(pending.id, melody.moveTo(cell), { via: 'demonstration' });
});

behavior.onDecisionErrorObservable.add((error) => state.errors.push(describeError(error)));
scheduler.onTaskErrorObservable.add(({ error }) => state.errors.push(describeError(error)));
window.addEventListener('pointerdown', () => audio.start(), { capture: true });
window.addEventListener('keydown', () => audio.start(), { capture: true });

state.notes = melody.history.length;
askForNext();
scene.onAfterRenderObservable.add(() => {
  if (awaitingProposal) behavior.requestDecision();
  board.play(audio.update());
  state.audioRunning = audio.running;
  if (state.decisions > 0) state.ready = true;
});
engine.runRenderLoop(() => scene.render());
window.addEventListener('resize', () => {
  engine.resize();
  fitUi();
});
