/** Facts (subject, relation, object), their relations' properties, and the JSON they are loaded from. */

/** What an object can be: another entity (a string), a number (a year, a count) or a truth value. */
export type FactValue = string | number | boolean;

/** One fact: `subject` `relation` `object`, e.g. ("Mona Lisa", "painted_by", "Leonardo da Vinci"). */
export interface Fact {
  /** The entity the fact is about (non-empty). */
  readonly subject: string;
  /** The relation's name (non-empty). */
  readonly relation: string;
  /** The related entity or value. */
  readonly object: FactValue;
  /** True for a fact inferred from a relation's symmetry or inverse, not given. */
  readonly derived?: boolean;
}

/** How a relation behaves; its inferred facts are added with the given ones. */
export interface RelationInfo {
  /** (a r b) implies (b r a), e.g. next_to. @default false */
  symmetric?: boolean;
  /** The name of the inverse relation: (a r b) implies (b inverse a), e.g. painted_by / painted. @default none */
  inverse?: string;
}

/** A fact in JSON: an object or a `[subject, relation, object]` triple. */
export type FactInput = { subject: string; relation: string; object: FactValue } | readonly [string, string, FactValue];

/** The JSON a knowledge base loads: its facts, and optionally its relations' properties. */
export interface KnowledgeJSON {
  /** Relation properties by name. */
  relations?: Record<string, RelationInfo>;
  /** The facts. */
  facts: FactInput[];
}

/** Thrown when knowledge JSON is malformed; `path` names the bad entry (e.g. `facts[3].object`). */
export class KnowledgeFormatError extends Error {
  override readonly name = 'KnowledgeFormatError';

  /**
   * @param path - where in the JSON, e.g. `facts[3].object`.
   * @param problem - what is wrong there.
   */
  constructor(readonly path: string, problem: string) {
    super(`KnowledgeBase: ${path} ${problem}`);
  }
}

const isName = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isValue = (v: unknown): v is FactValue => isName(v) || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

function shown(v: unknown): string {
  return v === undefined ? 'undefined' : JSON.stringify(v) ?? String(v);
}

/** Checks one fact (an object or a triple) at `path`; returns it as a {@link Fact}. */
export function checkFact(input: unknown, path: string): Fact {
  const triple = Array.isArray(input);
  if (triple && input.length !== 3) throw new KnowledgeFormatError(path, `must be [subject, relation, object], got ${input.length} items`);
  if (!triple && (typeof input !== 'object' || input === null)) throw new KnowledgeFormatError(path, `must be an object or a [subject, relation, object] triple, got ${shown(input)}`);
  const [subject, relation, object] = triple ? input : [(input as Fact).subject, (input as Fact).relation, (input as Fact).object];
  const at = (field: string, i: number): string => (triple ? `${path}[${i}]` : `${path}.${field}`);
  if (!isName(subject)) throw new KnowledgeFormatError(at('subject', 0), `must be a non-empty string, got ${shown(subject)}`);
  if (!isName(relation)) throw new KnowledgeFormatError(at('relation', 1), `must be a non-empty string, got ${shown(relation)}`);
  if (!isValue(object)) throw new KnowledgeFormatError(at('object', 2), `must be a non-empty string, a finite number or a boolean, got ${shown(object)}`);
  return { subject: subject.trim(), relation: relation.trim(), object: typeof object === 'string' ? object.trim() : object };
}

/** Checks a relation's properties at `path`. */
export function checkRelation(input: unknown, path: string): RelationInfo {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new KnowledgeFormatError(path, `must be an object, got ${shown(input)}`);
  const { symmetric, inverse } = input as RelationInfo;
  if (symmetric !== undefined && typeof symmetric !== 'boolean') throw new KnowledgeFormatError(`${path}.symmetric`, `must be a boolean, got ${shown(symmetric)}`);
  if (inverse !== undefined && !isName(inverse)) throw new KnowledgeFormatError(`${path}.inverse`, `must be a non-empty string, got ${shown(inverse)}`);
  return { ...(symmetric === undefined ? {} : { symmetric }), ...(inverse === undefined ? {} : { inverse: inverse.trim() }) };
}

/** Parses and checks knowledge JSON (text or an already parsed value); a bare array is a list of facts. */
export function parseKnowledge(json: unknown): { relations: [string, RelationInfo][]; facts: Fact[] } {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new KnowledgeFormatError('(root)', `is not valid JSON: ${(error as Error).message}`);
    }
  }
  const root = Array.isArray(value) ? { facts: value } : value;
  if (typeof root !== 'object' || root === null) throw new KnowledgeFormatError('(root)', `must be { facts: [...] } or an array of facts, got ${shown(root)}`);
  const { facts, relations } = root as Partial<KnowledgeJSON>;
  if (!Array.isArray(facts)) throw new KnowledgeFormatError('facts', `must be an array, got ${shown(facts)}`);
  if (relations !== undefined && (typeof relations !== 'object' || relations === null || Array.isArray(relations))) {
    throw new KnowledgeFormatError('relations', `must be an object of relation properties, got ${shown(relations)}`);
  }
  return {
    relations: Object.entries(relations ?? {}).map(([name, info]) => [name, checkRelation(info, `relations.${name}`)]),
    facts: facts.map((f, i) => checkFact(f, `facts[${i}]`)),
  };
}
