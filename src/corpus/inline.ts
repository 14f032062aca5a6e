/**
 * Writing text as Markdown that the corpus parser (`markdown.ts`, CommonMark + GFM) reads back as the
 * same words: what the importer uses, so quotes stay the article's exact words.
 */

/** Escapes every character the parser could read as inline syntax, so the text survives a round trip. */
export function escapeInline(text: string): string {
  // `~` only matters doubled and `_` only where it can open emphasis, so `1~2` and `snake_case` stay
  // readable; `&` only before what would read as a character reference (`&amp;`).
  return text.replace(/[\\`*\[]|~(?=~)|(?<![\p{L}\p{N}])_|<(?=[a-zA-Z/!?])|&(?=#?[a-zA-Z0-9]+;)/gu, (m) => `\\${m}`);
}

/**
 * Escapes a line start that the block parser would read as a heading, list item, quote or rule.
 * Apply to text already passed through `escapeInline`.
 */
export function escapeLineStart(line: string): string {
  const ordered = /^(\d{1,9})([.)])(\s|$)/.exec(line);
  if (ordered) return `${ordered[1]}\\${ordered[2]}${line.slice(ordered[1]!.length + 1)}`;
  if (/^(#{1,6}(\s|$)|[-+](\s|$)|>|-{3,}\s*$)/.test(line)) return `\\${line}`;
  return line;
}
