/**
 * Dictionary lookup of phrases in a text, indexed by first character so a query is matched against
 * hundreds of stopwords and glossary terms without trying each one at every position.
 */
export class PhraseIndex<T = string> {
  private readonly byFirst = new Map<string, { phrase: string; value: T }[]>();

  constructor(entries: Iterable<readonly [phrase: string, value: T]>) {
    for (const [phrase, value] of entries) {
      if (!phrase) continue;
      const first = phrase[0]!;
      const list = this.byFirst.get(first) ?? [];
      list.push({ phrase, value });
      this.byFirst.set(first, list);
    }
    // Longest first, so the longest phrase at a position wins.
    for (const list of this.byFirst.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);
  }

  /** The longest phrase starting at `at`, if any. */
  longestAt(text: string, at: number): { phrase: string; value: T } | undefined {
    const candidates = this.byFirst.get(text[at]!);
    return candidates?.find((c) => text.startsWith(c.phrase, at));
  }

  /** Every occurrence of every phrase (overlaps included), in text order. */
  occurrences(text: string): { at: number; phrase: string; value: T }[] {
    const out: { at: number; phrase: string; value: T }[] = [];
    for (let at = 0; at < text.length; at++) {
      for (const c of this.byFirst.get(text[at]!) ?? []) if (text.startsWith(c.phrase, at)) out.push({ at, ...c });
    }
    return out;
  }
}

/** A phrase index of plain strings. */
export function phraseSet(phrases: Iterable<string>): PhraseIndex<string> {
  return new PhraseIndex([...phrases].map((p) => [p, p] as const));
}
