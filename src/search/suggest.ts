/**
 * Suggestions: completions for a partial query (Discord autocomplete) and, when a search finds little,
 * close terms to try instead. The vocabulary is the corpus's section headings, the glossary terms the
 * corpus actually uses, and its frequent words (Chinese and Latin, in their written form).
 */
import type { Article } from "../corpus/types.ts";
import type { Glossary } from "../text/glossary.ts";
import type { QueryPlan, TextAnalyzer } from "../text/analyzer.ts";
import { fold } from "../text/normalize.ts";
import { containsTerm } from "../text/match.ts";
import { cjkWords, scan } from "../text/tokenize.ts";
import { isStopword } from "../text/stopwords.ts";
import type { Passage } from "./types.ts";
import { expandTerms, type TermExpander } from "./expand.ts";
import { nextTurn, runSteps } from "../util/steps.ts";
import { passagesByArticle } from "./passages.ts";
import { analyseField, TermIndex, TermIndexBuilder, type AnalysedField, type TermIndexData } from "./term-index.ts";

export const MAX_SUGGESTIONS = 25;
export const MAX_SUGGESTION_CHARS = 100;

export interface VocabularyEntry {
  label: string;
  folded: string;
  kind: "heading" | "term";
  /** How often the corpus uses it (passages); headings count as often as their section has passages. */
  weight: number;
  /** How much of a topic it is: 2 an article's tag, 1 a glossary term, 0 a word or heading. */
  topic: number;
}

/** Numbering and interview markers that are not part of a topic: `3.3 `, `PART. 2 `, `Q:`. */
const HEADING_PREFIX = /^(?:part\s*\.?\s*\d+\s*|\d+(?:\.\d+)*\.?\s+|q\s*[:：]\s*)/i;

/** One article's share of the vocabulary: it depends on the article alone, so a reload reuses it. */
export interface ArticleWords {
  /** Section headings (numbering cut off), each weighed by its section's passages. */
  headings: { label: string; weight: number }[];
  /** Its words by folded form, in order of first use: as first written, in how many of its passages. */
  words: Map<string, { label: string; passages: number; latin: boolean }>;
}

/**
 * Per-article vocabulary shares, kept by whoever builds engines one after another (the reload worker):
 * an `Article` object stands for one version of a file (the loader hands back the same object while the
 * file is unchanged), so an entry is never stale and goes when the article does.
 */
export type ArticleWordsCache = WeakMap<Article, ArticleWords>;

/**
 * `uses(label)` = passages that use a label; the engine answers it from its index statistics (a scan of
 * every passage per glossary term would cost seconds on a library). `cache` keeps each article's share.
 */
export function vocabulary(
  articles: readonly Article[],
  passages: readonly Passage[],
  glossary: Glossary,
  uses: (label: string) => number = scanUses(passages),
  cache?: ArticleWordsCache,
): VocabularyEntry[] {
  const byArticle = passagesByArticle(passages);
  const shares = articles.map((article) => {
    let share = cache?.get(article);
    if (!share) {
      share = articleWords(article, byArticle.get(article.meta.id) ?? []);
      cache?.set(article, share);
    }
    return share;
  });
  const entries = new Map<string, VocabularyEntry>();
  /** `folded`: the label's folded form when known (an article's words are counted by it): folding is slow. */
  const add = (label: string, kind: VocabularyEntry["kind"], weight: number, topic = 0, folded?: string) => {
    const clean = folded !== undefined && label.length <= MAX_SUGGESTION_CHARS && !/\s/.test(label) ? label : label.replace(/\s+/g, " ").trim().slice(0, MAX_SUGGESTION_CHARS);
    if (clean !== label || folded === undefined) folded = fold(clean);
    if (!folded) return;
    const known = entries.get(folded);
    if (known) {
      known.weight = Math.max(known.weight, weight);
      known.topic = Math.max(known.topic, topic);
      return;
    }
    entries.set(folded, { label: clean, folded, kind, weight, topic });
  };

  for (const share of shares) for (const { label, weight } of share.headings) add(label, "heading", weight);
  const counts = new Map<string, { label: string; passages: number; latin: boolean }>();
  for (const share of shares) {
    for (const [folded, word] of share.words) {
      const known = counts.get(folded);
      if (known) known.passages += word.passages;
      else counts.set(folded, { ...word });
    }
  }
  // Names (Latin) count from their first use; Chinese words from their second (ICU also yields odd words).
  for (const [folded, { label, passages: n, latin }] of counts) if (n >= (latin ? 1 : 2)) add(label, "term", n, 0, folded);
  // Glossary terms whose equivalents the corpus uses (the English side too: "burnout" finds 倦怠); a word
  // already known keeps its written form (CNCF). Article tags are the corpus's own topics.
  for (const { term, equivalents } of glossary.entries) {
    const counts = equivalents.map(uses);
    const best = Math.max(uses(term), ...counts);
    if (best > 0) add(term, "term", best, 1);
    equivalents.forEach((label, i) => {
      if (counts[i]! > 0) add(label, "term", counts[i]!, 1);
    });
  }
  for (const tag of new Set(articles.flatMap((a) => a.meta.tags))) {
    const n = uses(tag);
    if (n > 0) add(tag, "term", n, 2);
  }
  return [...entries.values()];
}

/** An article's headings and frequent-word candidates, from its passages (in order). */
export function articleWords(article: Article, passages: readonly Passage[]): ArticleWords {
  const sectionSize = new Map<string, number>();
  for (const p of passages) {
    const key = p.sectionPath.join("\u0000");
    sectionSize.set(key, (sectionSize.get(key) ?? 0) + 1);
  }
  const headings: ArticleWords["headings"] = [];
  for (const section of article.sections) {
    const heading = section.heading.replace(HEADING_PREFIX, "").trim();
    if (heading) headings.push({ label: heading, weight: sectionSize.get(section.path.join("\u0000")) ?? 1 });
  }
  // Frequent words: Chinese ICU words and Latin tokens as written (Kubernetes, not kubernetes).
  const words: ArticleWords["words"] = new Map();
  // A word's folded form, or "" when it is no candidate: words repeat, so each is judged once.
  const judged = new Map<string, string>();
  const judge = (word: string) => {
    let folded = judged.get(word);
    if (folded === undefined) {
      folded = fold(word);
      if (isStopword(folded) || Array.from(folded).length < 2 || /^[\d.]+$/.test(folded)) folded = "";
      judged.set(word, folded);
    }
    return folded;
  };
  for (const passage of passages) {
    const seen = new Set<string>();
    for (const piece of scan(passage.text)) {
      const latin = piece.kind === "latin";
      for (const word of latin ? [piece.text] : cjkWords(piece.text)) {
        const folded = judge(word);
        if (!folded || seen.has(folded)) continue;
        seen.add(folded);
        const known = words.get(folded);
        if (known) known.passages++;
        else words.set(folded, { label: word, passages: 1, latin });
      }
    }
  }
  return { headings, words };
}

/** Passages whose text contains the label: exact, for small corpora and tests. */
function scanUses(passages: readonly Passage[]): (label: string) => number {
  const folded = passages.map((p) => fold(p.text));
  return (label) => {
    const term = fold(label);
    return folded.filter((text) => containsTerm(text, term)).length;
  };
}

/** Labels analysed for the label index (an engine's own, or kept across engines with the same glossary). */
export type LabelFieldsCache = Map<string, AnalysedField>;

/** Labels indexed between two yields while the suggester fills its index. */
const FILL_SLICE_MS = 10;
/** Close entries a lookup considers (callers keep at most `MAX_SUGGESTIONS` after dropping repeats). */
const CLOSEST_LIMIT = 4 * MAX_SUGGESTIONS;
const NO_FIELD: AnalysedField = { terms: [], counts: [], length: 0 };

/**
 * Completions and related terms over the vocabulary. Its index of labels is a one-field term index
 * (term-index.ts: the labels as the text field), so an engine can save it with its passage index and a
 * reload's worker can build it and send it over: then it is ready at once. Otherwise it is filled a
 * slice at a time after construction, so that an engine is ready without blocking the event loop; a
 * lookup before it is full fills the rest first (a few hundred ms on a library).
 */
export class Suggester {
  private index: TermIndex | undefined;
  private builder: TermIndexBuilder | undefined;
  /** Entries added to `builder` so far, in order (their ids are their positions). */
  private added = 0;
  /** Resolves once the index holds every entry. */
  readonly filled: Promise<void>;

  /**
   * `built`: the label index of these very entries, saved by an engine (ignored if it doesn't fit);
   * `labelFields`: labels analysed before, kept across engines (the reload worker's), filled as it goes.
   */
  constructor(
    private readonly entries: readonly VocabularyEntry[],
    private readonly analyzer: TextAnalyzer,
    private readonly expander: TermExpander,
    built?: TermIndexData,
    private readonly labelFields: LabelFieldsCache = new Map(),
  ) {
    if (built && built.docCount === entries.length) this.index = new TermIndex(built);
    this.filled = this.index ? Promise.resolve() : this.fillInSlices();
  }

  /** The label index, filled first if it is not yet (to be saved with the engine's index). */
  indexData(): TermIndexData {
    return this.labelIndex().data;
  }

  private labelIndex(): TermIndex {
    if (this.index) return this.index;
    this.add(this.entries.length);
    this.index = new TermIndex(this.builder!.build());
    this.builder = undefined;
    return this.index;
  }

  private add(until: number): void {
    const builder = (this.builder ??= new TermIndexBuilder());
    for (; this.added < Math.min(until, this.entries.length); this.added++) {
      const { label } = this.entries[this.added]!;
      let field = this.labelFields.get(label);
      if (!field) this.labelFields.set(label, (field = analyseField(this.analyzer.indexTerms(label))));
      builder.add([field, NO_FIELD, NO_FIELD]);
    }
  }

  private async fillInSlices(): Promise<void> {
    // A referenced turn (see nextTurn): it keeps a process up for ~0.1 s at most.
    while (!this.index && this.added < this.entries.length) {
      await nextTurn();
      const stop = performance.now() + FILL_SLICE_MS;
      while (!this.index && this.added < this.entries.length && performance.now() < stop) this.add(this.added + 32);
    }
    // The last step (sorting the terms, laying out the postings) in one go: tens of ms on a library.
    if (!this.index) await nextTurn();
    this.labelIndex();
  }

  /**
   * The corpus's main topics: its articles' tags, then the glossary terms it uses most, then its biggest
   * sections, in the user's language first.
   */
  popular(limit = 8, language: "zh" | "en" = "zh"): string[] {
    const ordered = runSteps(this.preparingPopular(language));
    return ordered.slice(0, Math.max(0, Math.min(limit, MAX_SUGGESTIONS)));
  }

  /** The popular topics in `language` ranked ahead, a slice at a time (an engine's warm-up): `popular` then has them. */
  *preparingPopular(language: "zh" | "en"): Generator<void, string[]> {
    let ordered = this.popularByLanguage.get(language);
    if (!ordered) this.popularByLanguage.set(language, (ordered = yield* this.rankingPopular(language)));
    return ordered;
  }

  /** Going through the whole vocabulary costs tens of ms on a library: done once per language. */
  private readonly popularByLanguage = new Map<"zh" | "en", string[]>();

  private *rankingPopular(language: "zh" | "en"): Generator<void, string[]> {
    const byTopic = (a: VocabularyEntry, b: VocabularyEntry) => b.topic - a.topic || b.weight - a.weight || a.label.length - b.label.length;
    const han = (e: VocabularyEntry) => /\p{Script=Han}/u.test(e.label);
    // An English user is offered the library's English topics and headings first, a Chinese user its Chinese ones.
    const inLanguage = (e: VocabularyEntry) => (language === "zh" ? han(e) : !han(e));
    // Only the first few of each list can be shown (a label at most once): the best of each, not a sort of
    // a library's whole vocabulary (tens of ms on the event loop).
    const keep = 3 * MAX_SUGGESTIONS;
    const topics = yield* choosing(this.entries, (e) => e.topic > 0 && (e.topic > 1 || inLanguage(e)), keep, byTopic);
    const headingsInLanguage = yield* choosing(this.entries, (e) => e.kind === "heading" && inLanguage(e), keep, byTopic);
    const headings = yield* choosing(this.entries, (e) => e.kind === "heading", keep, byTopic);
    const ordered = [...topics, ...headingsInLanguage, ...headings];
    return unique(ordered.map((e) => e.label)).slice(0, MAX_SUGGESTIONS);
  }

  /**
   * Entries that start with (best) or contain the partial query, in either script (職業 finds 职业倦怠);
   * then entries close to it, the last word taken as a prefix (倦 → 倦怠, kubern → Kubernetes).
   */
  complete(partial: string, limit = MAX_SUGGESTIONS): string[] {
    const max = Math.max(0, Math.min(limit, MAX_SUGGESTIONS));
    const folded = fold(partial).replace(/\s+/g, " ").trim();
    if (!folded) return this.popular(max);
    const scored: { entry: VocabularyEntry; score: number }[] = [];
    for (const entry of this.entries) {
      const score = entry.folded === folded ? 3 : entry.folded.startsWith(folded) ? 2 : entry.folded.includes(folded) ? 1 : 0;
      if (score) scored.push({ entry, score });
    }
    // The partial itself, then what it starts, then what contains it; topics and words before headings.
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        b.entry.topic - a.entry.topic ||
        Number(a.entry.kind === "heading") - Number(b.entry.kind === "heading") ||
        b.entry.weight - a.entry.weight ||
        a.entry.label.length - b.entry.label.length,
    );
    const out = scored.map((s) => s.entry.label);
    if (out.length < max) {
      const terms = this.analyzer.indexTerms(partial);
      const last = terms.length - 1;
      out.push(...this.closest(terms.map((term, i) => ({ term, weight: 1, fuzzy: fuzziness(term), prefix: i === last }))));
    }
    return unique(out).slice(0, max);
  }

  /** Vocabulary entries close to a query that found little (typos corrected by fuzzy match). */
  related(plan: QueryPlan, limit = 5): string[] {
    const terms = plan.terms.filter((t) => t.weight >= 0.5).map((t) => ({ ...t, fuzzy: t.fuzzy || fuzziness(t.term) }));
    return this.closest(terms)
      .filter((label) => fold(label) !== plan.folded)
      .slice(0, limit);
  }

  private closest(terms: { term: string; weight: number; fuzzy: number | false; prefix: boolean }[]): string[] {
    if (terms.length === 0) return [];
    const index = this.labelIndex();
    const { weights } = expandTerms(terms, this.expander);
    const results = index.search([...weights.keys()], { weight: (term) => weights.get(term) ?? 1, fieldBoosts: [1, 1, 1], limit: CLOSEST_LIMIT });
    return unique(results.map((r) => this.entries[r.id]!.label));
  }
}

/** Latin words of 5+ letters may be misspelt by one or two letters. */
function fuzziness(term: string): number | false {
  return /^[a-z]{5,}$/.test(term) ? 0.2 : false;
}

/** Vocabulary entries gone through between two yields of `choosing` (a library has ~50,000). */
const CHOOSE_SLICE = 4_096;

/**
 * The first `k` of the items that `keep`, in `compare` order, as a stable sort would give them, without
 * sorting them all; a slice at a time.
 */
function* choosing<T>(items: readonly T[], keep: (item: T) => boolean, k: number, compare: (a: T, b: T) => number): Generator<void, T[]> {
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i % CHOOSE_SLICE === CHOOSE_SLICE - 1) yield;
    const item = items[i]!;
    if (!keep(item)) continue;
    // After the last kept item it ties with or follows: equal items keep their input order.
    if (out.length === k && compare(item, out[k - 1]!) >= 0) continue;
    let at = out.length;
    while (at > 0 && compare(item, out[at - 1]!) < 0) at--;
    out.splice(at, 0, item);
    if (out.length > k) out.pop();
  }
  return out;
}

function unique(labels: string[]): string[] {
  return [...new Set(labels)];
}
