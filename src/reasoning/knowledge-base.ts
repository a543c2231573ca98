import { requireNumber, requireType } from '../collaborator/options.js';
import { EntityExtractor } from './entity-extractor.js';
import { checkFact, checkRelation, KnowledgeFormatError, parseKnowledge, type Fact, type FactValue, type RelationInfo } from './fact.js';
import { render } from './nlg.js';
import type { IntentAnswer, IntentRecognizer, KnowledgeAnswer, Term, TriplePattern } from './question-intent.js';

/** Options of {@link KnowledgeBase}. */
export interface KnowledgeBaseOptions {
  /** Names the intent of questions for {@link KnowledgeBase.answer}. @default none: answer() throws */
  classifier?: IntentRecognizer;
  /** Intents below this confidence, in [0, 1], are not understood. @default 0 */
  minConfidence?: number;
  /** Said when the question is not understood. @default "Sorry, I don't understand the question." */
  notUnderstood?: string;
  /** Said when an intent needs an entity and the question names none. @default 'Which one do you mean?' */
  askEntity?: string;
}

/** Which facts {@link KnowledgeBase.query} returns: each given field must match; absent or `*` matches anything. */
export interface FactQuery {
  /** The subject (case-insensitive). */
  subject?: string;
  /** The relation (case-insensitive). */
  relation?: string;
  /** The object (strings case-insensitive). */
  object?: FactValue;
}

/** Variable bindings of one match of {@link KnowledgeBase.match}, by variable name without `?`. */
export type Solution = Record<string, FactValue>;

const OWNER = 'KnowledgeBase';
const ANY = '*';
const ENTITY = '$entity';

const keyOf = (v: FactValue): string => (typeof v === 'string' ? `s:${v.toLowerCase()}` : `${typeof v}:${v}`);
const isVariable = (t: Term): t is string => typeof t === 'string' && t.length > 1 && t[0] === '?';

/**
 * Facts (subject, relation, object) with queries, joins, relation paths and question answering: intents from an
 * {@link IntentRecognizer} map questions to patterns, the entity is found by matching known names in the text,
 * and the answer is rendered from a slot template.
 *
 * @example
 * ```ts
 * const kb = KnowledgeBase.fromJSON(museumJson, { classifier });
 * kb.defineIntent('where', { patterns: [['$entity', 'in_room', '?room']], template: '{entity} is in {room}.' });
 * kb.answer('Where is the Mona Lisa?').text; // 'Mona Lisa is in Room 1.'
 * ```
 */
export class KnowledgeBase {
  private readonly all: Fact[] = [];
  private readonly keys = new Set<string>();
  private readonly bySubject = new Map<string, Fact[]>();
  private readonly byRelation = new Map<string, Fact[]>();
  private readonly byObject = new Map<string, Fact[]>();
  private readonly relations = new Map<string, RelationInfo>();
  private readonly intents = new Map<string, IntentAnswer>();
  private readonly entities = new EntityExtractor();
  private readonly classifier: IntentRecognizer | undefined;
  private readonly minConfidence: number;
  private readonly notUnderstood: string;
  private readonly askEntity: string;

  /** An empty knowledge base. @throws TypeError or RangeError naming the first invalid option. */
  constructor(options: KnowledgeBaseOptions = {}) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.classifier = options.classifier === undefined ? undefined : requireType(OWNER, 'classifier', options.classifier,
      (v) => !!v && typeof (v as IntentRecognizer).classify === 'function', 'an intent recognizer with classify(text)');
    this.minConfidence = requireNumber(OWNER, 'minConfidence', options.minConfidence ?? 0, 0, 1);
    const isText = (v: unknown): boolean => typeof v === 'string';
    this.notUnderstood = requireType(OWNER, 'notUnderstood', options.notUnderstood ?? "Sorry, I don't understand the question.", isText, 'a string');
    this.askEntity = requireType(OWNER, 'askEntity', options.askEntity ?? 'Which one do you mean?', isText, 'a string');
  }

  /**
   * A knowledge base holding the facts and relations of `json` (text or parsed; see {@link KnowledgeJSON}).
   * @throws KnowledgeFormatError naming the first bad entry (e.g. `facts[3].object`).
   */
  static fromJSON(json: unknown, options?: KnowledgeBaseOptions): KnowledgeBase {
    const { relations, facts } = parseKnowledge(json);
    const kb = new KnowledgeBase(options);
    for (const [name, info] of relations) kb.defineRelation(name, info);
    for (const fact of facts) kb.add(fact);
    return kb;
  }

  /** Facts held, given and derived. */
  get size(): number {
    return this.all.length;
  }

  /** Every fact, given and derived, in the order added. */
  get facts(): readonly Fact[] {
    return this.all;
  }

  /**
   * Declares a relation symmetric and/or with an inverse; facts already held gain their derived facts.
   * @throws KnowledgeFormatError for malformed properties.
   */
  defineRelation(name: string, info: RelationInfo): void {
    if (typeof name !== 'string' || !name.trim()) throw new KnowledgeFormatError('relation name', `must be a non-empty string, got ${String(name)}`);
    this.relations.set(name.trim().toLowerCase(), checkRelation(info, `relations.${name}`));
    for (const fact of this.query({ relation: name })) this.derive(fact);
  }

  /**
   * Adds a fact (and what its relation implies); a fact already held is ignored.
   * @returns whether the given fact was new
   * @throws KnowledgeFormatError for a malformed fact.
   */
  add(fact: Fact | readonly [string, string, FactValue]): boolean {
    const added = this.insert(checkFact(fact, 'fact'), false);
    if (added) this.derive(added);
    return added !== null;
  }

  /** The facts matching `query` (absent fields and `*` match anything), in the order added. */
  query(query: FactQuery = {}): Fact[] {
    const given = (v: FactValue | undefined): v is FactValue => v !== undefined && v !== ANY;
    const candidates = [
      given(query.subject) ? this.bySubject.get(keyOf(query.subject)) ?? [] : null,
      given(query.relation) ? this.byRelation.get(keyOf(query.relation)) ?? [] : null,
      given(query.object) ? this.byObject.get(keyOf(query.object)) ?? [] : null,
    ].filter((c): c is Fact[] => c !== null);
    const smallest = candidates.length === 0 ? this.all : candidates.reduce((a, b) => (b.length < a.length ? b : a));
    return smallest.filter((f) => (!given(query.subject) || keyOf(f.subject) === keyOf(query.subject)) &&
      (!given(query.relation) || keyOf(f.relation) === keyOf(query.relation)) &&
      (!given(query.object) || keyOf(f.object) === keyOf(query.object)));
  }

  /**
   * Matches triple patterns together (a conjunctive query): variables (`?x`) shared between patterns must take
   * the same value; `*` matches anything. Returns one solution per combination, in fact order.
   * @example `kb.match([['?e', 'in_room', '?r'], ['?r', 'next_to', 'Room 2']])` (exhibits in rooms next to Room 2)
   */
  match(patterns: readonly TriplePattern[], bound: Solution = {}): Solution[] {
    requirePatterns(OWNER, patterns);
    let solutions: Solution[] = [{ ...bound }];
    for (const pattern of patterns) {
      solutions = solutions.flatMap((solution) => this.extend(pattern, solution));
      if (solutions.length === 0) break;
    }
    return solutions;
  }

  /** The values reached from `start` by following `relations` in turn (e.g. ['painted_by', 'born_in']), distinct. */
  follow(start: FactValue, relations: readonly string[]): FactValue[] {
    let frontier: FactValue[] = [start];
    for (const relation of relations) {
      frontier = distinct(frontier.flatMap((v) => (typeof v === 'string' ? this.query({ subject: v, relation }).map((f) => f.object) : [])));
    }
    return frontier;
  }

  /** The known entities mentioned in `text` (subjects and string objects, matched case-insensitively), in order. */
  findEntities(text: string): string[] {
    return this.entities.find(text).map((m) => m.entity);
  }

  /**
   * Says how to answer questions of `intent`: the patterns to match and the templates to render.
   * @throws TypeError for a malformed answer.
   */
  defineIntent(intent: string, answer: IntentAnswer): void {
    requireType(OWNER, 'intent', intent, (v) => typeof v === 'string' && v.length > 0, 'a non-empty string');
    requireType(OWNER, 'answer', answer, (v) => !!v && typeof (v as IntentAnswer).template === 'string', 'an IntentAnswer with patterns and a template');
    requirePatterns(`${OWNER}.defineIntent`, answer.patterns);
    this.intents.set(intent, { ...answer, patterns: answer.patterns.map((p) => [...p] as const) });
  }

  /**
   * Answers a question: the classifier names the intent, the first known entity mentioned is `$entity`, the
   * intent's patterns are matched and the template rendered. The classifier sees the question with entity names
   * replaced by "it", so names do not sway it.
   * @throws Error when the knowledge base has no classifier; MissingSlotError when a template names an unbound slot.
   */
  answer(question: string): KnowledgeAnswer {
    requireType(`${OWNER}.answer`, 'question', question, (v) => typeof v === 'string', 'a string');
    if (!this.classifier) throw new Error(`${OWNER}.answer: no classifier; pass options.classifier`);
    const mentions = this.entities.find(question);
    let masked = question;
    for (const m of [...mentions].reverse()) masked = `${masked.slice(0, m.start)}it${masked.slice(m.end)}`;
    const { intent, confidence } = this.classifier.classify(masked);
    const entity = mentions[0]?.entity ?? null;
    const result = { intent, confidence, entity, bindings: {} };
    const spec = this.intents.get(intent);
    if (!spec || confidence < this.minConfidence) return { ...result, text: this.notUnderstood, answered: false };
    const needsEntity = spec.patterns.some((p) => p.includes(ENTITY));
    if (needsEntity && entity === null) return { ...result, text: this.askEntity, answered: false };
    const patterns = spec.patterns.map((p) => p.map((t) => (t === ENTITY ? entity! : t)) as unknown as TriplePattern);
    const solutions = this.match(patterns);
    const bindings: Record<string, FactValue[]> = {};
    for (const solution of solutions) {
      for (const [name, value] of Object.entries(solution)) (bindings[name] ??= []).push(value);
    }
    for (const name of Object.keys(bindings)) bindings[name] = distinct(bindings[name]);
    const slots = { ...bindings, ...(entity === null ? {} : { entity }) };
    if (solutions.length === 0) return { ...result, text: render(spec.none ?? "I don't know.", slots), answered: false };
    return { ...result, bindings, text: render(spec.template, slots), answered: true };
  }

  private insert(fact: Fact, derived: boolean): Fact | null {
    const key = `${keyOf(fact.subject)}|${keyOf(fact.relation)}|${keyOf(fact.object)}`;
    if (this.keys.has(key)) return null;
    this.keys.add(key);
    const stored: Fact = derived ? { ...fact, derived: true } : fact;
    this.all.push(stored);
    push(this.bySubject, keyOf(fact.subject), stored);
    push(this.byRelation, keyOf(fact.relation), stored);
    push(this.byObject, keyOf(fact.object), stored);
    this.entities.add(fact.subject);
    if (typeof fact.object === 'string') this.entities.add(fact.object);
    return stored;
  }

  private derive(fact: Fact): void {
    const info = this.relations.get(fact.relation.toLowerCase());
    if (!info || typeof fact.object !== 'string') return;
    if (info.symmetric) this.insert({ subject: fact.object, relation: fact.relation, object: fact.subject }, true);
    if (info.inverse) this.insert({ subject: fact.object, relation: info.inverse, object: fact.subject }, true);
  }

  private extend(pattern: TriplePattern, solution: Solution): Solution[] {
    const resolve = (t: Term): FactValue | undefined => (t === ANY ? undefined : isVariable(t) ? solution[t.slice(1)] : t);
    const [s, r, o] = pattern.map(resolve);
    if ((s !== undefined && typeof s !== 'string') || (r !== undefined && typeof r !== 'string')) return [];
    return this.query({ subject: s, relation: r, object: o }).flatMap((fact) => {
      const next = { ...solution };
      const values = [fact.subject, fact.relation, fact.object];
      for (let i = 0; i < 3; i++) {
        const t = pattern[i];
        if (!isVariable(t)) continue;
        const name = t.slice(1);
        if (next[name] !== undefined && keyOf(next[name]) !== keyOf(values[i])) return [];
        next[name] = values[i];
      }
      return [next];
    });
  }
}

function requirePatterns(owner: string, patterns: unknown): void {
  const isTerm = (t: unknown): boolean => typeof t === 'string' || typeof t === 'boolean' || (typeof t === 'number' && Number.isFinite(t));
  requireType(owner, 'patterns', patterns, (v) => Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 3 && p.every(isTerm)),
    'an array of [subject, relation, object] patterns of strings, numbers or booleans');
}

function push(index: Map<string, Fact[]>, key: string, fact: Fact): void {
  const list = index.get(key);
  if (list) list.push(fact);
  else index.set(key, [fact]);
}

function distinct(values: FactValue[]): FactValue[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(keyOf(v)) && !!seen.add(keyOf(v)));
}
