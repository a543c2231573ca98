/**
 * The movement features the assistant feeds its intrusion detector, simulated without a scene: a person walks a
 * route of routes.ts and is sampled frame by frame as a MotionSensor samples them (position; velocity as the
 * displacement over the frame's time, clamped to ±1; zero velocity on the frame they appear), at uneven frame
 * rates and scene speeds like a browser's. Seeded: a seed gives the same tracks on every run. It makes the
 * pretraining data of scripts/train-smart-home.ts and the held-out data of its tests.
 */
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { MotionScript } from 'babylon-collaborator';
import { intruderScript, residentScript, WALK_SPEED } from './routes.js';

/** Metres that map to 1 in the motion sensors' positions (the flat is 18 x 10 m). */
export const DISTANCE = 12;
/** Scene speed (metres per scene second) that maps to 1 in the motion sensors' velocities. */
export const MAX_SPEED = 2 * WALK_SPEED;
/** The longest frame the collaborators' clock counts (longer frames count as this); the walkers use it too. */
export const MAX_FRAME_SECONDS = 0.1;

/** One person's observations, oldest first: each frame is [x, z, vx, vz], normalised. */
export type Track = Float32Array[];

/** A uniform random number in [0, 1): the same sequence for the same seed (mulberry32). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How one simulated person walks and is seen. */
export interface WalkOptions {
  /** Scene time of the first frame (seconds). */
  start: number;
  /** Scene seconds simulated; the track ends earlier when the person leaves. */
  seconds: number;
  /** Scene seconds per wall-clock second (the page's `?speed=`). */
  speed: number;
  /** The page's typical frame time (seconds); each frame varies from 0.75x to 1.5x of it, capped at {@link MAX_FRAME_SECONDS}. */
  frameSeconds: number;
  /** Sway off the route: amplitude in metres of a slow wobble in x and z. */
  sway: number;
}

const clamp = (v: number): number => Math.max(-1, Math.min(1, v));

/** Samples a person walking `script` as the assistant's MotionSensor sees them. */
export function walk(script: MotionScript, options: WalkOptions, random: () => number): Track {
  const { start, seconds, speed, frameSeconds, sway } = options;
  const [px, pz, fx, fz] = [random() * 2 * Math.PI, random() * 2 * Math.PI, 0.5 + random(), 0.5 + random()];
  const at = new Vector3();
  const track: Track = [];
  let previous: { x: number; z: number } | null = null;
  let step = 0; // scene seconds since the previous frame
  for (let t = start; t < start + seconds; t += step) {
    if (script(t, at) === false) {
      if (track.length) break; // gone
    } else {
      const x = at.x + sway * Math.sin(fx * t + px);
      const z = at.z + sway * Math.sin(fz * t + pz);
      const [vx, vz] = previous ? [clamp((x - previous.x) / step / MAX_SPEED), clamp((z - previous.z) / step / MAX_SPEED)] : [0, 0];
      track.push(Float32Array.of(x / DISTANCE, z / DISTANCE, vx, vz));
      previous = { x, z };
    }
    step = speed * Math.min(MAX_FRAME_SECONDS, frameSeconds * (0.75 + 0.75 * random()));
  }
  return track;
}

/** Draws how a page shows a person: speed 1 to 3, frames of 1/60 to 1/10 s, up to 5 cm of sway. */
function drawWalk(random: () => number, start: number, seconds: number): WalkOptions {
  return { start, seconds, speed: 1 + 2 * random(), frameSeconds: 1 / 60 + (0.1 - 1 / 60) * random(), sway: 0.05 * random() };
}

/** `count` tracks of the resident's daily loop, each from a random time of day, `seconds` long. */
export function normalTracks(count: number, seed: number, seconds = 40): Track[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => walk(residentScript, drawWalk(random, 200 * random(), seconds), random));
}

/** `count` tracks of the intruder's path, in through the office window and out by the front door. */
export function intruderTracks(count: number, seed: number): Track[] {
  const random = seededRandom(seed);
  const script = intruderScript(() => 0);
  return Array.from({ length: count }, () => walk(script, drawWalk(random, -random(), 120), random));
}

/** The tracks' frames as training rows: x = position [n, 2], y = velocity [n, 2]. */
export function toRows(tracks: readonly Track[]): { x: Float32Array; y: Float32Array; count: number } {
  const count = tracks.reduce((n, t) => n + t.length, 0);
  const x = new Float32Array(count * 2);
  const y = new Float32Array(count * 2);
  let i = 0;
  for (const frame of tracks.flat()) {
    x.set(frame.subarray(0, 2), i * 2);
    y.set(frame.subarray(2, 4), i++ * 2);
  }
  return { x, y, count };
}
