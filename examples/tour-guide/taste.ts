/**
 * The visitor's taste, learned online: a one-layer network (logistic scorer) from an exhibit's features (its kind,
 * one-hot, and whether it is modern) to how likely the visitor is to accept it, trained with Adam on the
 * session's answers (accept = 1, reject = 0). Suggestions pick the best-scored exhibit, the nearer one among
 * near ties.
 */
import { Mlp, Tensor, Trainer, adam, mseLoss, type KnowledgeBase } from 'babylon-collaborator';
import type { Exhibit } from './museum.js';

/** The kinds of exhibit, in feature order. */
export const KINDS = ['painting', 'sculpture', 'fossil', 'machine'] as const;
const FEATURES = KINDS.length + 1;
/** Score lost per metre of distance, so that near ties go to the nearer exhibit. */
const DISTANCE_COST = 0.004;

/** The learned taste and the choice of the next exhibit. */
export class TasteModel {
  private readonly model = Mlp.create({ sizes: [FEATURES, 1], activations: ['sigmoid'], seed: 7 });
  private readonly trainer = new Trainer(this.model, { optimizer: adam({ lr: 0.05 }), loss: mseLoss });
  private readonly xs: number[] = [];
  private readonly ys: number[] = [];

  /** @param kb - where the exhibits' years come from. */
  constructor(private readonly kb: KnowledgeBase) {}

  /** The features of `exhibit`. */
  features(exhibit: Exhibit): number[] {
    const year = this.kb.query({ subject: exhibit.name, relation: 'year' })[0]?.object;
    return [...KINDS.map((k) => (k === exhibit.kind ? 1 : 0)), typeof year === 'number' && year >= 1900 ? 1 : 0];
  }

  /** How likely the visitor is to accept each exhibit, in [0, 1]. */
  scores(exhibits: readonly Exhibit[]): number[] {
    const x = new Tensor('float32', Float32Array.from(exhibits.flatMap((e) => this.features(e))), [exhibits.length, FEATURES]);
    return Array.from(this.model.predict(x).data as Float32Array);
  }

  /** The liking of each kind (of an old exhibit), for display. */
  kindScores(): Record<string, number> {
    const rows = KINDS.flatMap((k) => [...KINDS.map((j) => (j === k ? 1 : 0)), 0]);
    const y = this.model.predict(new Tensor('float32', Float32Array.from(rows), [KINDS.length, FEATURES])).data as Float32Array;
    return Object.fromEntries(KINDS.map((k, i) => [k, y[i]]));
  }

  /** The exhibit to suggest from `here`, among `candidates`. */
  pick(candidates: readonly Exhibit[], here: Exhibit | null): Exhibit {
    const scores = this.scores(candidates);
    const value = (e: Exhibit, i: number): number => scores[i] - (here ? DISTANCE_COST * e.view.subtract(here.view).length() : 0);
    let best = 0;
    candidates.forEach((e, i) => {
      if (value(e, i) > value(candidates[best], best)) best = i;
    });
    return candidates[best];
  }

  /** Learns that the visitor liked (or not) `exhibit`: a few passes of Adam over every answer so far. */
  async learn(exhibit: Exhibit, liked: boolean): Promise<number> {
    this.xs.push(...this.features(exhibit));
    this.ys.push(liked ? 1 : 0);
    const n = this.ys.length;
    const data = { x: new Tensor('float32', Float32Array.from(this.xs), [n, FEATURES]), y: new Tensor('float32', Float32Array.from(this.ys), [n, 1]) };
    const { loss } = await this.trainer.fit(data, { epochs: 40, batchSize: 32, shuffle: false });
    return loss[loss.length - 1];
  }
}
