/**
 * Ranking signals computed on the index's candidates: coverage (how much of the query a passage
 * contains, weighted by rarity), phrase proximity (query terms found next to each other), and the
 * section-diversity rule for the first page.
 */
import type { QueryRun, QueryUnit } from "../text/analyzer.ts";
import { termOffsets } from "../text/match.ts";

export interface WeightedUnit {
  unit: QueryUnit;
  /** Inverse document frequency of the unit (the more specific, the more it counts). */
  weight: number;
  /** A topic of the corpus: a glossary term, or a word of a section heading or article title. */
  topical: boolean;
}

/** Document statistics the signals need. */
export interface TermStats {
  /** Passages whose text or heading contains the term. */
  df(term: string): number;
  /** BM25's inverse document frequency of the term. */
  idf(term: string): number;
  /** Inverse document frequency of a single character (a lone character of the query). */
  charIdf(char: string): number;
  /** The term occurs in a section heading or an article title. */
  inHeadings(term: string): boolean;
}

/**
 * The units that measure coverage, with their weights: the idf of the form the query used, or, when the
 * corpus never uses that form (an English word for Chinese text), of the rarest form it does use.
 * Soft units (possible segmentation artefacts) and single characters count half.
 */
export function weighUnits(units: readonly QueryUnit[], stats: TermStats): WeightedUnit[] {
  const out: WeightedUnit[] = [];
  const inCorpus = (alt: readonly string[]) => alt.every((term) => stats.df(term) > 0);
  const idfOf = (alt: readonly string[]) => alt.reduce((sum, term) => sum + stats.idf(term), 0) / alt.length;
  for (const unit of units) {
    const [typed, ...others] = unit.alternatives;
    if (!typed) continue;
    if (unit.single) {
      out.push({ unit, weight: stats.charIdf(typed[0]!) / 2, topical: false });
      continue;
    }
    const used = inCorpus(typed) ? [typed] : others.filter(inCorpus);
    const weight = used.length > 0 ? Math.max(...used.map(idfOf)) : idfOf(typed);
    const topical =
      unit.glossary === true || isName(typed, stats) || unit.alternatives.some((alt) => alt.every((term) => stats.inHeadings(term)));
    out.push({ unit, weight: unit.soft ? weight / 2 : weight, topical });
  }
  return out;
}

/** A Latin word of four or more characters, with a letter: etcd, Istio, Kube-OVN (not "CI", "bug" or "2017"). */
const NAME = /^(?=.*[a-z])[a-z0-9][a-z0-9.+#-]{3,}$/;

/**
 * A query word the corpus spells in Latin script inside its text: in the Chinese articles these are the
 * names of projects, companies and people, as specific a topic as a heading word ("what is etcd" deserves
 * an answer; the short ones like CI or PR are too generic to count).
 */
function isName(typed: readonly string[], stats: TermStats): boolean {
  return typed.length === 1 && NAME.test(typed[0]!) && stats.df(typed[0]!) > 0;
}

export interface Coverage {
  /** Share of the units' weight found (0–1). */
  coverage: number;
  /** Weight found, in idf units: how much specific evidence there is. */
  mass: number;
  /**
   * The evidence names a topic of the corpus: a topical unit was found, or at least two units that are
   * more than a single character ("有人在吗" finds 有人 in the text, but that is no topic).
   */
  onTopic: boolean;
}

/**
 * A unit found only through a dictionary translation counts fully toward coverage (ranking) but only this
 * share toward the evidence mass that lets channel Q&A volunteer an answer.
 */
export const TRANSLATION_CREDIT = 0.6;

const HAN = /\p{Script=Han}/u;

/**
 * A unit is found when every term of one of its alternatives matched. A passage without Chinese (`latinOnly`)
 * is measured only against the units it could hold: those with a Latin spelling (a Chinese word the
 * dictionary has no translation for, or a bigram across two words, can never be found in English text and
 * says nothing about whether that text answers).
 */
export function coverageOf(units: readonly WeightedUnit[], matched: ReadonlySet<string>, latinOnly = false): Coverage {
  let total = 0;
  let found = 0;
  let mass = 0;
  let words = 0;
  let topical = false;
  for (const { unit, weight, topical: isTopic } of units) {
    if (latinOnly && unit.alternatives.every((alt) => alt.some((term) => HAN.test(term)))) continue;
    total += weight;
    const which = unit.alternatives.findIndex((alt) => alt.every((term) => matched.has(term)));
    if (which < 0) continue;
    found += weight;
    mass += unit.translatedFrom !== undefined && which >= unit.translatedFrom ? weight * TRANSLATION_CREDIT : weight;
    if (!unit.single) words++;
    topical ||= isTopic;
  }
  return { coverage: total > 0 ? found / total : 0, mass, onTopic: topical || words >= 2 };
}

/**
 * What links consecutive terms of a query run in a text: for CJK bigrams their trigram (开源 + 源治 →
 * 开源治), for Latin words the two words with a space or a hyphen. Built once per query.
 */
export interface RunLinks {
  kind: QueryRun["kind"];
  /** `pairs[i]` = the terms i and i + 1 of the run. */
  pairs: [string, string][];
  /** `forms[i]` finds pair i adjacent in folded text. */
  forms: LinkForm[];
}

/** A CJK pair's trigram, or the pattern of two Latin words side by side. */
type LinkForm = string | RegExp;

export function linksOf(runs: readonly QueryRun[]): RunLinks[] {
  return runs
    .filter((run) => run.terms.length >= 2)
    .map((run) => {
      const pairs = run.terms.slice(1).map((b, i): [string, string] => [run.terms[i]!, b]);
      const forms = pairs.map(([a, b]): LinkForm => (run.kind === "cjk" ? a + b.slice(-1) : latinPair(a, b)));
      return { kind: run.kind, pairs, forms };
    });
}

/**
 * Two stemmed words as the text writes them side by side: each stem starts a word that may go on
 * (incid → "incident lead", review → "code reviews"); a stem ending in the i Snowball puts for y
 * (compani, polici) matches up to it.
 */
function latinPair(a: string, b: string): RegExp {
  const start = (stem: string) => (stem.length > 3 && stem.endsWith("i") ? stem.slice(0, -1) : stem).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // Folded text is lower case; ASCII classes keep the test cheap (it runs on every candidate).
  return new RegExp(`(?<![a-z0-9])${start(a)}[a-z0-9]*[\\s-]+${start(b)}`);
}

/** Whether `hay` shows a pair adjacent. */
function linked(form: LinkForm, hay: string): boolean {
  return typeof form === "string" ? hay.includes(form) : form.test(hay);
}

/**
 * 0–1: how much of the query's multi-term runs appears contiguously in `hay`; each run scores its
 * longest chain of linked pairs (see `linksOf`).
 */
export function proximityOf(links: readonly RunLinks[], matched: ReadonlySet<string>, hay: string): number {
  let total = 0;
  let found = 0;
  for (const { kind, pairs, forms } of links) {
    let longest = 0;
    let chain = 0;
    for (let i = 0; i < pairs.length; i++) {
      // Bigrams spanning two query words are not searched, so for CJK the text itself is asked.
      const [a, b] = pairs[i]!;
      const adjacent = (kind === "cjk" || (matched.has(a) && matched.has(b))) && linked(forms[i]!, hay);
      chain = adjacent ? chain + 1 : 0;
      if (chain > longest) longest = chain;
    }
    total += pairs.length;
    found += longest;
  }
  return total > 0 ? found / total : 0;
}

/**
 * 0–1: how close together the query's units sit in the passage — the shortest stretch of `text`
 * holding one occurrence of every unit found there, against the units' own length plus a few
 * characters of glue between each (灵雀云已经开源了的项目 holds 灵雀云 · 开源 · 项目 tightly). Units in
 * the section heading are close to every sentence of the section. 0 when fewer than two units are found.
 */
export function closenessOf(units: readonly WeightedUnit[], matched: ReadonlySet<string>, text: string, heading: string): number {
  const lists: number[][] = [];
  const lengths: number[] = [];
  let found = 0;
  for (const { unit } of units) {
    const alternative = unit.alternatives.find((alt) => alt.every((term) => matched.has(term)));
    const term = alternative?.[0];
    if (!term) continue;
    if (termOffsets(heading, term).length > 0) {
      found++;
      continue;
    }
    const offsets = termOffsets(text, term);
    if (offsets.length === 0) continue;
    found++;
    lists.push(offsets);
    lengths.push(term.length);
  }
  if (found < 2) return 0;
  // All but one part only in the heading: together in the section, but nothing shows they belong together.
  if (lists.length < 2) return 0.5;
  // Smallest window holding one occurrence from every list: move the list whose occurrence starts first.
  const at = new Array<number>(lists.length).fill(0);
  let best = Infinity;
  for (;;) {
    let first = 0;
    let start = Infinity;
    let end = 0;
    for (let k = 0; k < lists.length; k++) {
      const offset = lists[k]![at[k]!]!;
      if (offset < start) {
        start = offset;
        first = k;
      }
      end = Math.max(end, offset + lengths[k]!);
    }
    best = Math.min(best, end - start);
    if (++at[first]! >= lists[first]!.length) break;
  }
  const letters = lengths.reduce((a, b) => a + b, 0);
  return Math.min(1, (letters + 3 * (lists.length - 1)) / best);
}

/** A passage pushed out of the window comes back in ahead of one that scores less than this share of it. */
export interface Crowding<T> {
  scoreOf: (item: T) => number;
  ratio: number;
}

/**
 * Reorders `ranked` so the first `window` items hold at most `perKey` from one key (section); the items
 * pushed out keep their order right after the window. When too few keys match to fill the window, the
 * pushed-out items fill it (crowding is relaxed rather than showing fewer hits; nothing is dropped).
 * With `crowding`, variety is bought only among comparable scores: a pushed-out item scoring `ratio`
 * times the next item of another key takes its place (a long essay's third paragraph about the question
 * beats an unrelated section that only shares the title).
 */
export function diversify<T>(ranked: readonly T[], keyOf: (item: T) => string, window = 5, perKey = 2, crowding?: Crowding<T>): T[] {
  const top: T[] = [];
  const rest: T[] = [];
  const counts = new Map<string, number>();
  for (const item of ranked) {
    const key = keyOf(item);
    const count = counts.get(key) ?? 0;
    const admitted = top.length < window && count < perKey;
    if (admitted && crowding) {
      const { scoreOf, ratio } = crowding;
      while (rest.length > 0 && top.length < window && scoreOf(rest[0]!) >= ratio * scoreOf(item)) top.push(rest.shift()!);
    }
    if (top.length < window && count < perKey) {
      top.push(item);
      counts.set(key, count + 1);
    } else {
      rest.push(item);
    }
  }
  return [...top, ...rest];
}
