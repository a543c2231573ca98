import type { AdvancedDynamicTexture } from '@babylonjs/gui/2D/advancedDynamicTexture.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import { Rectangle } from '@babylonjs/gui/2D/controls/rectangle.js';
import { StackPanel } from '@babylonjs/gui/2D/controls/stackPanel.js';
import { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import type { HolographicSlate } from '@babylonjs/gui/3D/controls/holographicSlate.js';
import type { GUI3DManager } from '@babylonjs/gui/3D/gui3DManager.js';
import type { CollaboratorBehavior } from '../collaborator/collaborator-behavior.js';
import { requireInteger, requireNumber, requireType } from '../collaborator/options.js';
import type { CollaborationSession } from '../reasoning/collaboration-session.js';
import type { FrameScheduler } from '../scheduler/frame-scheduler.js';
import { BarView } from './bar-view.js';
import { LinePlot } from './line-plot.js';
import { THEME } from './theme.js';
import { WidgetMount, type Slate3DOptions } from './widget-mount.js';

/** What the overlay reads of a collaborator: its sensor layout and observations. */
export type ObservedCollaborator = Pick<CollaboratorBehavior, 'name' | 'layout' | 'onObservationObservable' | 'lastObservation'>;

/** Options of {@link CollaboratorOverlay}. */
export interface CollaboratorOverlayOptions {
  /** Whose frame statistics to show (frames, busy p50/p95, queue). @default none */
  scheduler?: FrameScheduler;
  /** Whose observation to show, one bar row per sensor. @default none */
  collaborator?: ObservedCollaborator;
  /** Whose agreement (over its sliding window) to plot after each answer. @default none */
  session?: CollaborationSession;
  /** Panel width in pixels (>= 200). @default 300 */
  width?: number;
  /** Font size in pixels (> 0). @default 13 */
  fontSize?: number;
  /** The statistics refresh at most this often, in ms of the scheduler's clock (>= 0). @default 250 */
  refreshMs?: number;
  /** The most bars per sensor (integer >= 1). @default 32 */
  maxBars?: number;
  /** Points kept per plotted series (integer >= 2). @default 120 */
  plotCapacity?: number;
}

const OWNER = 'CollaboratorOverlay';

const has = (member: string) => (v: unknown): boolean => !!v && typeof v === 'object' && member in v;
const percent = (v: number): string => (Number.isFinite(v) ? `${Math.round(v * 100)}%` : '–');
const fixed = (v: number, digits: number): string => (Number.isFinite(v) ? v.toFixed(digits) : '–');

/**
 * A developer overlay for a collaborator: the scheduler's statistics (frames, busy ms p50/p95, queued tasks), a
 * bar view of each sensor's last observation, and a live plot of the training loss ({@link addLoss}) and the
 * session's agreement rate. Every part is optional and shown only when its source is given.
 *
 * @example
 * ```ts
 * const overlay = new CollaboratorOverlay(ui, { scheduler, collaborator: guide, session });
 * trainerLoop.onLoss = (loss) => overlay.addLoss(loss);
 * ```
 */
export class CollaboratorOverlay {
  /** The overlay's root control (top right by default), for layout and styling. */
  readonly control: Rectangle;
  /** The loss and agreement plot; add series of your own with `plot.addSeries()`. */
  readonly plot: LinePlot;

  private readonly mount: WidgetMount;
  private readonly scheduler: FrameScheduler | undefined;
  private readonly stats: TextBlock | null;
  private readonly legend: TextBlock;
  private readonly sensorViews: { bars: BarView; offset: number; size: number }[] = [];
  private readonly refreshMs: number;
  private lastRefresh = -Infinity;
  private disposed = false;

  /**
   * Builds the overlay in `ui` (null: unattached, for {@link attachTo3D}) and starts following its sources.
   * @throws TypeError or RangeError naming the first invalid option.
   */
  constructor(ui: AdvancedDynamicTexture | null, options: CollaboratorOverlayOptions = {}) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.scheduler = options.scheduler === undefined ? undefined
      : requireType(OWNER, 'scheduler', options.scheduler, has('onFrameObservable'), 'a FrameScheduler');
    const collaborator = options.collaborator === undefined ? undefined
      : requireType<ObservedCollaborator>(OWNER, 'collaborator', options.collaborator, has('onObservationObservable'), 'a CollaboratorBehavior');
    const session = options.session === undefined ? undefined
      : requireType<CollaborationSession>(OWNER, 'session', options.session, has('onAnswerObservable'), 'a CollaborationSession');
    const width = requireNumber(OWNER, 'width', options.width ?? 300, 200);
    const fontSize = requireNumber(OWNER, 'fontSize', options.fontSize ?? 13, 0, Infinity, true);
    this.refreshMs = requireNumber(OWNER, 'refreshMs', options.refreshMs ?? 250, 0);
    const maxBars = requireInteger(OWNER, 'maxBars', options.maxBars ?? 32, 1);
    const plotCapacity = requireInteger(OWNER, 'plotCapacity', options.plotCapacity ?? 120, 2);

    this.control = new Rectangle(OWNER);
    this.control.widthInPixels = width;
    this.control.adaptHeightToChildren = true;
    this.control.cornerRadius = 8;
    this.control.thickness = 1;
    this.control.color = THEME.border;
    this.control.background = THEME.panel;
    this.control.horizontalAlignment = Control.HORIZONTAL_ALIGNMENT_RIGHT;
    this.control.verticalAlignment = Control.VERTICAL_ALIGNMENT_TOP;
    this.control.leftInPixels = -10;
    this.control.topInPixels = 10;
    const stack = new StackPanel(`${OWNER}.stack`);
    stack.paddingTopInPixels = 6;
    stack.paddingBottomInPixels = 8;
    this.control.addControl(stack);
    const inner = width - 20;
    const line = (name: string, content: string, color: string = THEME.text): TextBlock => {
      const block = label(`${OWNER}.${name}`, content, fontSize, color, inner);
      stack.addControl(block);
      return block;
    };

    line('title', collaborator ? `Collaborator '${collaborator.name}'` : 'Collaborator', THEME.muted);
    this.stats = this.scheduler ? line('stats', 'scheduler: no frame yet') : null;
    for (const slot of collaborator?.layout ?? []) {
      line(`sensor.${slot.name}`, `${slot.name} (${slot.spec.size})`, THEME.muted);
      const bars = new BarView(`${OWNER}.bars.${slot.name}`, maxBars);
      bars.widthInPixels = inner;
      bars.heightInPixels = fontSize * 2;
      stack.addControl(bars);
      this.sensorViews.push({ bars, offset: slot.offset, size: slot.spec.size });
    }
    this.plot = new LinePlot(`${OWNER}.plot`, plotCapacity);
    this.plot.widthInPixels = inner;
    this.plot.heightInPixels = fontSize * 7;
    this.plot.paddingTopInPixels = 4;
    this.plot.addSeries('loss', { color: THEME.loss, min: 0 });
    this.plot.addSeries('agreement', { color: THEME.agreement, min: 0, max: 1 });
    stack.addControl(this.plot);
    this.legend = line('legend', 'loss – · agreement –');

    this.mount = new WidgetMount(OWNER, this.control, ui);
    if (this.scheduler) this.mount.track(this.scheduler.onFrameObservable.add((record) => this.maybeRefresh(record.timeMs)));
    if (collaborator) {
      this.mount.track(collaborator.onObservationObservable.add(({ observation }) => this.showObservation(observation)));
      if (collaborator.lastObservation) this.showObservation(collaborator.lastObservation);
    }
    if (session) {
      this.mount.track(session.onAnswerObservable.add(() => this.addAgreement(session.metrics.history.at(-1)?.windowAgreementRate ?? NaN)));
    }
  }

  /** The statistics line as shown (empty without a scheduler). */
  get statsText(): string {
    return this.stats?.text ?? '';
  }

  /** The slate hosting the overlay in 3-D, or null. */
  get slate(): HolographicSlate | null {
    return this.mount.slate;
  }

  /**
   * Plots a training loss (e.g. each OnlineTrainer step's batch loss).
   * @throws TypeError when `loss` is not a number; Error when disposed.
   */
  addLoss(loss: number): void {
    this.assertAlive('addLoss');
    this.plot.push('loss', loss);
    this.updateLegend();
  }

  /**
   * Plots an agreement rate in [0, 1] (done for each answer of the session given in the options).
   * @throws TypeError when `rate` is not a number; Error when disposed.
   */
  addAgreement(rate: number): void {
    this.assertAlive('addAgreement');
    this.plot.push('agreement', rate);
    this.updateLegend();
  }

  /** Updates the statistics now, whatever `refreshMs`. */
  refresh(): void {
    if (!this.scheduler || !this.stats || this.disposed) return;
    const s = this.scheduler.stats();
    this.stats.text = `frames ${s.frames} · queue ${s.queued} · in flight ${s.inFlight}\n` +
      `busy p50 ${fixed(s.busyMs.p50, 2)} ms · p95 ${fixed(s.busyMs.p95, 2)} ms · overruns ${s.overrunFrames}\n` +
      `tasks done ${s.tasks.done} · failed ${s.tasks.failed} · missed ${s.tasks.deadlineMisses}`;
  }

  /**
   * Hosts the overlay in a HolographicSlate of `manager` (XR), leaving its 2-D texture.
   * @throws TypeError for a manager that is not a GUI3DManager; Error when already in 3-D or disposed.
   */
  attachTo3D(manager: GUI3DManager, options: Slate3DOptions = {}): HolographicSlate {
    return this.mount.attachTo3D(manager, { title: 'Collaborator', ...options });
  }

  /** Stops following its sources and removes its controls and slate. Calling it again does nothing. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.mount.dispose();
    this.sensorViews.length = 0;
  }

  private maybeRefresh(timeMs: number): void {
    if (timeMs - this.lastRefresh < this.refreshMs) return;
    this.lastRefresh = timeMs;
    this.refresh();
  }

  private showObservation(observation: Float32Array): void {
    for (const view of this.sensorViews) view.bars.setValues(observation.subarray(view.offset, view.offset + view.size));
  }

  private updateLegend(): void {
    this.legend.text = `loss ${fixed(this.plot.values('loss').at(-1) ?? NaN, 4)} · agreement ${percent(this.plot.values('agreement').at(-1) ?? NaN)}`;
  }

  private assertAlive(method: string): void {
    if (this.disposed) throw new Error(`${OWNER}: ${method}() called after dispose()`);
  }
}

function label(name: string, content: string, fontSize: number, color: string, width: number): TextBlock {
  const block = new TextBlock(name, content);
  block.textWrapping = true;
  block.resizeToFit = true;
  block.widthInPixels = width;
  block.fontFamily = THEME.font;
  block.fontSizeInPixels = fontSize;
  block.color = color;
  block.paddingTopInPixels = 2;
  block.paddingBottomInPixels = 2;
  block.textHorizontalAlignment = Control.HORIZONTAL_ALIGNMENT_LEFT;
  return block;
}
