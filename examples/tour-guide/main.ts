/**
 * The tour-guide scene: a museum loaded from a .glb, a visitor, and a guide collaborator that follows the
 * visitor (rays and a motion sensor), answers typed questions from a KnowledgeBase, suggests the next exhibit
 * and learns the visitor's taste from accept / reject. WebXR when the browser has it.
 */
import { ArcRotateCamera } from '@babylonjs/core/Cameras/arcRotateCamera.js';
import { Engine } from '@babylonjs/core/Engines/engine.js';
import { HemisphericLight } from '@babylonjs/core/Lights/hemisphericLight.js';
import { Color3, Color4 } from '@babylonjs/core/Maths/math.color.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { Scene } from '@babylonjs/core/scene.js';
import { WebXRState } from '@babylonjs/core/XR/webXRTypes.js';
import { AdvancedDynamicTexture } from '@babylonjs/gui/2D/advancedDynamicTexture.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import { CollaborationSession, interpretReply, type Answer, type KnowledgeJSON } from 'babylon-collaborator';
import { ChatPanel, SpeechBubble, SuggestionCard } from 'babylon-collaborator/gui';
import { describeError, exposeCollabState, type CollabState } from '../shared/collab-state.js';
import { screenCentre, type ScreenPoint } from '../shared/screen-point.js';
import { createGuide } from './guide.js';
import { createKnowledgeBase } from './knowledge.js';
import { loadMuseum, type Exhibit } from './museum.js';
import { KINDS, TasteModel } from './taste.js';
import { TastePanel } from './taste-panel.js';
import { Visitor } from './visitor.js';
import { enableXr } from './xr.js';

/** The controls a test can click. */
export type TourControl = 'accept' | 'reject' | 'chatInput' | 'send';

/** `window.__collab` of this page. */
export interface TourGuideState extends CollabState {
  /** Questions typed in the chat and the guide's answers. */
  answers: { question: string; answer: string }[];
  /** Exhibits suggested so far, oldest first. */
  suggestions: { exhibit: string; kind: string }[];
  /** Suggestions accepted and rejected. */
  accepted: number;
  rejected: number;
  /** The learned liking of each kind of exhibit, in [0, 1]. */
  taste: Record<string, number>;
  /** Where a control is on the page. */
  locate(control: TourControl): ScreenPoint;
}

const state = exposeCollabState() as TourGuideState;
const canvas = document.getElementById('scene') as HTMLCanvasElement;
const engine = new Engine(canvas, true, { stencil: true });
const scene = new Scene(engine);
scene.clearColor = Color4.FromHexString('#f4f1eaff');
const camera = new ArcRotateCamera('camera', -Math.PI / 2, 0.72, 38, new Vector3(0, 0, -0.5), scene);
camera.fov = 0.55;
camera.lowerRadiusLimit = 6;
camera.upperRadiusLimit = 70;
camera.upperBetaLimit = 1.35;
camera.attachControl(true);
const light = new HemisphericLight('light', new Vector3(0.3, 1, -0.5), scene);
light.groundColor = new Color3(0.5, 0.5, 0.55);
light.intensity = 1.1;

const ui = AdvancedDynamicTexture.CreateFullscreenUI('ui', true, scene);
const session = new CollaborationSession();
const card = new SuggestionCard(ui, { session, width: 320, fontSize: 15 });
const chat = new ChatPanel(ui, { width: 340, height: 220, placeholder: 'Ask, e.g. "Who made the Brass Orrery?"' });
const tastePanel = new TastePanel(ui, KINDS);
/** Pins a widget to a corner; it shrinks (towards that corner) on canvases narrower than 900 pixels. */
const place = (control: Control, horizontal: number, vertical: number): void => {
  const left = horizontal === Control.HORIZONTAL_ALIGNMENT_LEFT;
  const top = vertical === Control.VERTICAL_ALIGNMENT_TOP;
  Object.assign(control, { horizontalAlignment: horizontal, verticalAlignment: vertical, left: left ? 12 : -12, top: top ? 12 : -12, transformCenterX: left ? 0 : 1, transformCenterY: top ? 0 : 1 });
  const fit = (): void => {
    control.scaleX = control.scaleY = Math.max(0.5, Math.min(1, engine.getRenderWidth() / 900));
  };
  fit();
  engine.onResizeObservable.add(fit);
};
place(card.control, Control.HORIZONTAL_ALIGNMENT_RIGHT, Control.VERTICAL_ALIGNMENT_TOP);
place(chat.control, Control.HORIZONTAL_ALIGNMENT_LEFT, Control.VERTICAL_ALIGNMENT_BOTTOM);
place(tastePanel.control, Control.HORIZONTAL_ALIGNMENT_RIGHT, Control.VERTICAL_ALIGNMENT_BOTTOM);
const targets: Record<TourControl, Control> = { accept: card.acceptButton, reject: card.rejectButton, chatInput: chat.input, send: chat.sendButton };
Object.assign(state, { answers: [], suggestions: [], accepted: 0, rejected: 0, taste: {}, locate: (c: TourControl) => screenCentre(targets[c], canvas) });

async function main(): Promise<void> {
  const asset = (file: string): string => new URL(`../assets/museum/${file}`, location.href).href;
  const [museum, json] = await Promise.all([
    loadMuseum(scene, asset('museum.glb')),
    fetch(asset('knowledge.json')).then((r) => r.json() as Promise<KnowledgeJSON>),
  ]);
  const kb = createKnowledgeBase(json);
  const taste = new TasteModel(kb);
  const visitor = new Visitor(scene, new Vector3(-13, 0, 0));
  let xrCamera: { globalPosition: Vector3 } | null = null;
  const guide = createGuide(scene, () => xrCamera?.globalPosition ?? visitor.body.getAbsolutePosition(), [-12.5, -2]);
  const bubble = new SpeechBubble(ui, { linkTo: guide.attachedNode, hideAfterMs: 5000, maxWidth: 280 });
  const fact = (subject: string, relation: string): string => String(kb.query({ subject, relation })[0]?.object ?? '');
  const byName = new Map(museum.exhibits.map((e) => [e.name, e]));

  let here: Exhibit | null = null;
  let last: Exhibit | null = null;
  const suggest = (): void => {
    const next = taste.pick(museum.exhibits.filter((e) => e !== here && e !== last), here);
    last = next;
    const [score] = taste.scores([next]);
    state.suggestions.push({ exhibit: next.name, kind: next.kind });
    session.propose({ kind: 'suggestion', content: `Shall we see ${next.name}, a ${next.kind} in the ${fact(next.name, 'in_room')}?`, value: next.name, confidence: score });
  };
  const showTaste = (loss: number): void => {
    state.taste = taste.kindScores();
    tastePanel.show(state.taste, `${state.accepted} accepted · ${state.rejected} rejected · loss ${loss.toFixed(3)}`);
  };
  /** Accept: go there. Reject: learn and suggest again. Correct: go to the exhibit the correction names, if any. */
  const answered = async (answer: Answer): Promise<void> => {
    const proposed = byName.get(answer.proposal.value as string)!;
    const named = answer.verdict === 'corrected' ? byName.get(kb.findEntities(String(answer.correction)).find((n) => byName.has(n)) ?? '') : undefined;
    const goTo = answer.verdict === 'accepted' ? proposed : named;
    if (goTo) {
      state.accepted++;
      here = goTo;
      visitor.walkTo(goTo.view);
      bubble.say(`This way to ${goTo.name}!`);
    } else {
      state.rejected++;
      bubble.say('Something else, then.');
    }
    let loss = await taste.learn(proposed, goTo === proposed);
    if (goTo && goTo !== proposed) loss = await taste.learn(goTo, true);
    showTaste(loss);
    suggest();
  };
  session.onAnswerObservable.add((answer) => void answered(answer).catch((e: unknown) => state.errors.push(describeError(e))));
  visitor.onArrivedObservable.add(() => here && bubble.say(fact(here.name, 'about')));

  chat.onMessageObservable.add(({ text }) => {
    const pending = session.pending[0];
    if (pending && interpretReply(text).verdict !== 'corrected') {
      session.respond(pending.id, text);
      return;
    }
    const reply = kb.answer(text).text;
    state.answers.push({ question: text, answer: reply });
    chat.addMessage('collaborator', reply);
    bubble.say(reply);
  });
  guide.onDecisionObservable.add(() => state.decisions++);
  guide.onDecisionErrorObservable.add((error) => state.errors.push(`guide: ${describeError(error)}`));
  scene.onAfterRenderObservable.add(() => {
    if (state.decisions > 0) state.ready = true;
  });

  chat.addMessage('collaborator', 'Welcome! I am your guide. Ask me about any exhibit, or answer my suggestions.');
  showTaste(0);
  suggest();
  const xr = await enableXr(scene, museum.floors);
  xr?.baseExperience.onStateChangedObservable.add((xrState) => {
    const inXr = xrState === WebXRState.IN_XR;
    xrCamera = inXr ? xr.baseExperience.camera : null;
    visitor.walking = !inXr;
    visitor.body.setEnabled(!inXr);
  });
}

main().catch((error: unknown) => state.errors.push(describeError(error)));
engine.runRenderLoop(() => scene.render());
window.addEventListener('resize', () => engine.resize());
