import type { ICanvasRenderingContext } from '@babylonjs/core/Engines/ICanvas.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import { THEME } from './theme.js';

/**
 * A row of bars around a zero line, one per value (e.g. a sensor's observation), drawn straight onto the GUI
 * texture. Values are scaled by the largest magnitude shown, at least 1, so [-1, 1] data keeps its scale.
 */
export class BarView extends Control {
  private readonly data: Float32Array;
  private count = 0;

  /**
   * @param name - the control's name.
   * @param maxBars - the most bars drawn; longer data is cut.
   */
  constructor(name: string, readonly maxBars: number) {
    super(name);
    this.data = new Float32Array(maxBars);
  }

  /** The values drawn. */
  get values(): Float32Array {
    return this.data.subarray(0, this.count);
  }

  /** Draws `values` (the first `maxBars` are copied). */
  setValues(values: ArrayLike<number>): void {
    this.count = Math.min(values.length, this.maxBars);
    for (let i = 0; i < this.count; i++) this.data[i] = values[i];
    this._markAsDirty();
  }

  protected override _getTypeName(): string {
    return 'BarView';
  }

  /** @internal Draws the bars inside the control's measure. */
  override _draw(context: ICanvasRenderingContext): void {
    const { left, top, width, height } = this._currentMeasure;
    const middle = top + height / 2;
    context.save();
    context.fillStyle = 'rgba(255, 255, 255, 0.2)';
    context.fillRect(left, middle, width, 1);
    let scale = 1;
    for (let i = 0; i < this.count; i++) scale = Math.max(scale, Math.abs(this.data[i]));
    const slot = width / Math.max(1, this.count);
    for (let i = 0; i < this.count; i++) {
      const v = Number.isFinite(this.data[i]) ? this.data[i] / scale : 0;
      const h = (Math.abs(v) * (height - 2)) / 2;
      context.fillStyle = v >= 0 ? THEME.agreement : THEME.loss;
      context.fillRect(left + i * slot + 1, v >= 0 ? middle - h : middle, Math.max(1, slot - 2), h);
    }
    context.restore();
  }
}
