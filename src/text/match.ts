/**
 * Finding a term in folded text: CJK terms match anywhere, Latin terms only as whole words
 * (`api` must not light up inside `rapid`), and a stemmed term (`polici`) matches every word with that
 * stem (policy, policies) — the index holds stems, the text holds words.
 */
import { stem } from "./stem.ts";

const WORD_CHAR = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;
const PLAIN = /^[a-z]+$/;

function isLatinWordChar(ch: string | undefined): boolean {
  return ch !== undefined && isLatinWordCode(ch.charCodeAt(0));
}

/**
 * Beyond ASCII, each UTF-16 unit's answer (from the two Unicode regexes) is worked out once and kept:
 * 0 not yet known, 1 a word character, 2 not. Scanning passages unit by unit is most of a search's
 * term matching, and a regex test per character of every candidate passage was much of that.
 */
const NON_ASCII_WORD = new Uint8Array(0x10000);

function isLatinWordCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
  if (code >= 0x3000 && code <= 0x9fff) return false;
  let known = NON_ASCII_WORD[code]!;
  if (known === 0) {
    const ch = String.fromCharCode(code);
    known = WORD_CHAR.test(ch) && !HAN.test(ch) ? 1 : 2;
    NON_ASCII_WORD[code] = known;
  }
  return known === 1;
}

/** `isLatinWordChar(text[i])` without making the one-character string (false outside the text). */
function isLatinWordAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && isLatinWordCode(text.charCodeAt(i));
}

/** A half-open range of a text. */
export interface TermSpan {
  start: number;
  end: number;
}

/** Stem → where words with that stem are, per text; texts are passages and sentences, asked again and again. */
const wordCache = new Map<string, Map<string, TermSpan[]>>();
const MAX_CACHED_TEXTS = 2_000;

function wordsOf(text: string): Map<string, TermSpan[]> {
  const cached = wordCache.get(text);
  if (cached) return cached;
  const map = new Map<string, TermSpan[]>();
  eachLatinWord(text, (start, end) => {
    const word = text.slice(start, end);
    if (!PLAIN.test(word)) return false;
    const span = { start, end };
    for (const key of [word, stem(word)]) {
      const list = map.get(key);
      if (!list) map.set(key, [span]);
      // A word that is its own stem is listed once.
      else if (list[list.length - 1] !== span) list.push(span);
    }
    return false;
  });
  if (wordCache.size >= MAX_CACHED_TEXTS) wordCache.delete(wordCache.keys().next().value!);
  wordCache.set(text, map);
  return map;
}

/** Where `term` occurs in `text` (both folded), respecting word boundaries at Latin ends. */
export function termSpans(text: string, term: string): TermSpan[] {
  if (!term) return [];
  if (PLAIN.test(term)) return wordsOf(text).get(term) ?? [];
  const checkStart = isLatinWordChar(term[0]);
  const checkEnd = isLatinWordChar(term[term.length - 1]);
  const out: TermSpan[] = [];
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
    if (checkStart && isLatinWordAt(text, at - 1)) continue;
    if (checkEnd && isLatinWordAt(text, at + term.length)) continue;
    out.push({ start: at, end: at + term.length });
  }
  return out;
}

/** Start offsets of `term` in `text`. */
export function termOffsets(text: string, term: string): number[] {
  return termSpans(text, term).map((span) => span.start);
}

export function containsTerm(text: string, term: string): boolean {
  if (!term) return false;
  // A text asked once (most candidates of a query) is scanned, not mapped: no spans, and it stops at a match.
  if (PLAIN.test(term)) return wordCache.get(text)?.has(term) ?? hasWord(text, term);
  const checkStart = isLatinWordChar(term[0]);
  const checkEnd = isLatinWordChar(term[term.length - 1]);
  if (!checkStart && !checkEnd) return text.includes(term);
  return termSpans(text, term).length > 0;
}

/**
 * The terms `text` contains, in the order given (`containsTerm` for each): the Latin words are mapped
 * once for all the plain terms, not scanned again for each (quotes test every query term per sentence).
 */
export function termsContained(text: string, terms: Iterable<string>): string[] {
  const list = [...terms];
  let plain = 0;
  for (const term of list) if (PLAIN.test(term)) plain++;
  // A few plain terms are cheaper scanned for than mapped with every word's stem.
  const words = plain >= MAP_FROM_TERMS ? wordsOf(text) : undefined;
  const out: string[] = [];
  for (const term of list) if (words && PLAIN.test(term) ? words.has(term) : containsTerm(text, term)) out.push(term);
  return out;
}

/** Plain terms from which `termsContained` maps a text's words once instead of scanning for each. */
const MAP_FROM_TERMS = 3;

/**
 * `wordsOf(text).has(term)` without the map. A stem keeps its word's first letter and is never longer
 * (Porter 2 only rewrites endings), so only words that start like `term` and are as long are stemmed.
 */
function hasWord(text: string, term: string): boolean {
  const first = term.charCodeAt(0);
  return eachLatinWord(text, (start, end) => {
    if (text.charCodeAt(start) !== first || end - start < term.length) return false;
    const word = text.slice(start, end);
    return word === term || (PLAIN.test(word) && stem(word) === term);
  });
}

/** Calls `visit` with each run of Latin word characters in `text` until it returns true; whether one did. */
function eachLatinWord(text: string, visit: (start: number, end: number) => boolean): boolean {
  for (let i = 0; i < text.length; ) {
    if (!isLatinWordCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && isLatinWordCode(text.charCodeAt(end))) end++;
    if (visit(i, end)) return true;
    i = end;
  }
  return false;
}
