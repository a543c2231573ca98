import type { FactValue } from './fact.js';

/**
 * Anything that names the intent of a question; the `IntentClassifier` of `babylon-collaborator` is one.
 * Intents the knowledge base does not define (e.g. 'unknown') count as not understood.
 */
export interface IntentRecognizer {
  /** The intent of `text` and a confidence in [0, 1]. */
  classify(text: string): { intent: string; confidence: number };
}

/**
 * A term of a triple pattern: a literal (matched case-insensitively for strings), a variable `?name` (bound by
 * the match), `*` (anything, not bound) or `$entity` (in intent patterns: the entity named in the question).
 */
export type Term = FactValue;

/** A (subject, relation, object) pattern of terms. */
export type TriplePattern = readonly [Term, Term, Term];

/** How an intent is answered: patterns to match and templates for the answer (see `render`). */
export interface IntentAnswer {
  /**
   * Patterns matched together (a join: shared variables must agree). `$entity` stands for the entity named in
   * the question, e.g. `[['$entity', 'in_room', '?room'], ['?room', 'next_to', '?neighbour']]`.
   */
  patterns: readonly TriplePattern[];
  /**
   * The answer: slots are `entity` and each variable, bound to the list of its distinct values over all matches,
   * e.g. `'{entity} is next to {neighbour}.'`.
   */
  template: string;
  /** Said when nothing matches; slot `entity`. @default "I don't know." */
  none?: string;
}

/** What {@link KnowledgeBase.answer} returns. */
export interface KnowledgeAnswer {
  /** The sentence to say. */
  readonly text: string;
  /** True when an intent was recognised, an entity found where needed and the patterns matched. */
  readonly answered: boolean;
  /** The recognised intent (even when not defined), or null without a classifier result. */
  readonly intent: string | null;
  /** The classifier's confidence. */
  readonly confidence: number;
  /** The entity the question is about (the first one mentioned), or null. */
  readonly entity: string | null;
  /** Each variable's distinct values over the matches. */
  readonly bindings: Readonly<Record<string, FactValue[]>>;
}
