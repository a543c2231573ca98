/**
 * Plays the loop with Web Audio: a triangle-wave voice per note, scheduled a little ahead on the AudioContext's
 * clock (so frame hiccups never make it stutter). Browsers let audio start only after a user gesture: call
 * {@link AudioLoop.start} from one (a click).
 */
import { STEPS } from './melody.js';

/** C major from C4 to C5, in Hz. */
const FREQUENCIES = [261.63, 293.66, 329.63, 349.23, 392.0, 440.0, 493.88, 523.25];
/** How far ahead notes are scheduled, in seconds. */
const LOOKAHEAD = 0.2;

/** The studio's Web Audio loop over the 16 steps. */
export class AudioLoop {
  private context: AudioContext | null = null;
  private output: GainNode | null = null;
  private startTime = 0;
  private next = 0;

  /**
   * @param pitches - the pitch at each step (or null), read as each step is scheduled
   * @param stepSeconds - the length of a step
   */
  constructor(private readonly pitches: () => readonly (number | null)[], private readonly stepSeconds = 0.16) {}

  /** True while the context runs. */
  get running(): boolean {
    return this.context?.state === 'running';
  }

  /** Creates or resumes the AudioContext; call it from a user gesture. */
  start(): void {
    if (!this.context) {
      this.context = new AudioContext();
      this.output = this.context.createGain();
      this.output.gain.value = 0.3;
      this.output.connect(this.context.destination);
      this.startTime = this.context.currentTime + 0.05;
    }
    if (this.context.state === 'suspended') void this.context.resume();
  }

  /** Schedules the steps due within the lookahead; returns the step sounding now, or -1 when silent. */
  update(): number {
    const context = this.context;
    if (!context || context.state !== 'running') return -1;
    const now = context.currentTime;
    this.next = Math.max(this.next, Math.ceil((now - this.startTime) / this.stepSeconds));
    for (let time = this.timeOf(this.next); time < now + LOOKAHEAD; time = this.timeOf(++this.next)) {
      const pitch = this.pitches()[this.next % STEPS];
      if (pitch !== null) this.voice(context, FREQUENCIES[pitch], time);
    }
    return Math.max(0, Math.floor((now - this.startTime) / this.stepSeconds)) % STEPS;
  }

  private timeOf(step: number): number {
    return this.startTime + step * this.stepSeconds;
  }

  private voice(context: AudioContext, frequency: number, time: number): void {
    const oscillator = context.createOscillator();
    oscillator.type = 'triangle';
    oscillator.frequency.value = frequency;
    const envelope = context.createGain();
    envelope.gain.setValueAtTime(0, time);
    envelope.gain.linearRampToValueAtTime(0.8, time + 0.01);
    envelope.gain.exponentialRampToValueAtTime(0.001, time + this.stepSeconds * 1.8);
    oscillator.connect(envelope).connect(this.output!);
    oscillator.start(time);
    oscillator.stop(time + this.stepSeconds * 2);
  }
}
