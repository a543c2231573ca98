import { requireNumber } from '../../collaborator/options.js';

/** Root mean square of `samples` (0 for none). */
export function rms(samples: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

/** Levels below this are taken as this, in dBFS (digital silence has no logarithm). */
const FLOOR_DB = -100;

/** Options of {@link EnergyVad}. */
export interface EnergyVadOptions {
  /** A chunk is voiced when its level is at least this far above the noise floor, in dB (> 0). @default 9 */
  readonly marginDb?: number;
  /** A chunk quieter than this is never voiced, in dBFS. @default -55 */
  readonly minimumDb?: number;
  /** How fast the noise floor estimate rises, in dB per second (it falls at once to a quieter chunk), > 0. @default 3 */
  readonly floorRiseDbPerSecond?: number;
  /** Voice stays reported this long after the last voiced chunk, in ms, >= 0. @default 240 */
  readonly hangoverMs?: number;
}

/**
 * Energy-based voice activity: a chunk is voiced when its level (RMS in dBFS) is `marginDb` above a running
 * noise-floor estimate and above `minimumDb`; the decision is held for `hangoverMs` after the last voiced chunk.
 * The floor starts at the first chunk's level, falls at once to any quieter chunk and rises slowly
 * (`floorRiseDbPerSecond`), so steady noise stops counting as voice after a while. Cheap and model-free; it
 * tells loud sound from the background, not speech from other sounds.
 */
export class EnergyVad {
  private readonly margin: number;
  private readonly minimum: number;
  private readonly rise: number;
  private readonly hangoverMs: number;
  private floor = Number.NaN;
  private heldMs = 0;

  /** @throws RangeError naming the option */
  constructor(options: EnergyVadOptions = {}) {
    this.margin = requireNumber('AudioSensor', 'vad.marginDb', options.marginDb ?? 9, 0, Infinity, true);
    this.minimum = requireNumber('AudioSensor', 'vad.minimumDb', options.minimumDb ?? -55, FLOOR_DB, 0);
    this.rise = requireNumber('AudioSensor', 'vad.floorRiseDbPerSecond', options.floorRiseDbPerSecond ?? 3, 0, Infinity, true);
    this.hangoverMs = requireNumber('AudioSensor', 'vad.hangoverMs', options.hangoverMs ?? 240, 0);
  }

  /** Classifies the next chunk from its RMS and its duration in ms; returns 1 when voiced (or held), else 0. */
  next(chunkRms: number, durationMs: number): 0 | 1 {
    const level = Math.max(FLOOR_DB, 20 * Math.log10(chunkRms));
    const floor = Number.isNaN(this.floor) ? level : this.floor;
    const voiced = level >= this.minimum && level >= floor + this.margin;
    this.floor = Math.min(level, floor + (this.rise * durationMs) / 1000);
    this.heldMs = voiced ? this.hangoverMs : Math.max(0, this.heldMs - durationMs);
    return voiced || this.heldMs > 0 ? 1 : 0;
  }

  /** Forgets the noise floor and the hangover. */
  reset(): void {
    this.floor = Number.NaN;
    this.heldMs = 0;
  }
}
