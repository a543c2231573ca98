/**
 * The chalkboard: a GUI texture on the board mesh showing the problem and the steps written so far. The human's
 * steps are in white chalk, the tutor's in yellow, flagged ones crossed out in red, the checked answer in green.
 */
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import { AdvancedDynamicTexture } from '@babylonjs/gui/2D/advancedDynamicTexture.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import { StackPanel } from '@babylonjs/gui/2D/controls/stackPanel.js';
import { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';

/** Who wrote a line, or what it is. */
export type Chalk = 'human' | 'tutor' | 'flagged' | 'answer';

const COLOURS: Record<Chalk, string> = { human: '#f4f1e8', tutor: '#f6e27f', flagged: '#ff6b6b', answer: '#9be59b' };
const FONT = '"Chalkboard SE", "Comic Sans MS", "Segoe Print", cursive';
const LINE_HEIGHT = 72;
/** Lines that fit under the title; older ones scroll off the top. */
const MAX_LINES = 6;

function chalkText(name: string, text: string, size: number, colour: string): TextBlock {
  const block = new TextBlock(name, text);
  block.fontFamily = FONT;
  block.fontSizeInPixels = size;
  block.color = colour;
  block.textHorizontalAlignment = Control.HORIZONTAL_ALIGNMENT_LEFT;
  return block;
}

/** A chalkboard GUI on `mesh` (a 4 x 2.5 plane: the texture is 1024 x 640). */
export class Chalkboard {
  private readonly title: TextBlock;
  private readonly lines: StackPanel;

  constructor(mesh: Mesh) {
    const ui = AdvancedDynamicTexture.CreateForMesh(mesh, 1024, 640, false);
    ui.background = '#23412f';
    this.title = chalkText('title', '', 64, COLOURS.human);
    this.title.heightInPixels = 96;
    this.title.verticalAlignment = Control.VERTICAL_ALIGNMENT_TOP;
    this.title.paddingLeftInPixels = 40;
    this.title.underline = true;
    ui.addControl(this.title);

    this.lines = new StackPanel('lines');
    this.lines.verticalAlignment = Control.VERTICAL_ALIGNMENT_TOP;
    this.lines.topInPixels = 100;
    this.lines.paddingLeftInPixels = 80;
    ui.addControl(this.lines);

    const legend = chalkText('legend', 'white: you · yellow: tutor · red: flagged', 26, 'rgba(244, 241, 232, 0.55)');
    legend.heightInPixels = 40;
    legend.verticalAlignment = Control.VERTICAL_ALIGNMENT_BOTTOM;
    legend.textHorizontalAlignment = Control.HORIZONTAL_ALIGNMENT_RIGHT;
    legend.paddingRightInPixels = 30;
    ui.addControl(legend);
  }

  /** Wipes the board and writes `title` (the problem) at the top. */
  start(title: string): void {
    this.title.text = title;
    for (const line of [...this.lines.children]) line.dispose();
  }

  /** Writes a line in the chalk of `kind`. */
  write(text: string, kind: Chalk): void {
    const line = chalkText('line', text, 56, COLOURS[kind]);
    line.heightInPixels = LINE_HEIGHT;
    line.lineThrough = kind === 'flagged';
    this.lines.addControl(line);
    while (this.lines.children.length > MAX_LINES) this.lines.children[0].dispose();
  }
}
