/**
 * What the importer's rules ask of a single scraped line: is it a bullet, does it end a sentence,
 * is it short enough to be a label (heading, caption, list entry) rather than prose.
 */

/** A bullet as scrapes write them: `•`/`·`-style glyphs, or `-`/`*`/`+` followed by a space. Group 1 is the text. */
export const BULLET = /^\s*(?:[•·●▪◦‣∙]|[-*+](?=\s))\s*(.*)$/;

/** Ends like a sentence (or a clause that continues, with `commas`): prose, never a heading. */
export function endsSentence(line: string, options: { commas?: boolean } = {}): boolean {
  return options.commas ? /[。！？!?；;：:…,，、]$/.test(line) : /[。！？!?；;：:…]$/.test(line);
}

/** Length in characters as a reader counts them (code points, so an emoji or rare Han is one). */
export function charLength(line: string): number {
  return [...line].length;
}

/** A short line without sentence-final punctuation: a heading, caption or table-of-contents entry. */
export function isLabel(line: string, maxChars: number, options: { commas?: boolean } = {}): boolean {
  return line.length > 0 && charLength(line) <= maxChars && !endsSentence(line, options) && !BULLET.test(line);
}
