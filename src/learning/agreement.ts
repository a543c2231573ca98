/** Agreement between the collaborator's recent decisions and the human. */

/**
 * The last `window` decisions and whether each agreed with the human: a decision counts as agreed unless a
 * correction about it differs from it by more than the tolerance (the human let it stand, or corrected it
 * within tolerance).
 */
export class AgreementWindow {
  private readonly agreed: Uint8Array;
  private next = 0;
  private count = 0;
  private latest = -1;

  constructor(window: number) {
    this.agreed = new Uint8Array(window);
  }

  /** A new decision, agreed until a correction says otherwise. */
  decision(): void {
    this.latest = this.next;
    this.agreed[this.next] = 1;
    this.next = (this.next + 1) % this.agreed.length;
    if (this.count < this.agreed.length) this.count++;
  }

  /** A correction of the latest decision (a decision of its own when none was seen yet). */
  correction(agrees: boolean): void {
    if (this.latest < 0) this.decision();
    this.agreed[this.latest] = agrees ? 1 : 0;
  }

  /** Share of agreed decisions in the window, in [0, 1]; 0 before any decision. */
  get value(): number {
    if (this.count === 0) return 0;
    let sum = 0;
    for (let i = 0; i < this.count; i++) sum += this.agreed[i];
    return sum / this.count;
  }

  /** Forgets every decision. */
  clear(): void {
    this.next = this.count = 0;
    this.latest = -1;
  }
}
