import { Observable } from '@babylonjs/core/Misc/observable.js';
import type { AdvancedDynamicTexture } from '@babylonjs/gui/2D/advancedDynamicTexture.js';
import { Button } from '@babylonjs/gui/2D/controls/button.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import { Grid } from '@babylonjs/gui/2D/controls/grid.js';
import { InputText } from '@babylonjs/gui/2D/controls/inputText.js';
import { Rectangle } from '@babylonjs/gui/2D/controls/rectangle.js';
import { ScrollViewer } from '@babylonjs/gui/2D/controls/scrollViewers/scrollViewer.js';
import { StackPanel } from '@babylonjs/gui/2D/controls/stackPanel.js';
import { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import type { HolographicSlate } from '@babylonjs/gui/3D/controls/holographicSlate.js';
import type { GUI3DManager } from '@babylonjs/gui/3D/gui3DManager.js';
import { requireInteger, requireNumber, requireType } from '../collaborator/options.js';
import { THEME } from './theme.js';
import { WidgetMount, type Slate3DOptions } from './widget-mount.js';

/** Who said a chat message. */
export type ChatAuthor = 'human' | 'collaborator';

/** A message of the chat history. */
export interface ChatMessage {
  /** Who said it. */
  readonly from: ChatAuthor;
  /** What was said. */
  readonly text: string;
  /** When, in ms (performance.now clock). */
  readonly time: number;
}

/** Options of {@link ChatPanel}. */
export interface ChatPanelOptions {
  /** Panel width in pixels (>= 200). @default 360 */
  width?: number;
  /** Panel height in pixels (>= 120). @default 320 */
  height?: number;
  /** Font size in pixels (> 0). @default 15 */
  fontSize?: number;
  /** Messages kept in the history (integer >= 1); the oldest go first. @default 100 */
  maxMessages?: number;
  /** Placeholder of the input field. @default 'Type a message…' */
  placeholder?: string;
  /** Add what the human sends to the history as a 'human' message. @default true */
  echo?: boolean;
}

const OWNER = 'ChatPanel';
const INPUT_ROW = 2.6; // input row height, in font sizes
const SCROLLBAR = 12;

const isString = (v: unknown): boolean => typeof v === 'string';

/**
 * A chat between the human and the collaborator: a scrolling history of messages (the human's on the right,
 * the collaborator's on the left), an input field and a Send button. What the human sends (Enter or Send) is
 * notified on {@link onMessageObservable}; the history scrolls to the newest message.
 *
 * @example
 * ```ts
 * const chat = new ChatPanel(ui);
 * chat.onMessageObservable.add(({ text }) => chat.addMessage('collaborator', kb.answer(text).text));
 * ```
 */
export class ChatPanel {
  /** The panel's root control, for layout and styling. */
  readonly control: Rectangle;
  /** The field the human types in. */
  readonly input: InputText;
  /** The Send button. */
  readonly sendButton: Button;
  /** The scrolling history. */
  readonly history: ScrollViewer;
  /** Notified with each message the human sends (after it was added to the history when echoing). */
  readonly onMessageObservable = new Observable<ChatMessage>();

  private readonly mount: WidgetMount;
  private readonly list: StackPanel;
  private readonly log: ChatMessage[] = [];
  private readonly bubbleWidth: number;
  private readonly fontSize: number;
  private readonly maxMessages: number;
  private readonly echo: boolean;
  private disposed = false;

  /**
   * Builds the panel in `ui` (null: unattached, for {@link attachTo3D}).
   * @throws TypeError or RangeError naming the first invalid option.
   */
  constructor(ui: AdvancedDynamicTexture | null, options: ChatPanelOptions = {}) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    const width = requireNumber(OWNER, 'width', options.width ?? 360, 200);
    const height = requireNumber(OWNER, 'height', options.height ?? 320, 120);
    this.fontSize = requireNumber(OWNER, 'fontSize', options.fontSize ?? 15, 0, Infinity, true);
    this.maxMessages = requireInteger(OWNER, 'maxMessages', options.maxMessages ?? 100, 1);
    const placeholder = requireType<string>(OWNER, 'placeholder', options.placeholder ?? 'Type a message…', isString, 'a string');
    this.echo = requireType(OWNER, 'echo', options.echo ?? true, (v) => typeof v === 'boolean', 'a boolean');
    this.bubbleWidth = Math.floor((width - SCROLLBAR - 16) * 0.8);

    this.control = new Rectangle(OWNER);
    this.control.widthInPixels = width;
    this.control.heightInPixels = height;
    this.control.cornerRadius = 10;
    this.control.thickness = 1;
    this.control.color = THEME.border;
    this.control.background = THEME.panel;
    const layout = new Grid(`${OWNER}.layout`);
    layout.addRowDefinition(1);
    layout.addRowDefinition(this.fontSize * INPUT_ROW, true);
    this.control.addControl(layout);

    this.history = new ScrollViewer(`${OWNER}.history`);
    this.history.thickness = 0;
    this.history.barSize = SCROLLBAR;
    this.history.barColor = THEME.muted;
    this.list = new StackPanel(`${OWNER}.messages`);
    this.list.widthInPixels = width - SCROLLBAR - 4;
    this.list.paddingTopInPixels = 6;
    this.history.addControl(this.list);
    layout.addControl(this.history, 0, 0);

    const row = new Grid(`${OWNER}.inputRow`);
    row.addColumnDefinition(1);
    row.addColumnDefinition(this.fontSize * 4.6, true);
    this.input = new InputText(`${OWNER}.input`);
    this.input.autoStretchWidth = false;
    this.input.width = '100%';
    this.input.maxWidth = '100%';
    this.input.heightInPixels = this.fontSize * 2;
    this.input.fontSizeInPixels = this.fontSize;
    this.input.fontFamily = THEME.font;
    this.input.color = THEME.text;
    this.input.background = THEME.input;
    this.input.focusedBackground = 'rgba(255, 255, 255, 0.18)';
    this.input.placeholderText = placeholder;
    this.input.paddingLeftInPixels = 6;
    this.sendButton = Button.CreateSimpleButton(`${OWNER}.send`, 'Send');
    this.sendButton.heightInPixels = this.fontSize * 2;
    this.sendButton.fontSizeInPixels = this.fontSize;
    this.sendButton.fontFamily = THEME.font;
    this.sendButton.color = '#ffffff';
    this.sendButton.background = THEME.human;
    this.sendButton.cornerRadius = 6;
    this.sendButton.thickness = 0;
    this.sendButton.paddingLeftInPixels = 6;
    this.sendButton.paddingRightInPixels = 6;
    row.addControl(this.input, 0, 0);
    row.addControl(this.sendButton, 0, 1);
    layout.addControl(row, 1, 0);

    this.mount = new WidgetMount(OWNER, this.control, ui);
    this.mount.track(this.input.onEnterPressedObservable.add(() => this.send(true)));
    this.mount.track(this.sendButton.onPointerClickObservable.add(() => this.send(false)));
  }

  /** The history, oldest first. */
  get messages(): readonly ChatMessage[] {
    return this.log;
  }

  /** The slate hosting the panel in 3-D, or null. */
  get slate(): HolographicSlate | null {
    return this.mount.slate;
  }

  /**
   * Adds a message to the history and scrolls to it; the oldest message goes beyond `maxMessages`.
   * @throws TypeError for an unknown author or a text that is not a string; Error when disposed.
   */
  addMessage(from: ChatAuthor, text: string): ChatMessage {
    this.assertAlive('addMessage');
    requireType(OWNER, 'from', from, (v) => v === 'human' || v === 'collaborator', "'human' or 'collaborator'");
    requireType(OWNER, 'text', text, isString, 'a string');
    const message: ChatMessage = { from, text, time: performance.now() };
    this.log.push(message);
    this.list.addControl(this.bubble(message));
    if (this.log.length > this.maxMessages) {
      this.log.shift();
      const oldest = this.list.children[0];
      this.list.removeControl(oldest);
      oldest.dispose();
    }
    this.history.verticalBar.value = 1;
    return message;
  }

  /** Empties the history. */
  clear(): void {
    this.log.length = 0;
    for (const child of [...this.list.children]) child.dispose();
    this.list.clearControls();
  }

  /**
   * Hosts the panel in a HolographicSlate of `manager` (XR), leaving its 2-D texture.
   * @throws TypeError for a manager that is not a GUI3DManager; Error when already in 3-D or disposed.
   */
  attachTo3D(manager: GUI3DManager, options: Slate3DOptions = {}): HolographicSlate {
    return this.mount.attachTo3D(manager, { title: 'Chat', ...options });
  }

  /** Removes the panel's controls, slate and observers. Calling it again does nothing. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.mount.dispose();
    this.onMessageObservable.clear();
    this.log.length = 0;
  }

  private send(refocus: boolean): void {
    const text = this.input.text.trim();
    if (!text) return;
    this.input.text = '';
    const message = this.echo ? this.addMessage('human', text) : { from: 'human' as const, text, time: performance.now() };
    this.onMessageObservable.notifyObservers(message);
    if (refocus) this.input.focus();
  }

  private bubble(message: ChatMessage): Rectangle {
    const human = message.from === 'human';
    const box = new Rectangle(`${OWNER}.message`);
    box.widthInPixels = this.bubbleWidth;
    box.adaptHeightToChildren = true;
    box.cornerRadius = 8;
    box.thickness = 0;
    box.background = human ? THEME.human : THEME.collaborator;
    box.horizontalAlignment = human ? Control.HORIZONTAL_ALIGNMENT_RIGHT : Control.HORIZONTAL_ALIGNMENT_LEFT;
    box.paddingLeftInPixels = 6;
    box.paddingRightInPixels = 6;
    box.paddingBottomInPixels = 6;
    const label = new TextBlock(`${OWNER}.text`, message.text);
    label.textWrapping = true;
    label.resizeToFit = true;
    label.widthInPixels = this.bubbleWidth - 12;
    label.fontFamily = THEME.font;
    label.fontSizeInPixels = this.fontSize;
    label.color = THEME.text;
    label.textHorizontalAlignment = Control.HORIZONTAL_ALIGNMENT_LEFT;
    for (const side of ['paddingTopInPixels', 'paddingBottomInPixels', 'paddingLeftInPixels', 'paddingRightInPixels'] as const) label[side] = 6;
    box.addControl(label);
    return box;
  }

  private assertAlive(method: string): void {
    if (this.disposed) throw new Error(`${OWNER}: ${method}() called after dispose()`);
  }
}
