import { requireInteger } from './options.js';

/** What a sensor perceives; lets fusion and policies treat each modality its own way. */
export type Modality = 'vector' | 'ray' | 'visual' | 'audio' | 'text' | 'motion' | 'grid' | 'entities';

/** The layout of an observation: flat vector, image, or a padded list of entities. */
export type ObservationKind = 'vector' | 'visual' | 'variableLength';

/**
 * The shape and meaning of one sensor's observation (ML-Agents' ObservationSpec).
 * Value object: create it with {@link ObservationSpec.vector}, {@link ObservationSpec.visual} or
 * {@link ObservationSpec.variableLength}, and tag the modality with {@link ObservationSpec.withModality}.
 */
export class ObservationSpec {
  private constructor(
    /** The layout. */
    readonly kind: ObservationKind,
    /** The shape of one agent's observation (without the batch dimension). */
    readonly shape: readonly number[],
    /** What the observation perceives. */
    readonly modality: Modality,
  ) {
    Object.freeze(this.shape);
  }

  /** A flat vector of `n` floats. */
  static vector(n: number, modality: Modality = 'vector'): ObservationSpec {
    requireInteger('ObservationSpec.vector', 'n', n, 1);
    return new ObservationSpec('vector', [n], modality);
  }

  /** An image of `c` channels, `h` rows and `w` columns, stored NCHW. */
  static visual(c: number, h: number, w: number, modality: Modality = 'visual'): ObservationSpec {
    requireInteger('ObservationSpec.visual', 'c', c, 1);
    requireInteger('ObservationSpec.visual', 'h', h, 1);
    requireInteger('ObservationSpec.visual', 'w', w, 1);
    return new ObservationSpec('visual', [c, h, w], modality);
  }

  /** Up to `maxCount` entities of `size` floats each, zero-padded. */
  static variableLength(maxCount: number, size: number, modality: Modality = 'entities'): ObservationSpec {
    requireInteger('ObservationSpec.variableLength', 'maxCount', maxCount, 1);
    requireInteger('ObservationSpec.variableLength', 'size', size, 1);
    return new ObservationSpec('variableLength', [maxCount, size], modality);
  }

  /** The same layout tagged with another modality. */
  withModality(modality: Modality): ObservationSpec {
    return new ObservationSpec(this.kind, this.shape, modality);
  }

  /** Number of floats one observation takes: the product of {@link shape}. */
  get size(): number {
    return this.shape.reduce((a, b) => a * b, 1);
  }

  /** True when both specs have the same kind, shape and modality. */
  equals(other: ObservationSpec): boolean {
    return this.kind === other.kind && this.modality === other.modality &&
      this.shape.length === other.shape.length && this.shape.every((d, i) => d === other.shape[i]);
  }

  /** For messages: e.g. `vector[27] (ray)`. */
  toString(): string {
    return `${this.kind}[${this.shape.join('x')}] (${this.modality})`;
  }
}
