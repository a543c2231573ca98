/**
 * Natural-language generation by slot templates. A template is text with slots in braces:
 * - `{name}`: the binding's value; a list reads "a, b and c" (empty: "").
 * - `{#name}`: how many: a list's length, a number itself, 1 for anything else.
 * - `{name?word}`: `word`, pluralised unless the count of `name` is 1 ("exhibit" / "exhibits").
 * - `{name?one|many}`: `one` when the count of `name` is 1, else `many` ("is|are").
 * - `{{` and `}}`: literal braces.
 */

/** A value a template slot takes. */
export type SlotValue = string | number | boolean | readonly (string | number | boolean)[];

/** The values of a template's slots, by name. */
export type Bindings = Readonly<Record<string, SlotValue | undefined>>;

/** Thrown by {@link render} when a slot has no binding; names the slot and the template. */
export class MissingSlotError extends Error {
  override readonly name = 'MissingSlotError';

  /**
   * @param slot - the slot's name.
   * @param template - the template being rendered.
   */
  constructor(readonly slot: string, readonly template: string) {
    super(`render: no value for slot '${slot}' in template '${template}'`);
  }
}

/** Thrown by {@link render} for a malformed template; names the position. */
export class TemplateSyntaxError extends Error {
  override readonly name = 'TemplateSyntaxError';

  /**
   * @param template - the template.
   * @param position - index of the offending character.
   * @param problem - what is wrong.
   */
  constructor(readonly template: string, readonly position: number, problem: string) {
    super(`render: ${problem} at ${position} in template '${template}'`);
  }
}

const SLOT = /^(#)?([A-Za-z_][\w.]*)(?:\?([^|{}]*)(?:\|([^|{}]*))?)?$/;
const IRREGULAR: Readonly<Record<string, string>> = { person: 'people', child: 'children', man: 'men', woman: 'women', this: 'these', is: 'are', was: 'were', has: 'have' };

/** "a", "a and b", "a, b and c" (`conjunction` replaces "and"). */
export function joinList(items: readonly (string | number | boolean)[], conjunction = 'and'): string {
  const words = items.map(String);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

/** `word` when `count` is 1, else its English plural (simple rules and a few irregular words). */
export function pluralize(word: string, count: number): string {
  if (count === 1) return word;
  const irregular = IRREGULAR[word.toLowerCase()];
  if (irregular) return word[0] === word[0].toUpperCase() ? irregular[0].toUpperCase() + irregular.slice(1) : irregular;
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/** How many a slot value counts for: a list's length, a number itself, else 1. */
function countOf(value: SlotValue): number {
  if (Array.isArray(value)) return value.length;
  return typeof value === 'number' ? value : 1;
}

/**
 * Fills `template`'s slots from `bindings` (syntax in this module's description).
 * @throws MissingSlotError when a slot has no binding; TemplateSyntaxError for an unclosed or malformed slot.
 */
export function render(template: string, bindings: Bindings): string {
  if (typeof template !== 'string') throw new TypeError(`render: template must be a string, got ${typeof template}`);
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if ((c === '{' || c === '}') && template[i + 1] === c) {
      out += c;
      i += 2;
    } else if (c === '}') {
      throw new TemplateSyntaxError(template, i, "unmatched '}' (write '}}' for a brace)");
    } else if (c === '{') {
      const end = template.indexOf('}', i);
      if (end < 0) throw new TemplateSyntaxError(template, i, "unclosed '{'");
      out += fill(template, i, template.slice(i + 1, end).trim(), bindings);
      i = end + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function fill(template: string, at: number, slot: string, bindings: Bindings): string {
  const parts = SLOT.exec(slot);
  if (!parts) throw new TemplateSyntaxError(template, at, `malformed slot '{${slot}}'`);
  const [, hash, name, one, many] = parts;
  const value = Object.hasOwn(bindings, name) ? bindings[name] : undefined;
  if (value === undefined) throw new MissingSlotError(name, template);
  if (hash) return String(countOf(value));
  if (one === undefined) return Array.isArray(value) ? joinList(value) : String(value);
  const count = countOf(value);
  if (many !== undefined) return count === 1 ? one : many;
  return pluralize(one, count);
}
