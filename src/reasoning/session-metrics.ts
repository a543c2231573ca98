import type { Verdict } from './proposal.js';

/** The session's metrics at one moment. Rates are NaN while undefined (nothing answered, no time elapsed). */
export interface MetricsSnapshot {
  /** When, on the session's clock (ms). */
  readonly time: number;
  /** Answers given so far. */
  readonly answered: number;
  /** Answers accepted. */
  readonly accepted: number;
  /** Answers rejected. */
  readonly rejected: number;
  /** Answers corrected. */
  readonly corrected: number;
  /** Accepted / answered, since the start. */
  readonly agreementRate: number;
  /** Accepted / answered over the last `window` answers. */
  readonly windowAgreementRate: number;
  /** Mean of ||A - H||^2 over the answers whose human actions are known (accepted or corrected actions). */
  readonly meanSquaredError: number;
  /** ||A - H||^2 of the latest answer that had one. */
  readonly lastSquaredError: number;
  /** Corrections per minute since the session started. */
  readonly correctionsPerMinute: number;
  /** Corrections per minute over the last `rateWindowMs` (or since the start, when shorter). */
  readonly recentCorrectionsPerMinute: number;
}

/** The snapshot keys that hold numbers worth plotting. */
export type MetricName = Exclude<keyof MetricsSnapshot, 'time'>;

/** A metric's time series, for plots. */
export interface MetricSeries {
  /** Sample times on the session's clock (ms), ascending. */
  readonly times: number[];
  /** The metric's values at those times. */
  readonly values: number[];
}

const MINUTE_MS = 60_000;

/**
 * Agreement, ||A - H||^2 and correction-rate metrics of a collaboration session, with a bounded history of
 * snapshots (one per answer) for plots. Fed by the session; read it through {@link CollaborationSession.metrics}.
 */
export class SessionMetrics {
  private readonly verdicts: Verdict[] = [];
  private readonly correctionTimes: number[] = [];
  private readonly snapshots: MetricsSnapshot[] = [];
  private counts = { accepted: 0, rejected: 0, corrected: 0 };
  private errorSum = 0;
  private errorCount = 0;
  private lastError = NaN;

  /**
   * @param startTime - the session's start on its clock (ms).
   * @param window - answers in the sliding agreement window.
   * @param rateWindowMs - the span of the recent correction rate.
   * @param historyCapacity - snapshots kept; the oldest go first.
   */
  constructor(
    readonly startTime: number,
    readonly window: number,
    readonly rateWindowMs: number,
    readonly historyCapacity: number,
  ) {}

  /** Snapshots taken after each answer, oldest first (at most `historyCapacity`). */
  get history(): readonly MetricsSnapshot[] {
    return this.snapshots;
  }

  /** Records an answer given at `time`, with its ||A - H||^2 when known, and returns the snapshot after it. */
  record(verdict: Verdict, time: number, squaredError: number | undefined): MetricsSnapshot {
    this.verdicts.push(verdict);
    if (this.verdicts.length > this.window) this.verdicts.shift();
    this.counts[verdict]++;
    if (verdict === 'corrected') this.correctionTimes.push(time);
    if (squaredError !== undefined) {
      this.errorSum += squaredError;
      this.errorCount++;
      this.lastError = squaredError;
    }
    const snapshot = this.snapshot(time);
    this.snapshots.push(snapshot);
    if (this.snapshots.length > this.historyCapacity) this.snapshots.shift();
    return snapshot;
  }

  /** The metrics at `time` (the correction rates depend on it). */
  snapshot(time: number): MetricsSnapshot {
    const { accepted, rejected, corrected } = this.counts;
    const answered = accepted + rejected + corrected;
    const inWindow = this.verdicts.filter((v) => v === 'accepted').length;
    const elapsed = time - this.startTime;
    const recentSpan = Math.min(this.rateWindowMs, elapsed);
    while (this.correctionTimes.length > 0 && this.correctionTimes[0] <= time - this.rateWindowMs) this.correctionTimes.shift();
    return {
      time, answered, accepted, rejected, corrected,
      agreementRate: answered === 0 ? NaN : accepted / answered,
      windowAgreementRate: this.verdicts.length === 0 ? NaN : inWindow / this.verdicts.length,
      meanSquaredError: this.errorCount === 0 ? NaN : this.errorSum / this.errorCount,
      lastSquaredError: this.lastError,
      correctionsPerMinute: elapsed > 0 ? corrected / (elapsed / MINUTE_MS) : NaN,
      recentCorrectionsPerMinute: recentSpan > 0 ? this.correctionTimes.length / (recentSpan / MINUTE_MS) : NaN,
    };
  }

  /** One metric over the history, for plots. */
  series(name: MetricName): MetricSeries {
    return { times: this.snapshots.map((s) => s.time), values: this.snapshots.map((s) => s[name]) };
  }
}
