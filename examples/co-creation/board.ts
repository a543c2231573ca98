/**
 * The sequencer grid in 3-D: steps run left to right, pitches from front (low) to back (high). Notes are blocks
 * coloured by pitch, the collaborator's proposal a translucent ghost block, the playhead a glowing column.
 * A tap (a click without a drag) on the grid notifies the cell under the pointer.
 */
import '@babylonjs/core/Culling/ray.js';
import { PointerEventTypes } from '@babylonjs/core/Events/pointerEvents.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { Matrix, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { CreateGround } from '@babylonjs/core/Meshes/Builders/groundBuilder.js';
import { CreateLineSystem } from '@babylonjs/core/Meshes/Builders/linesBuilder.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import { Observable } from '@babylonjs/core/Misc/observable.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { PITCHES, STEPS, type Note } from './melody.js';
import type { PagePoint } from './studio-state.js';

const NOTE_HEIGHT = 0.5;

function material(scene: Scene, name: string, colour: Color3, alpha = 1): StandardMaterial {
  const m = new StandardMaterial(name, scene);
  m.diffuseColor = colour;
  m.specularColor = new Color3(0.1, 0.1, 0.1);
  m.emissiveColor = colour.scale(alpha < 1 ? 0.4 : 0.15);
  m.alpha = alpha;
  return m;
}

/** The centre of `note`'s cell, `y` above the grid. */
function centre(note: Note, y: number): Vector3 {
  return new Vector3(note.step - (STEPS - 1) / 2, y, note.pitch - (PITCHES - 1) / 2);
}

/** The grid, its notes, the ghost of the proposal and the playhead. */
export class Board {
  /** Notified with the cell of each tap on the grid. */
  readonly onCellObservable = new Observable<Note>();
  private readonly rows: Mesh[] = [];
  private readonly notes: Mesh[] = [];
  private readonly colours: StandardMaterial[] = [];
  private readonly ghost: Mesh;
  private readonly playhead: Mesh;

  constructor(private readonly scene: Scene) {
    for (let p = 0; p < PITCHES; p++) {
      const row = CreateGround(`row${p}`, { width: STEPS, height: 1 }, scene);
      row.position.z = p - (PITCHES - 1) / 2;
      row.material = material(scene, `row${p}`, Color3.FromHexString(p % 2 ? '#ddd5c2' : '#eeeae0'));
      this.rows.push(row);
      this.colours.push(material(scene, `pitch${p}`, Color3.FromHSV(200 - p * 25, 0.65, 0.85)));
    }
    const lines = Array.from({ length: STEPS + 1 }, (_, s) => [-1, 1].map((z) => new Vector3(s - STEPS / 2, 0.01, (z * PITCHES) / 2)));
    CreateLineSystem('beats', { lines }, scene).color = Color3.FromHexString('#9a937f');
    for (let s = 0; s < STEPS; s++) {
      const note = CreateBox(`note${s}`, { width: 0.8, height: NOTE_HEIGHT, depth: 0.8 }, scene);
      note.isPickable = false;
      note.setEnabled(false);
      this.notes.push(note);
    }
    this.ghost = CreateBox('ghost', { width: 0.8, height: NOTE_HEIGHT, depth: 0.8 }, scene);
    this.ghost.material = material(scene, 'ghost', Color3.FromHexString('#f28c28'), 0.7);
    this.ghost.isPickable = false;
    this.ghost.setEnabled(false);
    this.playhead = CreateBox('playhead', { width: 1, height: 0.04, depth: PITCHES }, scene);
    this.playhead.material = material(scene, 'playhead', Color3.FromHexString('#2a9d8f'), 0.3);
    this.playhead.isPickable = false;
    this.playhead.setEnabled(false);
    let down: { x: number; y: number } | null = null; // where the pointer went down: a drag (orbit) is no tap
    scene.onPointerObservable.add(({ type }) => {
      const here = { x: scene.pointerX, y: scene.pointerY };
      if (type === PointerEventTypes.POINTERUP && down && Math.hypot(here.x - down.x, here.y - down.y) < 6) this.tap();
      down = type === PointerEventTypes.POINTERDOWN ? here : null;
    }, PointerEventTypes.POINTERDOWN | PointerEventTypes.POINTERUP);
  }

  /** Shows the notes of the loop (the pitch at each step, or null). */
  show(pitches: readonly (number | null)[]): void {
    pitches.forEach((pitch, step) => {
      const note = this.notes[step];
      note.setEnabled(pitch !== null);
      if (pitch === null) return;
      note.position.copyFrom(centre({ step, pitch }, NOTE_HEIGHT / 2));
      note.material = this.colours[pitch];
    });
  }

  /** Shows the ghost of a proposed note, or hides it (null). */
  showGhost(note: Note | null): void {
    this.ghost.setEnabled(note !== null);
    if (note) this.ghost.position.copyFrom(centre(note, NOTE_HEIGHT / 2));
  }

  /** Moves the playhead to `step` and lifts the note sounding there; -1 hides the playhead. */
  play(step: number): void {
    this.playhead.setEnabled(step >= 0);
    this.playhead.position.x = step - (STEPS - 1) / 2;
    this.notes.forEach((note, s) => note.scaling.setAll(s === step ? 1.25 : 1));
  }

  /** Where the centre of `note`'s cell is on the page, in CSS pixels. */
  screenPoint(note: Note): PagePoint {
    const engine = this.scene.getEngine();
    const viewport = this.scene.activeCamera!.viewport.toGlobal(engine.getRenderWidth(), engine.getRenderHeight());
    const point = Vector3.Project(centre(note, 0), Matrix.IdentityReadOnly, this.scene.getTransformMatrix(), viewport);
    return this.pagePoint(point.x, point.y);
  }

  /** Where a point of the render target (in render pixels, e.g. a GUI control's centre) is on the page. */
  pagePoint(x: number, y: number): PagePoint {
    const engine = this.scene.getEngine();
    const canvas = engine.getRenderingCanvasClientRect()!;
    const scale = canvas.width / engine.getRenderWidth();
    return { x: canvas.left + x * scale, y: canvas.top + y * scale };
  }

  private tap(): void {
    const pick = this.scene.pick(this.scene.pointerX, this.scene.pointerY, (mesh) => this.rows.includes(mesh as Mesh));
    if (!pick.hit || !pick.pickedPoint) return;
    const step = Math.floor(pick.pickedPoint.x + STEPS / 2);
    const pitch = Math.floor(pick.pickedPoint.z + PITCHES / 2);
    if (step >= 0 && step < STEPS && pitch >= 0 && pitch < PITCHES) this.onCellObservable.notifyObservers({ step, pitch });
  }
}
