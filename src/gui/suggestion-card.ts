import { Observable } from '@babylonjs/core/Misc/observable.js';
import type { AdvancedDynamicTexture } from '@babylonjs/gui/2D/advancedDynamicTexture.js';
import { Button } from '@babylonjs/gui/2D/controls/button.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import { InputText } from '@babylonjs/gui/2D/controls/inputText.js';
import { Rectangle } from '@babylonjs/gui/2D/controls/rectangle.js';
import { StackPanel } from '@babylonjs/gui/2D/controls/stackPanel.js';
import { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import type { HolographicSlate } from '@babylonjs/gui/3D/controls/holographicSlate.js';
import type { GUI3DManager } from '@babylonjs/gui/3D/gui3DManager.js';
import { requireNumber, requireType } from '../collaborator/options.js';
import type { CollaborationSession } from '../reasoning/collaboration-session.js';
import type { Answer, Proposal } from '../reasoning/proposal.js';
import { THEME } from './theme.js';
import { WidgetMount, type Slate3DOptions } from './widget-mount.js';

/** Options of {@link SuggestionCard}. */
export interface SuggestionCardOptions {
  /** The session whose proposals the card shows and answers. */
  session: CollaborationSession;
  /** Show each new proposal of the session as it comes, and the next pending one after an answer. @default true */
  follow?: boolean;
  /** Card width in pixels (>= 160). @default 340 */
  width?: number;
  /** Font size in pixels (> 0). @default 16 */
  fontSize?: number;
  /** Placeholder of the correction field. @default 'Correction or reason…' */
  placeholder?: string;
}

const OWNER = 'SuggestionCard';
const KIND_LABEL = { action: 'Action', suggestion: 'Suggestion', answer: 'Answer' } as const;
const VERDICT_LABEL = { accepted: 'Accepted', rejected: 'Rejected', corrected: 'Corrected' } as const;

const isSession = (v: unknown): boolean => !!v && typeof (v as CollaborationSession).accept === 'function' &&
  typeof (v as CollaborationSession).onProposalObservable === 'object';

/**
 * A card showing a collaborator's proposal with Accept, Reject and Correct buttons and a correction field.
 * Clicks answer the proposal through the session (`via: 'gui'`): Accept accepts, Reject rejects (the field's text,
 * if any, is the reason), Correct corrects with the field's text (numbers for action proposals). A failed answer
 * shows its message on the card. When the proposal is answered (here or elsewhere) the card moves on to the next
 * pending proposal, or hides.
 *
 * @example
 * ```ts
 * const card = new SuggestionCard(AdvancedDynamicTexture.CreateFullscreenUI('ui'), { session });
 * session.propose({ kind: 'suggestion', content: 'Shall we go to room 2?', confidence: 0.7 });
 * ```
 */
export class SuggestionCard {
  /** The card's root control, for layout (alignment, position) and styling. */
  readonly control: Rectangle;
  /** The Accept button. */
  readonly acceptButton: Button;
  /** The Reject button. */
  readonly rejectButton: Button;
  /** The Correct button. */
  readonly correctButton: Button;
  /** The correction field (also the reason of a rejection). */
  readonly correctionInput: InputText;
  /** Notified with each answer given through the card's buttons. */
  readonly onAnswerObservable = new Observable<Answer>();

  private readonly session: CollaborationSession;
  private readonly mount: WidgetMount;
  private readonly header: TextBlock;
  private readonly content: TextBlock;
  private readonly status: TextBlock;
  private readonly follow: boolean;
  private current: Proposal | null = null;
  private disposed = false;

  /**
   * Builds the card in `ui` (null: unattached, for {@link attachTo3D}); hidden until there is a proposal.
   * @throws TypeError or RangeError naming the first invalid option.
   */
  constructor(ui: AdvancedDynamicTexture | null, options: SuggestionCardOptions) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.session = requireType(OWNER, 'session', options.session, isSession, 'a CollaborationSession');
    this.follow = requireType(OWNER, 'follow', options.follow ?? true, (v) => typeof v === 'boolean', 'a boolean');
    const width = requireNumber(OWNER, 'width', options.width ?? 340, 160);
    const fontSize = requireNumber(OWNER, 'fontSize', options.fontSize ?? 16, 0, Infinity, true);
    const placeholder = requireType<string>(OWNER, 'placeholder', options.placeholder ?? 'Correction or reason…', (v) => typeof v === 'string', 'a string');

    this.control = new Rectangle(OWNER);
    this.control.widthInPixels = width;
    this.control.adaptHeightToChildren = true;
    this.control.cornerRadius = 10;
    this.control.thickness = 1;
    this.control.color = THEME.border;
    this.control.background = THEME.panel;
    this.control.isVisible = false;
    const stack = new StackPanel(`${OWNER}.stack`);
    stack.paddingTopInPixels = 8;
    stack.paddingBottomInPixels = 10;
    this.control.addControl(stack);

    this.header = text(`${OWNER}.header`, fontSize * 0.8, THEME.muted, width);
    this.content = text(`${OWNER}.content`, fontSize, THEME.text, width);
    this.correctionInput = new InputText(`${OWNER}.correction`);
    this.correctionInput.widthInPixels = width - 24;
    this.correctionInput.heightInPixels = fontSize * 2.2;
    this.correctionInput.fontSizeInPixels = fontSize;
    this.correctionInput.fontFamily = THEME.font;
    this.correctionInput.color = THEME.text;
    this.correctionInput.background = THEME.input;
    this.correctionInput.focusedBackground = 'rgba(255, 255, 255, 0.18)';
    this.correctionInput.placeholderText = placeholder;
    this.correctionInput.paddingTopInPixels = 4;
    this.correctionInput.paddingBottomInPixels = 4;

    const row = new StackPanel(`${OWNER}.buttons`);
    row.isVertical = false;
    row.heightInPixels = fontSize * 2.4;
    const buttonWidth = Math.floor((width - 24) / 3);
    this.acceptButton = button(`${OWNER}.accept`, 'Accept', THEME.accept, buttonWidth, fontSize);
    this.rejectButton = button(`${OWNER}.reject`, 'Reject', THEME.reject, buttonWidth, fontSize);
    this.correctButton = button(`${OWNER}.correct`, 'Correct', THEME.correct, buttonWidth, fontSize);
    this.status = text(`${OWNER}.status`, fontSize * 0.8, THEME.muted, width);

    for (const c of [this.header, this.content, this.correctionInput, row, this.status]) stack.addControl(c);
    for (const b of [this.acceptButton, this.rejectButton, this.correctButton]) row.addControl(b);

    this.mount = new WidgetMount(OWNER, this.control, ui);
    this.mount.track(this.acceptButton.onPointerClickObservable.add(() => this.answer('accept')));
    this.mount.track(this.rejectButton.onPointerClickObservable.add(() => this.answer('reject')));
    this.mount.track(this.correctButton.onPointerClickObservable.add(() => this.answer('correct')));
    this.mount.track(this.session.onAnswerObservable.add((a) => this.answered(a)));
    if (this.follow) this.mount.track(this.session.onProposalObservable.add((p) => this.current === null && this.show(p)));
    const first = this.follow ? this.session.pending[0] : undefined;
    if (first) this.show(first);
  }

  /** The proposal shown, or null. */
  get proposal(): Proposal | null {
    return this.current;
  }

  /** True while the card is shown. */
  get isVisible(): boolean {
    return this.control.isVisible;
  }

  /** The card's status line: the last answer or error. */
  get statusText(): string {
    return this.status.text;
  }

  /** The slate hosting the card in 3-D, or null. */
  get slate(): HolographicSlate | null {
    return this.mount.slate;
  }

  /**
   * Shows `proposal` (of this card's session) and clears the correction field.
   * @throws TypeError when it is not a proposal; Error when disposed.
   */
  show(proposal: Proposal): void {
    this.assertAlive('show');
    requireType(OWNER, 'proposal', proposal, (v) => !!v && typeof (v as Proposal).id === 'number' && typeof (v as Proposal).content === 'string', 'a Proposal');
    this.current = proposal;
    this.header.text = `${KIND_LABEL[proposal.kind]} · confidence ${Math.round(proposal.confidence * 100)}%`;
    this.content.text = proposal.content;
    this.correctionInput.text = '';
    this.status.color = THEME.muted;
    this.status.text = proposal.kind === 'action' ? 'Correct with numbers, e.g. 0.5, -1' : '';
    this.control.isVisible = true;
  }

  /** Hides the card; it shows again with the next proposal (when following) or {@link show}. */
  hide(): void {
    this.current = null;
    this.control.isVisible = false;
  }

  /**
   * Hosts the card in a HolographicSlate of `manager` (XR), leaving its 2-D texture.
   * @throws TypeError for a manager that is not a GUI3DManager; Error when already in 3-D or disposed.
   */
  attachTo3D(manager: GUI3DManager, options: Slate3DOptions = {}): HolographicSlate {
    return this.mount.attachTo3D(manager, { title: 'Suggestion', ...options });
  }

  /** Removes the card's controls, slate and observers. Calling it again does nothing. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.mount.dispose();
    this.onAnswerObservable.clear();
    this.current = null;
  }

  private answer(verdict: 'accept' | 'reject' | 'correct'): void {
    const proposal = this.current;
    if (!proposal) return;
    const input = this.correctionInput.text.trim();
    try {
      let answer: Answer;
      if (verdict === 'accept') answer = this.session.accept(proposal.id, { via: 'gui' });
      else if (verdict === 'reject') answer = this.session.reject(proposal.id, input || undefined, { via: 'gui' });
      else if (!input) throw new Error('type a correction first');
      else answer = this.session.correct(proposal.id, input, { via: 'gui' });
      this.onAnswerObservable.notifyObservers(answer);
    } catch (error) {
      this.status.color = THEME.error;
      this.status.text = (error as Error).message.replace(/^CollaborationSession\.\w+: /, '');
    }
  }

  private answered(answer: Answer): void {
    if (answer.proposal.id !== this.current?.id) return;
    const next = this.follow ? this.session.pending[0] : undefined;
    if (next) this.show(next);
    else this.hide();
    this.status.color = THEME.muted;
    this.status.text = `${VERDICT_LABEL[answer.verdict]}: ${answer.proposal.content}`;
  }

  private assertAlive(method: string): void {
    if (this.disposed) throw new Error(`${OWNER}: ${method}() called after dispose()`);
  }
}

function text(name: string, fontSize: number, color: string, width: number): TextBlock {
  const block = new TextBlock(name);
  block.textWrapping = true;
  block.resizeToFit = true;
  block.widthInPixels = width - 24;
  block.fontFamily = THEME.font;
  block.fontSizeInPixels = fontSize;
  block.color = color;
  block.paddingTopInPixels = 4;
  block.paddingBottomInPixels = 4;
  block.textHorizontalAlignment = Control.HORIZONTAL_ALIGNMENT_LEFT;
  return block;
}

function button(name: string, label: string, background: string, width: number, fontSize: number): Button {
  const b = Button.CreateSimpleButton(name, label);
  b.widthInPixels = width;
  b.heightInPixels = fontSize * 2.2;
  b.fontSizeInPixels = fontSize;
  b.fontFamily = THEME.font;
  b.color = '#ffffff';
  b.background = background;
  b.cornerRadius = 6;
  b.thickness = 0;
  b.paddingLeftInPixels = 3;
  b.paddingRightInPixels = 3;
  return b;
}
