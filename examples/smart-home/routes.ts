/**
 * Where people walk: the resident's daily loop through the flat and the intruder's path, as MotionScripts
 * (position as a function of time) for ScriptedMotion.
 */
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { MotionScript } from 'babylon-collaborator';

/** Walking speed in metres per second of scene time. */
export const WALK_SPEED = 1.2;

/** The resident's daily loop: bed, bathroom, hall, living room, kitchen, sofa and back to bed (x, z). */
const RESIDENT: [number, number][] = [
  [-7, 3.5], [-6, 1], [-6, -1], [-6.5, -3], [-4.5, -3.5], [-3, -2.5], [-1, -2.5], [0, -1], [0, 1], [1.5, 2.2],
  [3, 2.5], [4.5, 1.5], [7, 1.5], [7.5, 3.5], [5, 4], [3, 3], [1, 3.8], [-1.5, 3.5], [-3, 2.5], [-5, 3.2],
];

/** The intruder: in through the office window, across the office and the hall, out by the front door. */
const INTRUDER: [number, number][] = [
  [10, -2.7], [8, -2.7], [7, -3.8], [7.5, -1], [5, -1.2], [4.5, -3.8], [3, -2.5], [1.5, -3.8], [-1.5, -4],
  [-2.2, -1.2], [0, -4.2], [0, -5.5],
];

/** Position along a polyline at `distance` metres (looped or clamped at the end). */
function along(points: [number, number][], distance: number, loop: boolean, out: Vector3): boolean {
  const n = loop ? points.length : points.length - 1;
  const lengths = Array.from({ length: n }, (_, i) => {
    const [a, b] = [points[i]!, points[(i + 1) % points.length]!];
    return Math.hypot(b[0] - a[0], b[1] - a[1]);
  });
  const total = lengths.reduce((s, l) => s + l, 0);
  let d = loop ? ((distance % total) + total) % total : distance;
  if (!loop && (d < 0 || d > total)) return false;
  for (let i = 0; i < n; i++) {
    if (d <= lengths[i]! || i === n - 1) {
      const [a, b] = [points[i]!, points[(i + 1) % points.length]!];
      const f = Math.min(1, d / lengths[i]!);
      out.set(a[0] + (b[0] - a[0]) * f, 0, a[1] + (b[1] - a[1]) * f);
      return true;
    }
    d -= lengths[i]!;
  }
  return false;
}

/** The resident, walking the daily loop for ever. */
export const residentScript: MotionScript = (t, out) => along(RESIDENT, t * WALK_SPEED, true, out);

/** The intruder, walking in from `start` seconds (scene time) and gone after the path's end; absent before. */
export function intruderScript(start: () => number): MotionScript {
  return (t, out) => along(INTRUDER, (t - start()) * WALK_SPEED, false, out);
}
