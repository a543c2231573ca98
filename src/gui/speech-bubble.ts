import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { Observer } from '@babylonjs/core/Misc/observable.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { Nullable } from '@babylonjs/core/types.js';
import type { AdvancedDynamicTexture } from '@babylonjs/gui/2D/advancedDynamicTexture.js';
import { Rectangle } from '@babylonjs/gui/2D/controls/rectangle.js';
import { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import { requireNumber, requireType } from '../collaborator/options.js';

/** Options of {@link SpeechBubble}. */
export interface SpeechBubbleOptions {
  /** The node the bubble floats above; it hides while the node is off screen. @default none: the UI's centre */
  linkTo?: TransformNode | null;
  /** Said at once (for `hideAfterMs`) when not empty. @default '' */
  text?: string;
  /** How long each {@link SpeechBubble.say} stays up, in ms of rendered frames (> 0, or Infinity to stay). @default 4000 */
  hideAfterMs?: number;
  /** The bubble's centre sits this many pixels above the linked node (>= 0). @default 64 */
  offsetY?: number;
  /** Text wraps beyond this width in pixels (>= 40). @default 260 */
  maxWidth?: number;
  /** Font size in pixels (> 0). @default 16 */
  fontSize?: number;
  /** CSS colour of the text. @default '#1b1f2a' */
  color?: string;
  /** CSS colour of the bubble. @default 'rgba(255, 255, 255, 0.92)' */
  background?: string;
}

/** Options of {@link SpeechBubble.say}. */
export interface SayOptions {
  /** Hide after this many ms of rendered frames (> 0, or Infinity to stay). @default the bubble's `hideAfterMs` */
  durationMs?: number;
}

const OWNER = 'SpeechBubble';
const PADDING = 10;
const FONT_FAMILY = 'sans-serif';

const isString = (v: unknown): boolean => typeof v === 'string';
const isNode = (v: unknown): boolean => v === null || (typeof v === 'object' && typeof (v as TransformNode).getAbsolutePosition === 'function');

function requireDuration(option: string, value: unknown): number {
  return value === Infinity ? Infinity : requireNumber(OWNER, option, value, 0, Infinity, true);
}

/**
 * A speech bubble on a 2-D GUI layer that floats above a node and hides itself after a while.
 * Time is counted in the scene's rendered frames, so a paused or disposed scene never fires a stale timer.
 *
 * @example
 * ```ts
 * const ui = AdvancedDynamicTexture.CreateFullscreenUI('ui', true, scene);
 * const bubble = new SpeechBubble(ui, { linkTo: guide });
 * bubble.say('Follow me!', { durationMs: 2000 });
 * ```
 */
export class SpeechBubble {
  /** Default display time of {@link say}, in ms. */
  readonly hideAfterMs: number;
  /** The bubble's root control (a Rectangle holding a TextBlock), for styling. */
  readonly control: Rectangle;

  private readonly ui: AdvancedDynamicTexture;
  private readonly scene: Scene;
  private readonly label: TextBlock;
  private readonly maxWidth: number;
  private remainingMs = Infinity;
  private countdown: Nullable<Observer<Scene>> = null;
  private linked: Nullable<TransformNode> = null;
  private disposed = false;

  /**
   * Adds the bubble's controls to `ui`; hidden until it says something.
   * @throws TypeError or RangeError naming the first invalid option.
   */
  constructor(ui: AdvancedDynamicTexture, options: SpeechBubbleOptions = {}) {
    requireType(OWNER, 'ui', ui, (v) => !!v && typeof (v as AdvancedDynamicTexture).addControl === 'function', 'an AdvancedDynamicTexture');
    const scene = ui.getScene();
    if (!scene) throw new TypeError(`${OWNER}: option 'ui' must belong to a scene, got a texture without one`);
    const text = requireType<string>(OWNER, 'text', options.text ?? '', isString, 'a string');
    this.hideAfterMs = requireDuration('hideAfterMs', options.hideAfterMs ?? 4000);
    const offsetY = requireNumber(OWNER, 'offsetY', options.offsetY ?? 64, 0);
    this.maxWidth = requireNumber(OWNER, 'maxWidth', options.maxWidth ?? 260, 40);
    const fontSize = requireNumber(OWNER, 'fontSize', options.fontSize ?? 16, 0, Infinity, true);
    const color = requireType<string>(OWNER, 'color', options.color ?? '#1b1f2a', isString, 'a CSS colour string');
    const background = requireType<string>(OWNER, 'background', options.background ?? 'rgba(255, 255, 255, 0.92)', isString, 'a CSS colour string');
    const linkTo = requireType<Nullable<TransformNode>>(OWNER, 'linkTo', options.linkTo ?? null, isNode, 'a TransformNode');

    this.ui = ui;
    this.scene = scene;
    this.control = new Rectangle(`${OWNER}`);
    this.control.isVisible = false;
    this.control.isPointerBlocker = false;
    this.control.adaptHeightToChildren = true;
    this.control.cornerRadius = 12;
    this.control.thickness = 1;
    this.control.color = 'rgba(0, 0, 0, 0.3)';
    this.control.background = background;
    this.control.linkOffsetYInPixels = -offsetY;

    this.label = new TextBlock(`${OWNER}.text`);
    this.label.textWrapping = true; // word wrap
    this.label.resizeToFit = true;
    this.label.fontFamily = FONT_FAMILY;
    this.label.fontSizeInPixels = fontSize;
    this.label.color = color;
    for (const side of ['paddingTopInPixels', 'paddingBottomInPixels', 'paddingLeftInPixels', 'paddingRightInPixels'] as const) {
      this.label[side] = PADDING;
    }
    this.control.addControl(this.label);
    ui.addControl(this.control);

    this.linkTo(linkTo);
    if (text) this.say(text);
  }

  /** True while the bubble is shown (it has said something and has not hidden since). */
  get isVisible(): boolean {
    return this.control.isVisible;
  }

  /** The text last said. */
  get text(): string {
    return this.label.text;
  }

  /** The node the bubble floats above, or null. */
  get linkedNode(): Nullable<TransformNode> {
    return this.linked;
  }

  /**
   * Shows `text` and restarts the countdown: the bubble hides after `durationMs` of rendered frames.
   * @throws TypeError or RangeError naming an invalid argument; Error when disposed.
   */
  say(text: string, options: SayOptions = {}): void {
    this.assertAlive('say');
    requireType(OWNER, 'text', text, isString, 'a string');
    const durationMs = requireDuration('durationMs', options.durationMs ?? this.hideAfterMs);
    this.label.text = text;
    this.control.widthInPixels = this.widthFor(text);
    this.control.isVisible = true;
    this.remainingMs = durationMs;
    if (durationMs === Infinity) this.stopCountdown();
    else this.countdown ??= this.scene.onBeforeRenderObservable.add(() => this.tick());
  }

  /** Hides the bubble now and stops its countdown; the next {@link say} shows it again. Harmless when hidden. */
  hide(): void {
    this.stopCountdown();
    this.control.isVisible = false;
  }

  /**
   * Makes the bubble float above `node` (null: the UI's centre).
   * @throws TypeError when `node` is not a TransformNode; Error when disposed.
   */
  linkTo(node: Nullable<TransformNode>): void {
    this.assertAlive('linkTo');
    requireType(OWNER, 'node', node, isNode, 'a TransformNode or null');
    this.linked = node;
    this.control.linkWithMesh(node);
  }

  /** Removes the bubble's controls from its UI and stops its countdown. Calling it again does nothing. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopCountdown();
    this.control.linkWithMesh(null);
    this.ui.removeControl(this.control);
    this.control.dispose();
    this.linked = null;
  }

  private tick(): void {
    this.remainingMs -= this.scene.getEngine().getDeltaTime();
    if (this.remainingMs <= 0) this.hide();
  }

  private stopCountdown(): void {
    if (this.countdown) this.scene.onBeforeRenderObservable.remove(this.countdown);
    this.countdown = null;
  }

  private widthFor(text: string): number {
    const context = this.ui.getContext();
    context.font = `${this.label.fontSizeInPixels}px ${FONT_FAMILY}`;
    const widest = Math.max(...text.split('\n').map((line) => context.measureText(line).width));
    return Math.min(this.maxWidth, Math.ceil(widest) + 2 * PADDING + 4);
  }

  private assertAlive(method: string): void {
    if (this.disposed) throw new Error(`${OWNER}: ${method}() called after dispose()`);
  }
}
