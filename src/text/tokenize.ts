/**
 * The lowest layer of the text pipeline: cuts folded text into Latin tokens and CJK runs, segments CJK
 * runs into words with ICU (`Intl.Segmenter`) and into character bigrams. Everything here expects text
 * that went through `fold` first.
 */
import { CHINESE_STOP_PHRASES, ENGLISH_STOPWORDS, PARTICLE_WORDS, TRAILING_PARTICLES } from "./stopwords.ts";
import type { PhraseIndex } from "./phrases.ts";
import { stem } from "./stem.ts";

/** A Latin/number token (`c++`, `kube-ovn`, `v1.31`) or a run of CJK characters, with its place in the text. */
export interface Piece {
  kind: "latin" | "cjk";
  text: string;
  start: number;
  end: number;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}\p{M}]/u;
/** Joiners kept inside a Latin token when a word character follows: kube-ovn, v1.31, ci/cd, snake_case. */
const JOINERS = new Set(["-", ".", "_", "/", "'", "’"]);
/** Suffixes that belong to a name: c++, c#. */
const SUFFIXES = new Set(["+", "#"]);

function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

function isWord(ch: string | undefined): boolean {
  return ch !== undefined && !isCjk(ch) && WORD.test(ch);
}

/** Cuts folded text into Latin tokens and CJK runs; punctuation, spaces and symbols separate them. */
export function scan(text: string): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (isCjk(ch)) {
      const start = i;
      while (i < text.length) {
        const c = String.fromCodePoint(text.codePointAt(i)!);
        if (!isCjk(c)) break;
        i += c.length;
      }
      pieces.push({ kind: "cjk", text: text.slice(start, i), start, end: i });
    } else if (isWord(ch)) {
      const start = i;
      i += ch.length;
      for (;;) {
        const c = text[i];
        if (isWord(c)) i++;
        else if (c !== undefined && JOINERS.has(c) && isWord(text[i + 1])) i += 2;
        else break;
      }
      while (i < text.length && SUFFIXES.has(text[i]!)) i++;
      pieces.push({ kind: "latin", text: text.slice(start, i), start, end: i });
    } else {
      i += ch.length;
    }
  }
  return pieces;
}

/** Contraction endings: the part before them is the word ("teammate's" → teammate); n't negates a stopword. */
const CONTRACTION = /(?:'s|'re|'ve|'ll|'d|'m|n't)$/;

/**
 * The terms of one Latin token: the token itself and, for compounds, its parts
 * (`kube-ovn` → kube-ovn, kube, ovn; `envoy's` → envoy), plain words stemmed (`policies` → polici).
 * Version-like tokens (`v1.31`) stay whole. English stopwords and contractions of them are dropped.
 */
export function latinTerms(token: string): string[] {
  let word = token.replace(/’/g, "'");
  if (ENGLISH_STOPWORDS.has(word)) return [];
  word = word.replace(CONTRACTION, "");
  if (word.includes("'")) word = word.replace(/'/g, "");
  const out: string[] = [];
  if (word && !ENGLISH_STOPWORDS.has(word)) out.push(stem(word));
  if (/[-_/]/.test(word)) {
    for (const raw of word.split(/[-_/]+/)) {
      const part = stem(raw);
      if (raw && part !== out[0] && !ENGLISH_STOPWORDS.has(raw) && !out.includes(part)) out.push(part);
    }
  }
  return out;
}

/**
 * The parts of a camel-case name as written (KusionStack → kusion, stack; OpenYurt → open, yurt), so a
 * query for the short name finds the product. Empty unless every part has 2+ characters.
 */
export function camelParts(written: string): string[] {
  if (!/[a-z][A-Z]/.test(written)) return [];
  const parts = written.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+/g) ?? [];
  if (parts.length < 2 || parts.some((part) => part.length < 2)) return [];
  return parts.map((part) => stem(part.toLowerCase()));
}

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** ICU words of a CJK run, with trailing particles cut off (赢了 → 赢 + 了). */
export function cjkWords(run: string): string[] {
  const words: string[] = [];
  for (const { segment } of segmenter.segment(run)) {
    let word = segment;
    const tail: string[] = [];
    while (word.length > 1 && !PARTICLE_WORDS.has(word) && TRAILING_PARTICLES.includes(word[word.length - 1]!)) {
      tail.unshift(word[word.length - 1]!);
      word = word.slice(0, -1);
    }
    words.push(word, ...tail);
  }
  return words;
}

/**
 * Words of a CJK query run. Multi-character stopwords and the `lexicon` (glossary terms, longest first)
 * are cut out by longest match first, because ICU segments a short query differently from running text
 * (为什么用 → 为什|么用, 基金会对 → 基金|会对); the rest is segmented by ICU.
 */
export function cjkQueryWords(run: string, lexicon?: PhraseIndex<unknown>): string[] {
  const words: string[] = [];
  let start = 0;
  for (let i = 0; i < run.length; ) {
    const known = (CHINESE_STOP_PHRASES.longestAt(run, i) ?? lexicon?.longestAt(run, i))?.phrase;
    if (!known) {
      i++;
      continue;
    }
    if (i > start) words.push(...cjkWords(run.slice(start, i)));
    words.push(known);
    i += known.length;
    start = i;
  }
  if (start < run.length) words.push(...cjkWords(run.slice(start)));
  return words;
}

/** Overlapping character bigrams of a CJK run (`开源治理` → 开源, 源治, 治理); none for a single character. */
export function bigrams(run: string): string[] {
  const chars = Array.from(run);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}
