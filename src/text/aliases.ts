/**
 * Equivalences a library defines itself, mined from its text in one pass: an abbreviation next to what it
 * stands for ("paid time off (PTO)", "RFCs (requests for comment)") and a Chinese name followed by its
 * original ("康威定律（Conway’s law of systems）"). They become glossary entries the query
 * analyzer uses below the hand-written glossary, so "PTO" finds "paid time off" and an English name finds
 * the Chinese text that introduced it. A pure function of the texts: the same library, the same table.
 */
import { runSteps } from "../util/steps.ts";
import type { GlossaryEntry } from "./glossary.ts";
import { ENGLISH_STOPWORDS } from "./stopwords.ts";

/** Small words an abbreviation may skip or take a letter from ("leave of absence" → LOA, "Q&A"). */
const JOINING_WORDS: ReadonlySet<string> = new Set(["of", "and", "for", "the", "to", "in", "on", "a", "an", "&", "with", "at", "by"]);
/** Most words an abbreviation's expansion or a name in parentheses may have. */
const MAX_WORDS = 7;
/** Longest Chinese name taken before a parenthesis (the text before it is the sentence, not the name). */
const MAX_HAN_NAME = 8;
/** Characters that end the Chinese text before a name: particles, copulas, prepositions, pronouns. */
const NAME_BREAK = /[的了是在和与及把被对从向为于以也都就还又很更最这那个叫称即或着过由将让给到说]/u;
/** Entries kept at most (the most frequent first): a bound on memory whatever the library. */
export const MAX_ALIASES = 20_000;

const HAN = /\p{Script=Han}/u;
const WORD = String.raw`[A-Za-z][A-Za-z0-9'’-]*`;
const ABBREVIATION = String.raw`[A-Z][A-Za-z0-9&]{1,7}?`;
/** "paid time off (PTO)": words, then an abbreviation in parentheses (a plural s allowed). */
const EXPANSION_FIRST = new RegExp(String.raw`((?:${WORD}[ \t]+){0,${MAX_WORDS - 1}}${WORD})[ \t]*[(（](${ABBREVIATION})s?[)）]`, "g");
/** "RFCs (requests for comment)": an abbreviation, then its words in parentheses. */
const ABBREVIATION_FIRST = new RegExp(String.raw`\b(${ABBREVIATION})s?[ \t]*[(（]((?:${WORD}[ \t]+){1,${MAX_WORDS - 1}}${WORD})[)）]`, "g");
/** "康威定律（Conway’s law of systems）", closing quotes allowed between. */
const HAN_THEN_LATIN = new RegExp(String.raw`(\p{Script=Han}{2,})[”」』》"]?[ \t]*[（(]((?:${WORD}[ \t]+){0,${MAX_WORDS - 1}}${WORD})[)）]`, "gu");

/**
 * The words (of `words`, read from the end when `fromEnd`) whose initials spell the abbreviation: the
 * shortest run that does, joining words counted or skipped. Undefined when none does.
 */
export function expansionOf(abbreviation: string, words: readonly string[], fromEnd: boolean): string[] | undefined {
  const letters = abbreviation.toLowerCase().replace(/&/g, "");
  if (letters.length < 2 || !/^[a-z0-9]+$/.test(letters)) return undefined;
  for (let count = letters.length; count <= Math.min(words.length, letters.length + 3); count++) {
    const run = fromEnd ? words.slice(words.length - count) : words.slice(0, count);
    if (run.length !== count) break;
    if (spells(letters, run)) return run;
  }
  return undefined;
}

/** The initials of `run` spell `letters`, each joining word either giving its letter or none. */
function spells(letters: string, run: readonly string[]): boolean {
  const go = (i: number, w: number): boolean => {
    if (w === run.length) return i === letters.length;
    const word = run[w]!.toLowerCase();
    if (i < letters.length && word[0] === letters[i] && go(i + 1, w + 1)) return true;
    return JOINING_WORDS.has(word) && w > 0 && w < run.length - 1 && go(i, w + 1);
  };
  return go(0, 0);
}

/** A Latin name worth an entry: a word of three or more letters that is not a stopword. */
function meaningful(words: readonly string[]): boolean {
  return words.some((w) => w.length >= 3 && !ENGLISH_STOPWORDS.has(w.toLowerCase()));
}

/** The Chinese name just before a parenthesis: the tail of the run after its last particle, at most MAX_HAN_NAME. */
export function hanNameBefore(run: string): string | undefined {
  const chars = Array.from(run);
  let start = chars.length;
  while (start > 0 && chars.length - start < MAX_HAN_NAME && !NAME_BREAK.test(chars[start - 1]!)) start--;
  const name = chars.slice(start).join("");
  return Array.from(name).length >= 2 ? name : undefined;
}

/** Glossary entries the texts define, both ways for abbreviations; the most used first. */
export function mineAliases(texts: Iterable<string>): GlossaryEntry[] {
  return runSteps(miningAliases(texts));
}

/** Texts read between two yields of `miningAliases`. */
const MINING_SLICE = 512;

/**
 * What some texts define, counted: an article's share of the mining, which depends on its texts alone,
 * so a reload re-mines only the articles that changed (`aliasesOfCounts` merges the shares).
 */
export type AliasCounts = Map<string, { term: string; equivalent: string; count: number }>;

/**
 * `mineAliases` a slice of texts at a time, yielding in between: an engine build on the serving thread
 * (a reload) lets other work run there; on a library it is about half a second in all.
 */
export function* miningAliases(texts: Iterable<string>): Generator<void, GlossaryEntry[]> {
  const counts: AliasCounts = new Map();
  let read = 0;
  for (const text of texts) {
    if (++read % MINING_SLICE === 0) yield;
    countAliases(text, counts);
  }
  return aliasesOfCounts([counts]);
}

/** The definitions in `texts`, counted (one article's share). */
export function aliasCounts(texts: Iterable<string>): AliasCounts {
  const counts: AliasCounts = new Map();
  for (const text of texts) countAliases(text, counts);
  return counts;
}

function countAliases(text: string, counts: AliasCounts): void {
  if (!text.includes("(") && !text.includes("（")) return;
  const add = (term: string, equivalent: string) => {
    const key = `${term.toLowerCase()}\u0000${equivalent.toLowerCase()}`;
    const known = counts.get(key);
    if (known) known.count++;
    else counts.set(key, { term, equivalent, count: 1 });
  };
  for (const [, before, abbreviation] of text.matchAll(EXPANSION_FIRST)) {
    const words = expansionOf(abbreviation!, before!.split(/[ \t]+/), true);
    if (words && meaningful(words)) addBoth(add, abbreviation!, words.join(" "));
  }
  for (const [, abbreviation, inside] of text.matchAll(ABBREVIATION_FIRST)) {
    const words = inside!.split(/[ \t]+/);
    if (expansionOf(abbreviation!, words, false)?.length === words.length && meaningful(words)) addBoth(add, abbreviation!, words.join(" "));
  }
  for (const [, run, inside] of text.matchAll(HAN_THEN_LATIN)) {
    const name = hanNameBefore(run!);
    const words = inside!.split(/[ \t]+/);
    if (name && meaningful(words)) add(words.join(" "), name);
  }
}

/**
 * The glossary entries of counted shares, in their order: the same entries as mining their texts one
 * after another (a definition keeps the spelling it was first seen in, counts add up).
 */
export function aliasesOfCounts(shares: Iterable<AliasCounts>): GlossaryEntry[] {
  const counts: AliasCounts = new Map();
  for (const share of shares) {
    for (const [key, { term, equivalent, count }] of share) {
      const known = counts.get(key);
      if (known) known.count += count;
      else counts.set(key, { term, equivalent, count });
    }
  }
  // A Chinese word put before several different names is a description (同事（Ryan Lane）, 作者（…）), not a name.
  const namesOf = new Map<string, Set<string>>();
  for (const { term, equivalent } of counts.values()) {
    if (!HAN.test(equivalent)) continue;
    const names = namesOf.get(equivalent) ?? new Set<string>();
    namesOf.set(equivalent, names.add(term.toLowerCase()));
  }
  // One expansion per term: the most frequent (PTO → paid time off, not a one-off reading).
  const best = new Map<string, { term: string; equivalent: string; count: number }>();
  for (const candidate of counts.values()) {
    if ((namesOf.get(candidate.equivalent)?.size ?? 0) > 1) continue;
    const key = candidate.term.toLowerCase();
    if ((best.get(key)?.count ?? 0) < candidate.count) best.set(key, candidate);
  }
  return [...best.values()]
    .sort((a, b) => b.count - a.count)
    .slice(0, MAX_ALIASES)
    .map(({ term, equivalent }) => ({ term, equivalents: [equivalent] }));
}

function addBoth(add: (term: string, equivalent: string) => void, abbreviation: string, expansion: string): void {
  add(abbreviation, expansion);
  add(expansion, abbreviation);
}
