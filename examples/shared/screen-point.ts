/** Where GUI controls are on the page, so browser tests can click them with a real pointer. */
import type { Control } from '@babylonjs/gui/2D/controls/control.js';

/** A point in CSS pixels of the page. */
export interface ScreenPoint {
  x: number;
  y: number;
}

/**
 * The on-page centre of `control`, a control of a fullscreen UI drawn on `canvas`, as last laid out (before any
 * scaleX / scaleY / rotation of it or its parents).
 */
export function screenCentre(control: Control, canvas: HTMLCanvasElement): ScreenPoint {
  const box = canvas.getBoundingClientRect();
  const scale = box.width / canvas.width;
  return { x: box.left + control.centerX * scale, y: box.top + control.centerY * scale };
}
