import type { ICanvasRenderingContext } from '@babylonjs/core/Engines/ICanvas.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import { requireInteger, requireNumber, requireType } from '../collaborator/options.js';

/** Options of a {@link LinePlot} series. */
export interface PlotSeriesOptions {
  /** CSS colour of the line. */
  color: string;
  /** The value at the plot's bottom. @default the smallest value shown */
  min?: number;
  /** The value at the plot's top. @default the largest value shown */
  max?: number;
}

interface Series extends PlotSeriesOptions {
  readonly values: number[];
}

const OWNER = 'LinePlot';

/**
 * A live line plot drawn straight onto the GUI texture (no DynamicTexture): each series keeps its last `capacity`
 * values, spread over the control's width, each scaled to its own range. NaN values leave a gap.
 */
export class LinePlot extends Control {
  /** Values kept per series. */
  readonly capacity: number;
  private readonly series = new Map<string, Series>();

  /**
   * @param name - the control's name.
   * @param capacity - values kept per series (integer >= 2).
   * @throws RangeError for a capacity below 2.
   */
  constructor(name: string, capacity = 120) {
    super(name);
    this.capacity = requireInteger(OWNER, 'capacity', capacity, 2);
  }

  /**
   * Adds (or restyles) a series.
   * @throws TypeError or RangeError naming an invalid option.
   */
  addSeries(name: string, options: PlotSeriesOptions): void {
    requireType(OWNER, 'name', name, (v) => typeof v === 'string' && v.length > 0, 'a non-empty string');
    requireType(OWNER, 'color', options?.color, (v) => typeof v === 'string', 'a CSS colour string');
    if (options.min !== undefined) requireNumber(OWNER, 'min', options.min);
    if (options.max !== undefined) requireNumber(OWNER, 'max', options.max, options.min ?? -Infinity, Infinity, true);
    const values = this.series.get(name)?.values ?? [];
    this.series.set(name, { ...options, values });
    this._markAsDirty();
  }

  /**
   * Appends a value to a series (the oldest goes beyond `capacity`) and redraws.
   * @throws Error for an unknown series; TypeError for a value that is not a number.
   */
  push(name: string, value: number): void {
    const series = this.series.get(name);
    if (!series) throw new Error(`${OWNER}: no series '${name}'; addSeries() it first`);
    requireType(OWNER, 'value', value, (v) => typeof v === 'number', 'a number');
    series.values.push(value);
    if (series.values.length > this.capacity) series.values.shift();
    this._markAsDirty();
  }

  /** A copy of a series' values, oldest first (empty for an unknown series). */
  values(name: string): number[] {
    return [...(this.series.get(name)?.values ?? [])];
  }

  protected override _getTypeName(): string {
    return OWNER;
  }

  /** @internal Draws the axis and the series inside the control's measure. */
  override _draw(context: ICanvasRenderingContext): void {
    const { left, top, width, height } = this._currentMeasure;
    context.save();
    context.lineWidth = 1;
    context.strokeStyle = 'rgba(255, 255, 255, 0.2)';
    context.beginPath();
    context.moveTo(left, top + height - 0.5);
    context.lineTo(left + width, top + height - 0.5);
    context.stroke();
    context.lineWidth = 2;
    for (const series of this.series.values()) this.drawSeries(context, series, left, top, width, height);
    context.restore();
  }

  private drawSeries(context: ICanvasRenderingContext, series: Series, left: number, top: number, width: number, height: number): void {
    const shown = series.values.filter(Number.isFinite);
    if (shown.length === 0) return;
    const lo = series.min ?? Math.min(...shown);
    const hi = series.max ?? Math.max(...shown);
    const span = hi - lo || 1;
    const step = width / (this.capacity - 1);
    const x0 = left + width - (series.values.length - 1) * step;
    context.strokeStyle = series.color;
    context.beginPath();
    let drawing = false;
    series.values.forEach((v, i) => {
      if (!Number.isFinite(v)) return void (drawing = false);
      const x = x0 + i * step;
      const y = top + height - 1 - ((Math.min(hi, Math.max(lo, v)) - lo) / span) * (height - 2);
      if (drawing) context.lineTo(x, y);
      else context.moveTo(x, y);
      drawing = true;
    });
    context.stroke();
  }
}
