/**
 * Finding a term in folded text: CJK terms match anywhere, Latin terms only as whole words
 * (`api` must not light up inside `rapid`).
 */
const WORD_CHAR = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;

function isLatinWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
  if (code >= 0x3000 && code <= 0x9fff) return false;
  return WORD_CHAR.test(ch) && !HAN.test(ch);
}

/** Start offsets of `term` in `text` (both folded), respecting word boundaries at Latin ends. */
export function termOffsets(text: string, term: string): number[] {
  if (!term) return [];
  const checkStart = isLatinWordChar(term[0]);
  const checkEnd = isLatinWordChar(term[term.length - 1]);
  const out: number[] = [];
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
    if (checkStart && isLatinWordChar(text[at - 1])) continue;
    if (checkEnd && isLatinWordChar(text[at + term.length])) continue;
    out.push(at);
  }
  return out;
}

export function containsTerm(text: string, term: string): boolean {
  const checkStart = isLatinWordChar(term[0]);
  const checkEnd = isLatinWordChar(term[term.length - 1]);
  if (!checkStart && !checkEnd) return text.includes(term);
  return termOffsets(text, term).length > 0;
}
