/** A small GUI panel showing the learned taste: one bar per kind of exhibit, and the training loss. */
import type { AdvancedDynamicTexture } from '@babylonjs/gui/2D/advancedDynamicTexture.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import { Rectangle } from '@babylonjs/gui/2D/controls/rectangle.js';
import { StackPanel } from '@babylonjs/gui/2D/controls/stackPanel.js';
import { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';

const WIDTH = 260;
const BAR = 120;

function label(text: string, size: number, width: number): TextBlock {
  const block = new TextBlock(`taste ${text}`, text);
  block.widthInPixels = width;
  block.heightInPixels = size * 1.6;
  block.fontSizeInPixels = size;
  block.color = '#e8ecf4';
  block.textHorizontalAlignment = Control.HORIZONTAL_ALIGNMENT_LEFT;
  return block;
}

/** The panel, in a corner of a fullscreen UI (placed by the page). */
export class TastePanel {
  /** The panel's root control, for layout. */
  readonly control = new Rectangle('taste');
  private readonly bars = new Map<string, Rectangle>();
  private readonly footer = label('Accept or reject a suggestion.', 12, WIDTH - 20);

  constructor(ui: AdvancedDynamicTexture, kinds: readonly string[]) {
    Object.assign(this.control, { widthInPixels: WIDTH, adaptHeightToChildren: true, cornerRadius: 10, thickness: 0, background: 'rgba(27, 31, 42, 0.85)' });
    const stack = new StackPanel('taste stack');
    stack.paddingTopInPixels = 8;
    stack.paddingBottomInPixels = 8;
    stack.addControl(label('Your taste (learned)', 15, WIDTH - 20));
    for (const kind of kinds) {
      const row = new StackPanel(`taste ${kind} row`);
      row.isVertical = false;
      row.heightInPixels = 22;
      row.widthInPixels = WIDTH - 20;
      row.addControl(label(kind, 13, WIDTH - 20 - BAR));
      const track = new Rectangle(`taste ${kind} track`);
      Object.assign(track, { widthInPixels: BAR, heightInPixels: 12, thickness: 0, background: 'rgba(255, 255, 255, 0.15)' });
      const bar = new Rectangle(`taste ${kind} bar`);
      Object.assign(bar, { widthInPixels: 0, thickness: 0, background: '#2a9d8f', horizontalAlignment: Control.HORIZONTAL_ALIGNMENT_LEFT });
      track.addControl(bar);
      row.addControl(track);
      stack.addControl(row);
      this.bars.set(kind, bar);
    }
    stack.addControl(this.footer);
    this.control.addControl(stack);
    ui.addControl(this.control);
  }

  /** Shows `scores` (in [0, 1], by kind) and a footer line. */
  show(scores: Record<string, number>, footer: string): void {
    for (const [kind, bar] of this.bars) bar.widthInPixels = Math.round(BAR * (scores[kind] ?? 0));
    this.footer.text = footer;
  }
}
