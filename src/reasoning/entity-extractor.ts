/** A known entity found in a text. */
export interface EntityMention {
  /** The entity as the knowledge base spells it. */
  readonly entity: string;
  /** Where the mention starts in the text. */
  readonly start: number;
  /** Where it ends (exclusive). */
  readonly end: number;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Finds known entity names in text: case-insensitive, on word boundaries, longest name first where mentions
 * overlap ("Room 12" before "Room 1"). Rebuilds its matcher lazily after names are added.
 */
export class EntityExtractor {
  private readonly names = new Map<string, string>();
  private matcher: RegExp | null = null;

  /** Adds an entity name (kept in its first spelling). */
  add(name: string): void {
    const key = name.toLowerCase();
    if (this.names.has(key)) return;
    this.names.set(key, name);
    this.matcher = null;
  }

  /** The mentions of known entities in `text`, in text order, not overlapping. */
  find(text: string): EntityMention[] {
    if (this.names.size === 0) return [];
    this.matcher ??= new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...this.names.keys()].sort((a, b) => b.length - a.length).map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
    return [...text.matchAll(this.matcher)].map((m) => ({
      entity: this.names.get(m[0].toLowerCase())!, start: m.index, end: m.index + m[0].length,
    }));
  }
}
