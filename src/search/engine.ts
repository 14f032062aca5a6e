/**
 * The search engine: passages in the term index (term-index.ts: BM25+, fields boosted), re-ranked with coverage
 * and phrase proximity, diversified by section, and turned into quote hits for the requested page only.
 */
import type { Article } from "../corpus/types.ts";
import { createAnalyzer, type QueryPlan, type QueryUnit, type TextAnalyzer } from "../text/analyzer.ts";
import { EMPTY_GLOSSARY, type Glossary, type GlossaryEntry } from "../text/glossary.ts";
import { cedict, cedictPending, type Dictionary } from "../text/cedict.ts";
import { aliasCounts, aliasesOfCounts, miningAliases, type AliasCounts } from "../text/aliases.ts";
import { fold } from "../text/normalize.ts";
import { camelParts } from "../text/tokenize.ts";
import { containsTerm } from "../text/match.ts";
import { stripInvisible } from "../reply/clip.ts";
import { buildPassages, ITEM_START, type PassageOptions } from "./passages.ts";
import { buildQuote, quoteSource, type QuoteSource } from "./quote.ts";
import { closenessOf, coverageOf, diversify, linksOf, proximityOf, weighUnits, type TermStats, type WeightedUnit } from "./rank.ts";
import { Suggester, vocabulary, type ArticleWordsCache, type LabelFieldsCache, type VocabularyEntry } from "./suggest.ts";
import { expandTerms, TermExpander } from "./expand.ts";
import { restoreIndex, restoring, saveIndex, type SavedIndex } from "./snapshot.ts";
import {
  analyseField,
  countPassage,
  documentTermOrder,
  INDEX_FIELDS,
  TermDictionary,
  TermIndex,
  TermIndexBuilder,
  type AnalysedPassage,
  type CountedPassage,
  type TermIndexData,
} from "./term-index.ts";
import { DRIVE_BUDGET_MS, driveSteps, runSteps } from "../util/steps.ts";
import { TitleScorer, titleText, type TitleMatch } from "./titles.ts";
import { KeptPriors, passagePriors, type ArticlePriorsCache } from "./priors.ts";
import { answerCue, STATED_CAUSE, type AnswerCue, type AnswerKind } from "./answer-type.ts";
import type { Hit, Passage, SearchEngine, SearchOptions, SearchResult } from "./types.ts";

const HAN = /\p{Script=Han}/u;

/** Longest query searched, in characters after normalising; the rest of a longer input is ignored. */
export const MAX_QUERY_CHARS = 256;
export const DEFAULT_LIMIT = 5;
export const MAX_LIMIT = 50;
/** Edit distance share tried before a Latin word counts as unknown to the library. */
const LATIN_TYPO = 0.2;
/** Rankings kept for paging. */
const RECENT_QUERIES = 32;

/** How the score is put together; exported so tests and calibration can name them. */
export const RANKING = {
  fields: { text: 1, heading: 1.5, parents: 0.6, title: 1.2 },
  /** Index candidates re-ranked (and the most hits a query can have). */
  depth: 80,
  /** Candidates that only translations of the query find, added to those the whole query finds. */
  bridgedDepth: 20,
  /** Articles with more passages than this (weekly issues) lend their title only to sections about it. */
  longArticle: 20,
  /**
   * Score factor `coverageFloor + coverage ^ coverageExponent`: a passage with half of the query is worth
   * much less than one with all of it, however often it repeats the half it has.
   */
  coverageFloor: 0.02,
  coverageExponent: 3,
  /** Score factor `1 + proximity × this` for query terms found next to each other. */
  proximity: 0.8,
  /** Leading candidates whose unit closeness (all query parts in a short stretch) is measured. */
  closenessDepth: 20,
  /** Where the passage continuing the best hit is placed (0-based), unless it ranks higher (see withContinuation). */
  continuation: 2,
  /**
   * Candidates up to `followSpan` passages after the best hit, in its item, gain `follow` × its score,
   * × `followDecay` per further step (see followBest).
   */
  follow: 0.6,
  followDecay: 0.5,
  followSpan: 4,
  /**
   * Score factor `1 + answerForm` for a passage holding the form of answer the question asks for, for
   * the kinds in RANKED_CUES (a span of time: "4 weeks", 15年).
   */
  answerForm: 0.6,
  /** Hits below this share of the best score are noise, not results. */
  relativeCutoff: 0.06,
  /** Section-diversity rule: at most `perSection` passages of one section in the first `window` hits. */
  window: 5,
  perSection: 2,
  /**
   * …unless it scores this many times the other section's passage that would take its place: in a
   * weekly's essay or a one-section handbook page the answer is often a section's third passage.
   */
  crowdRatio: 1.5,
  /**
   * Channel Q&A volunteers only hits with this coverage and this much specific evidence (idf units),
   * whose evidence names a topic of the corpus (see `coverageOf`).
   */
  strongCoverage: 0.7,
  strongMass: 2.5,
  /**
   * Dictionary translations are searched only while every term is in at most this share of passages
   * (and never fewer than `translationMinDf`): common words add little evidence and long posting lists.
   */
  translationMaxShare: 0.003,
  translationMinDf: 60,
  /**
   * A search whose best passage has less than this share of the query and no topic of the library (only
   * a common word matched) has no hits, only suggestions.
   */
  minCoverage: 0.34,
  /** Suggestions are added when a search has fewer hits than this. */
  fewHits: 3,
  /**
   * A why-question's best match gives way to the passage after it that states a cause only if that one
   * has at least this share of the best's coverage (see causeFirst).
   */
  causeCoverage: 0.5,
} as const;

/**
 * Answer kinds whose form is rare enough to rank by: a number with a unit of time. Numbers, "because" and
 * dates are in most candidates (as a ranking factor they changed no rank, or cost the extra set hit@1 .414
 * → .397), so for those the cue only steers the quote.
 */
const RANKED_CUES: ReadonlySet<AnswerKind> = new Set(["duration"]);

export interface EngineOptions {
  glossary?: Glossary;
  /** Replace the text pipeline (tests, other languages). */
  analyzer?: TextAnalyzer;
  /** The bilingual dictionary that bridges English and Chinese queries (default CC-CEDICT; false = none). */
  dictionary?: Dictionary | false;
  passages?: PassageOptions;
  /** The index of an engine built from the same articles and options (a snapshot): skips indexing. */
  saved?: SavedIndex;
  /** The passages an engine split the same articles into with the same options (a snapshot): not split again. */
  split?: readonly Passage[];
  /** Title and byline texts' index terms, as an engine with the same glossary tokenized them (a snapshot). */
  titleTokens?: ReadonlyMap<string, string[]>;
  /** The index `indexArticles` made of the same articles with the same options: skips indexing. */
  indexed?: IndexState;
  /** The suggestion vocabulary an engine built from the same articles and glossary made (a snapshot). */
  vocabulary?: readonly VocabularyEntry[];
  /** The aliases an engine built from the same articles mined (a snapshot): skips mining them. */
  aliases?: readonly GlossaryEntry[];
  /** Each article's share of the vocabulary, kept across engines (the reload worker's). */
  articleWords?: ArticleWordsCache;
  /** Each article's part of the passage priors, kept across engines (the reload worker's). */
  articlePriors?: ArticlePriorsCache;
  /** Passage priors kept across engines (the reload worker's): only changed articles' are computed. */
  keptPriors?: KeptPriors;
  /** Each article's share of the mined aliases, kept across engines (the reload worker's). */
  articleAliases?: ArticleAliasesCache;
  /** Suggestion labels analysed, kept across engines built with the same glossary (the reload worker's). */
  labelFields?: LabelFieldsCache;
  /**
   * The engine this one replaces (a reload): the passages of every article it had as the very same object
   * (an unchanged file) are taken from it, with what it folded of them, instead of being split again.
   */
  previous?: SearchEngine;
}

/** An engine that can hand out its index for a snapshot (see snapshot.ts). */
export interface IndexedEngine extends SearchEngine {
  /**
   * The index and the engine's tables; `withSuggestions` adds the suggestions' label index (filled first
   * if need be: a snapshot, a reload's worker), so that the engine made from it suggests at once.
   */
  saveIndex(withSuggestions?: boolean): SavedIndex;
  /** The suggestion vocabulary (built on first use), for a snapshot. */
  vocabulary(): readonly VocabularyEntry[];
  /** The index's sorted terms (a reload's next index is sent as edits of them). */
  indexTerms(): readonly string[];
  /** The abbreviations and names the library defines (aliases.ts), for a snapshot. */
  aliases(): readonly GlossaryEntry[];
  /** Title and byline texts' index terms (the title scorer's), for a snapshot. */
  titleTokens(): ReadonlyMap<string, string[]>;
  /** Resolves once the suggestions' index is filled (it fills a slice at a time from first use). */
  suggestionsFilled(): Promise<void>;
  /**
   * Prepares, a slice at a time, what the first query would otherwise pay for on the event loop (the
   * aliases' lookup tables, the library's camel-case name parts); resolves when done.
   */
  prepared(): Promise<void>;
  /**
   * The queries whose rankings are kept for paging, least recently asked first: what the engine that
   * replaces this one is asked before it serves (see warm-up.ts).
   */
  recentQueries(): string[];
}

/**
 * What indexing derives from the passages: the passage index, whose sorted terms are also the vocabulary
 * prefix and fuzzy expansion look in, and whose `df` counts passages whose text or heading has a term.
 */
export interface IndexState {
  index: TermIndex;
  /** The engine's tables over the same passages, when saved with the index (or some of them: a reload). */
  tables?: Partial<EngineTables>;
  /** The suggestions' label index over the same vocabulary, when saved with the index. */
  suggestions?: TermIndexData;
}

/** What an engine derives from its passages besides the index (saved with it: costly on a library). */
export interface EngineTables {
  /** Passages that have each (folded) character. */
  charDfs: Map<string, number>;
  /** Words of headings and titles: what the corpus is about (channel Q&A answers only on-topic questions). */
  headingTerms: Set<string>;
  /** Per passage: boilerplate and navigation (title lists, past-issue links) rank below content (priors.ts). */
  priors: Float32Array;
}

const NO_PARTS: readonly string[] = Object.freeze([]);

/**
 * A passage as ranking sees it. The folded forms are made on first use: a query looks at its candidates
 * only, and a start from a snapshot need not fold the whole library.
 */
class Entry {
  private folded?: { text: string; heading: string; hay: string };
  private sectionKey?: string;
  private noHan?: boolean;
  /** The parts of the camel-case names in its text (see camelCasing), once scanned. */
  nameParts?: readonly string[];

  constructor(
    readonly passage: Passage,
    readonly article: Article,
  ) {}

  private fold(): { text: string; heading: string; hay: string } {
    return (this.folded ??= foldedPassage(this.passage));
  }

  camelParts(): readonly string[] {
    if (this.nameParts) return this.nameParts;
    const names = this.passage.text.match(/[A-Za-z]*[a-z][A-Z][A-Za-z]*/g);
    // Most passages have none: one shared empty list, not one each.
    return (this.nameParts = names ? names.flatMap((name) => camelParts(name)) : NO_PARTS);
  }

  /** No Han character in its text or heading (coverage then skips units that are Chinese only). */
  get latinOnly(): boolean {
    return (this.noHan ??= !HAN.test(this.hay));
  }

  /** Article and section path: the key of the section-diversity rule. */
  get section(): string {
    return (this.sectionKey ??= `${this.passage.articleId}\u0000${this.passage.sectionPath.join("\u0000")}`);
  }

  /** Folded passage text and section path: where proximity is checked. */
  get hay(): string {
    return this.fold().hay;
  }

  /** Folded passage text and section path, apart. */
  get text(): string {
    return this.fold().text;
  }

  get heading(): string {
    return this.fold().heading;
  }
}

interface Ranked {
  entry: Entry;
  score: number;
  coverage: number;
  mass: number;
  onTopic: boolean;
  /** Document terms that matched (fuzzy and prefix forms included): what the quote marks. */
  terms: string[];
}

/** A query's ranked candidates, before the page is cut and quoted. */
interface Ranking {
  /** Absent when the query has nothing to search for (empty, only punctuation or stopwords). */
  plan?: QueryPlan;
  ranked: Ranked[];
  units: WeightedUnit[];
  suggestions: string[];
  /** Hits already quoted, by rank (a repeated query or a page seen before costs no quoting). */
  hits: Map<number, Hit>;
}

const coverageFactor = (coverage: number) => RANKING.coverageFloor + coverage ** RANKING.coverageExponent;

/** Field boosts of the passage index, in its field order; the title is scored per article (titles.ts). */
const FIELD_BOOSTS = INDEX_FIELDS.map((field) => RANKING.fields[field]);

export function buildEngine(articles: readonly Article[], options: EngineOptions = {}): IndexedEngine {
  return runSteps(engineBuilding(articles, options));
}

/**
 * `buildEngine` a slice at a time, letting other work run in between: a reload assembles the next engine
 * this way while the current one keeps answering.
 */
export function buildEngineSliced(articles: readonly Article[], options: EngineOptions = {}, budgetMs = DRIVE_BUDGET_MS): Promise<IndexedEngine> {
  return driveSteps(engineBuilding(articles, options), budgetMs);
}

/** Items of a corpus-sized loop between two yields of `engineBuilding`. */
const BUILD_SLICE = 256;
/** Articles split into passages between two yields (one long article is many passages). */
const ARTICLE_SLICE = 4;
/** Passages between two yields of a loop that does little per passage (a map entry: a library has ~33,000). */
const ENTRY_SLICE = 4_096;

function* engineBuilding(articles: readonly Article[], options: EngineOptions): Generator<void, IndexedEngine> {
  // The engine's closures name only these, never `options`: its `previous` would keep every engine replaced
  // since start alive (and scanned by the garbage collector) through the one that replaced it.
  const { saved, articleWords, labelFields } = options;
  const defaultDictionary = options.dictionary === undefined;
  const glossary = options.glossary ?? EMPTY_GLOSSARY;
  // The dictionary is read on the first query that looks a word up, not when the engine is built.
  const dictionary = options.dictionary === false ? undefined : options.dictionary;
  // While the reader thread is still at it, lookups find nothing instead of reading it here (seconds).
  const pending = () => defaultDictionary && cedictPending();
  const lazyDictionary: Dictionary | undefined =
    options.dictionary === false
      ? undefined
      : {
          chinese: (s) => (pending() ? [] : (dictionary ?? cedict()).chinese(s)),
          english: (w) => (pending() ? [] : (dictionary ?? cedict()).english(w)),
          pending,
        };
  const { passages, entries } = yield* entriesOf(articles, options);
  const aliases =
    options.aliases ?? (options.articleAliases ? yield* miningPerArticle(entries, options.articleAliases) : yield* miningAliases(passages.map((p) => p.text)));
  // Made a slice at a time by `prepared()` (warm-up), or else by the first query that needs it.
  let nameParts: Map<string, number> | undefined;
  const nameCounts = () => (nameParts ??= runSteps(camelCasing(entries)));
  const analyzer =
    options.analyzer ??
    createAnalyzer(glossary, {
      dictionary: lazyDictionary,
      // An English word the library has only inside product names (rocket of RocketMQ) is no translation;
      // one it also writes as a word of its own (option, besides getOptions) is.
      holds: (term) => Math.max(0, stats.df(term) - (nameCounts().get(term) ?? 0)),
      maxHolds: Math.max(RANKING.translationMinDf, RANKING.translationMaxShare * passages.length),
      // Abbreviations and names the library defines ("paid time off (PTO)"): mined while the engine is
      // built (a slice at a time) or brought by a snapshot, so no query pays for them.
      aliases: () => aliases,
    });
  const byId = new Map<string, number>();
  for (let i = 0; i < entries.length; i++) {
    if (i % ENTRY_SLICE === ENTRY_SLICE - 1) yield;
    byId.set(entries[i]!.passage.id, i);
  }
  // Each corpus-sized step on its own slice (a reload builds this on the serving thread).
  yield;

  const state = options.indexed ?? (saved ? restoreIndex(saved) : yield* indexing(entries, analyzer));
  const { index } = state;
  yield;
  const df = (term: string) => index.df(term);
  const expander = new TermExpander(index.terms, df, true);
  // Saved with the index (a snapshot, a reload) or derived from the passages.
  const tables = yield* engineTables(articles, passages, entries, analyzer, state.tables ?? {}, options.keptPriors ?? options.articlePriors);
  const { charDfs, headingTerms, priors } = tables;
  yield;
  const count = entries.length;
  const idf = (df: number) => Math.log(1 + (count - df + 0.5) / (df + 0.5));
  const stats: TermStats = {
    df,
    idf: (term) => idf(df(term)),
    charIdf: (char) => idf(charDfs.get(char) ?? 0),
    inHeadings: (term) => headingTerms.has(term),
  };

  const sources = new Map<number, QuoteSource>();
  const sourceOf = (id: number) => {
    let source = sources.get(id);
    if (!source) sources.set(id, (source = quoteSource(entries[id]!.passage.text)));
    return source;
  };
  let suggesterInstance: Suggester | undefined;
  let preparedOnce: Promise<void> | undefined;
  // Titles and bylines are the same texts engine after engine: their terms are taken from the last one.
  const titleTokens = new Map<string, string[]>();
  const previousTokens = options.analyzer ? undefined : ((options.previous && engineEntries.get(options.previous)?.titleTokens) ?? options.titleTokens);
  const tokenizeTitle = (text: string) => {
    let terms = titleTokens.get(text);
    if (!terms) titleTokens.set(text, (terms = previousTokens?.get(text) ?? analyzer.indexTerms(text)));
    return terms;
  };
  const titles = yield* TitleScorer.building(articles, passages, tokenizeTitle, RANKING.fields.title);
  // A label is used about as often as its rarest index term (an upper bound the index knows at no cost).
  const uses = (label: string) => {
    const terms = analyzer.indexTerms(label);
    return terms.length === 0 ? 0 : Math.min(...terms.map(stats.df));
  };
  // A snapshot brings the vocabulary warm-up built; otherwise it is derived on first use.
  let vocabularyEntries = options.vocabulary;
  const vocabularyOf = () => (vocabularyEntries ??= vocabulary(articles, passages, glossary, uses, articleWords));
  const suggester = () => (suggesterInstance ??= new Suggester(vocabularyOf(), analyzer, expander, state.suggestions, labelFields));

  const articlePassages = new Map<string, number>();
  for (let i = 0; i < passages.length; i++) {
    if (i % ENTRY_SLICE === ENTRY_SLICE - 1) yield;
    const { articleId } = passages[i]!;
    articlePassages.set(articleId, (articlePassages.get(articleId) ?? 0) + 1);
  }
  yield;
  // Who speaks and who wrote it stand behind every passage of an article, however long.
  const bylines = new Map<string, Set<string>>();
  for (let i = 0; i < articles.length; i++) {
    if (i % BUILD_SLICE === BUILD_SLICE - 1) yield;
    const { meta } = articles[i]!;
    bylines.set(meta.id, new Set(tokenizeTitle([...meta.speakers, meta.author ?? ""].join(" "))));
  }
  /**
   * A long article's title speaks for the sections under headings that share its words, not for every
   * item of a weekly issue: elsewhere it counts less the longer the article, and not toward coverage.
   */
  const titleOf = (match: TitleMatch | undefined, entry: Entry): TitleMatch | undefined => {
    if (!match) return undefined;
    const count = articlePassages.get(entry.passage.articleId) ?? 1;
    if (count <= RANKING.longArticle || match.terms.some((term) => containsTerm(entry.heading, term))) return match;
    const byline = bylines.get(entry.passage.articleId);
    return { score: match.score * Math.sqrt(RANKING.longArticle / count), terms: match.terms.filter((term) => byline?.has(term)) };
  };

  /** The translations of `units` not searched (too common to: not in `weights`), with their term ids. */
  function commonTranslations(units: readonly WeightedUnit[], weights: ReadonlyMap<string, number>): { term: string; id: number }[] {
    const out = new Map<string, number>();
    for (const { unit } of units) {
      if (unit.translatedFrom === undefined) continue;
      for (const alt of unit.alternatives.slice(unit.translatedFrom)) {
        for (const term of alt) if (!weights.has(term) && !out.has(term)) out.set(term, index.termId(term));
      }
    }
    return [...out].map(([term, id]) => ({ term, id }));
  }

  function rank(plan: QueryPlan, units: readonly WeightedUnit[], cue: AnswerCue | undefined): Ranked[] {
    // Prefix and fuzzy forms are looked up here and searched as exact terms (see expand.ts).
    const { weights, sources } = expandTerms(plan.terms, expander);
    // The terms are already analysed and expanded: the index only scores them, weighted. Results keep
    // MiniSearch's shape (score × matched query terms; document terms) for the ranking below.
    const searchFor = (terms: readonly string[]) =>
      index
        .search(terms, { weight: (term) => weights.get(term) ?? 1, fieldBoosts: FIELD_BOOSTS, limit: RANKING.depth })
        .map((hit) => ({ id: hit.id, score: hit.score * (hit.terms.length || 1), queryTerms: hit.terms, terms: documentTermOrder(hit.terms) }));
    const results = searchFor([...weights.keys()]);
    const titleMatches = titles.score(weights);
    const links = linksOf(plan.runs);
    // A question for a span of time ("how long", 多久): passages that state one are likelier answers.
    const spans = cue && RANKED_CUES.has(cue.kind) ? cue.form : undefined;
    const ranked: (Ranked & { matched: Set<string>; bm25: number; adjacency: number })[] = [];
    const candidates = results.slice(0, RANKING.depth);
    // Passages in the other language match only translations, weighted below the words typed: in a
    // library of both languages they would never reach the candidates, so they get places of their own.
    const bridged = plan.terms.filter((t) => t.bridged).map((t) => t.term).filter((term) => weights.has(term));
    if (bridged.length > 0) {
      const seen = new Set(candidates.map((r) => r.id as number));
      const other = searchFor(bridged);
      for (const result of other.slice(0, RANKING.bridgedDepth)) if (!seen.has(result.id as number)) candidates.push(result);
    }
    // Translations too common to search are looked up in each candidate's postings instead.
    const common = commonTranslations(units, weights);
    for (const result of candidates) {
      const entry = entries[result.id as number]!;
      const title = titleOf(titleMatches.get(entry.passage.articleId), entry);
      const matched = new Set<string>();
      for (const term of result.queryTerms) for (const source of sources.get(term)!) matched.add(source);
      if (title) for (const term of title.terms) for (const source of sources.get(term)!) matched.add(source);
      for (const { term, id } of common) if (!matched.has(term) && index.holds(id, result.id as number)) matched.add(term);
      const { coverage, mass, onTopic } = coverageOf(units, matched, entry.latinOnly);
      if (coverage === 0 && units.length > 0) continue;
      const adjacency = proximityOf(links, matched, entry.hay);
      // MiniSearch multiplies by the number of query terms matched; with bigrams that rewards long
      // spellings of one concept. Coverage (per unit, idf-weighted) takes that role instead.
      const bm25 =
        (result.score / Math.max(1, result.queryTerms.length) + (title?.score ?? 0)) *
        priors[result.id as number]! *
        (spans?.test(entry.text) ? 1 + RANKING.answerForm : 1);
      const score = bm25 * coverageFactor(coverage) * (1 + RANKING.proximity * adjacency);
      ranked.push({ entry, score, coverage, mass, onTopic, terms: result.terms, matched, bm25, adjacency });
    }
    ranked.sort((a, b) => b.score - a.score);
    // Closeness costs a scan of the passage: only the leading candidates get it.
    // Closeness only counts as far as the query is covered: two of five parts side by side prove little.
    for (const r of ranked.slice(0, RANKING.closenessDepth)) {
      const closeness = closenessOf(units, r.matched, r.entry.text, r.entry.heading) * r.coverage;
      if (closeness > r.adjacency) r.score = r.bm25 * coverageFactor(r.coverage) * (1 + RANKING.proximity * closeness);
    }
    ranked.sort((a, b) => b.score - a.score);
    followBest(ranked);
    const best = ranked[0]?.score ?? 0;
    // Only what paging and quoting need is kept (rankings are cached): working sets die young.
    const kept = ranked
      .filter((r) => r.score >= best * RANKING.relativeCutoff)
      .map(({ entry, score, coverage, mass, onTopic, terms }): Ranked => ({ entry, score, coverage, mass, onTopic, terms }));
    return withContinuation(diversify(kept, (r) => r.entry.section, RANKING.window, RANKING.perSection, { scoreOf: (r) => r.score, ratio: RANKING.crowdRatio }), sources, units);
  }

  /**
   * A "why" question: when the best passage gives no cause and the one right after it in its item does
   * (原因很简单，…; "because …"), that one answers and goes first. The best match is then the paragraph
   * that restates what is asked ("美国人不存钱…"), in the question's own words; the cause follows in its
   * own. Only the continuation already near the top is moved (see withContinuation), and only when it is
   * about what was asked (`RANKING.causeCoverage`).
   */
  function causeFirst(ranked: Ranked[]): Ranked[] {
    const top = ranked[0];
    if (!top) return ranked;
    const next = entries[byId.get(top.entry.passage.id)! + 1];
    if (!next || next.section !== top.entry.section || ITEM_START.test(next.passage.text)) return ranked;
    const at = ranked.findIndex((r) => r.entry === next);
    if (at <= 0 || at > RANKING.continuation || STATED_CAUSE.test(top.entry.text) || !STATED_CAUSE.test(next.text)) return ranked;
    // …about what was asked: it still holds a good part of what the best match does.
    if (ranked[at]!.coverage < RANKING.causeCoverage * top.coverage) return ranked;
    const [moved] = ranked.splice(at, 1);
    // It takes the best's score, so scores stay in order.
    moved!.score = top.score;
    ranked.unshift(moved!);
    return ranked;
  }

  /**
   * Candidates that follow the best hit in its item (section, or numbered item of a weekly) gain a share
   * of its score, halving with each step away: the answer follows the paragraph that names the topic, in
   * words of its own, so it should take the section's second place rather than the passage before. The
   * best stays first (the answer placed first lost most hits@1). Only the candidates are read.
   */
  function followBest(ranked: Ranked[]): void {
    const top = ranked[0];
    if (!top) return;
    const topId = byId.get(top.entry.passage.id)!;
    const after = new Map<Entry, number>();
    for (let distance = 1; distance <= RANKING.followSpan; distance++) {
      const entry = entries[topId + distance];
      if (!entry || entry.section !== top.entry.section || ITEM_START.test(entry.passage.text)) break;
      after.set(entry, distance);
    }
    if (after.size === 0) return;
    for (const r of ranked) {
      const distance = after.get(r.entry);
      // Capped at the best's score: a stable sort keeps the best first.
      if (distance !== undefined) r.score = Math.min(top.score, r.score + RANKING.follow * top.score * RANKING.followDecay ** (distance - 1));
    }
    ranked.sort((a, b) => b.score - a.score);
  }

  /**
   * The passage after the best hit, in its section and item, continues it: the answer often follows the
   * paragraph that names the topic ("有没有听觉暂留？" → "查了一下，还真有…"), in words of its own. It gets
   * the place `RANKING.continuation` of the ranking unless it already ranks there or higher.
   */
  function withContinuation(ranked: Ranked[], sources: ReadonlyMap<string, readonly string[]>, units: readonly WeightedUnit[]): Ranked[] {
    const best = ranked[0];
    if (!best) return ranked;
    const next = entries[byId.get(best.entry.passage.id)! + 1];
    if (!next || next.section !== best.entry.section || ITEM_START.test(next.passage.text)) return ranked;
    const at = ranked.findIndex((r) => r.entry === next);
    if (at >= 0 && at <= RANKING.continuation) return ranked;
    // The section-diversity rule holds: a section with two passages in the window already gets no third.
    const same = ranked.slice(0, RANKING.window).filter((r) => r.entry.section === best.entry.section && r.entry !== next);
    const place = Math.min(RANKING.continuation, ranked.length);
    if (same.length >= RANKING.perSection) return ranked;
    let item: Ranked;
    if (at >= 0) item = ranked.splice(at, 1)[0]!;
    else {
      // Not a candidate: measured here, on its own words (it may have none of the query's).
      const terms = [...sources.keys()].filter((term) => containsTerm(next.hay, term));
      const matched = new Set(terms.flatMap((term) => sources.get(term)!));
      item = { entry: next, score: 0, ...coverageOf(units, matched, next.latinOnly), terms };
    }
    // It takes the score of the hit it displaces, so scores stay in order.
    item.score = ranked[place]?.score ?? ranked[ranked.length - 1]!.score;
    ranked.splice(place, 0, item);
    return ranked;
  }

  // Paging through a result ("more") repeats the query: recent rankings are kept, least recently used out.
  const recent = new Map<string, Ranking>();

  function rankingOf(text: string): Ranking {
    let ranking = recent.get(text);
    if (ranking) {
      recent.delete(text);
    } else {
      const partial = pending();
      ranking = computeRanking(text);
      // A ranking made without the dictionary (still being read) is not kept: the next ask has it.
      if (partial) return ranking;
      if (recent.size >= RECENT_QUERIES) recent.delete(recent.keys().next().value!);
    }
    recent.set(text, ranking);
    return ranking;
  }

  /**
   * A Latin word the library has in no form — not indexed, no typo or prefix of an indexed word, no
   * translation ("xyzzy") — is noise, not part of what must be found: it does not veto the rest.
   */
  const unknownWord = (unit: QueryUnit) =>
    !unit.glossary &&
    unit.alternatives.every(
      (alt) =>
        alt.length === 1 &&
        /^[a-z0-9]/.test(alt[0]!) &&
        expander.expand(alt[0]!, LATIN_TYPO, true).length === 0 &&
        // A real word the library lacks ("movie") still counts as missing; only a word no dictionary knows is noise.
        (lazyDictionary?.chinese(alt[0]!).length ?? 0) === 0,
    );

  function computeRanking(text: string): Ranking {
    const plan = text ? analyzer.analyzeQuery(text) : undefined;
    // Suggestions in the language the user typed in (no Chinese characters: English).
    const language = /\p{Script=Han}/u.test(text) ? "zh" : "en";
    if (!plan || plan.terms.length === 0) return { ranked: [], units: [], suggestions: suggester().popular(undefined, language), hits: new Map() };
    const units = weighUnits(plan.units.filter((unit) => !unknownWord(unit)), stats);
    const cue = answerCue(plan.folded);
    let ranked = rank(plan, units, cue);
    // Only a common word of the lookup matched (今天 of 今天天气不错): no quotes, say so with suggestions.
    const best = ranked[0];
    if (best && !best.onTopic && best.coverage < RANKING.minCoverage) ranked = [];
    // After that check: the cause may be in words of its own, the best match is what shows the query matched.
    if (cue?.kind === "reason") ranked = causeFirst(ranked);
    let extra: string[] = [];
    if (ranked.length < RANKING.fewHits) {
      extra = suggester().related(plan);
      if (extra.length === 0 && ranked.length === 0) extra = suggester().popular(undefined, language);
    }
    return { plan, ranked, units, suggestions: extra, hits: new Map() };
  }

  function toHit(ranked: Ranked, plan: QueryPlan | undefined, units: readonly WeightedUnit[]): Hit {
    const { entry } = ranked;
    const id = byId.get(entry.passage.id)!;
    const weights = new Map<string, number>();
    if (plan) {
      for (const term of plan.terms) weights.set(term.term, term.weight * stats.idf(term.term));
      // Fuzzy/prefix forms found in this passage (kubernetes for "kubernets") are marked like the query term.
      for (const term of ranked.terms) if (!weights.has(term)) weights.set(term, stats.idf(term) * 0.8);
    }
    const quote = buildQuote(sourceOf(id), weights, undefined, plan ? answerCue(plan.folded)?.form : undefined);
    const { meta } = entry.article;
    const strong = ranked.onTopic && ranked.coverage >= RANKING.strongCoverage && ranked.mass >= RANKING.strongMass && units.length > 0;
    return {
      passageId: entry.passage.id,
      articleId: entry.passage.articleId,
      sectionPath: entry.passage.sectionPath,
      passage: entry.passage.text,
      quote: quote.text,
      quoteSegments: quote.segments,
      score: Math.round(ranked.score * 1000) / 1000,
      coverage: Math.round(ranked.coverage * 1000) / 1000,
      strong,
      speaker: meta.speakers[0] ?? meta.author,
      title: meta.title,
      section: entry.passage.sectionPath.join(" › "),
      url: meta.url,
      source: meta.source,
      date: meta.date,
    };
  }

  const engine: IndexedEngine = {
    search(query: string, options: SearchOptions = {}): SearchResult {
      const limit = clampInt(options.limit, DEFAULT_LIMIT, 0, MAX_LIMIT);
      const offset = clampInt(options.offset, 0, 0, Number.MAX_SAFE_INTEGER);
      const { text, truncated } = prepareQuery(query);
      const ranking = rankingOf(text);
      const { plan, ranked, units, suggestions } = ranking;
      const hits: Hit[] = [];
      for (let i = offset; plan && i < Math.min(ranked.length, offset + limit); i++) {
        let hit = ranking.hits.get(i);
        if (!hit) ranking.hits.set(i, (hit = toHit(ranked[i]!, plan, units)));
        // A copy: the caller may change what it gets without changing the cache.
        hits.push({ ...hit, sectionPath: [...hit.sectionPath], quoteSegments: hit.quoteSegments.map((segment) => ({ ...segment })) });
      }
      return { query: text, truncated, hits, total: ranked.length, suggestions };
    },

    suggest(partial: string, limit?: number): string[] {
      return suggester().complete(prepareQuery(partial).text, limit);
    },

    quoteOf(passageId: string, query?: string): Hit | undefined {
      const id = byId.get(passageId);
      if (id === undefined) return undefined;
      const entry = entries[id]!;
      const text = query ? prepareQuery(query).text : "";
      const plan = text ? analyzer.analyzeQuery(text) : undefined;
      if (!plan || plan.terms.length === 0) return toHit({ entry, score: 0, coverage: 0, mass: 0, onTopic: false, terms: [] }, undefined, []);
      const matched = new Set(plan.terms.map((t) => t.term).filter((term) => containsTerm(entry.hay, term)));
      const units = weighUnits(plan.units, stats);
      return toHit({ entry, score: 0, ...coverageOf(units, matched), terms: [] }, plan, units);
    },

    passages: () => passages,
    articles: () => articles,
    saveIndex: (withSuggestions = false) =>
      // A snapshot's own sections when they hold it all (encoding a library's terms again blocks ~100 ms).
      saved?.head.tables && (saved.head.suggestions || !withSuggestions)
        ? saved
        : saveIndex({ index, tables, ...(withSuggestions && { suggestions: suggester().indexData() }) }),
    vocabulary: vocabularyOf,
    indexTerms: () => index.terms,
    aliases: () => aliases,
    titleTokens: () => titleTokens,
    recentQueries: () => [...recent.keys()],
    suggestionsFilled: () => suggester().filled,
    prepared: () =>
      (preparedOnce ??= driveSteps(
        (function* () {
          if (!nameParts) nameParts = yield* camelCasing(entries);
          yield* analyzer.preparing?.() ?? [];
          // The popular topics a search without hits offers, in both languages (tens of ms each on a library).
          for (const language of ["zh", "en"] as const) {
            yield;
            yield* suggester().preparingPopular(language);
          }
        })(),
      )),
  };
  engineEntries.set(engine, { entries, passageOptions: options.passages, titleTokens });
  return engine;
}

/** Per-article alias counts, kept by whoever builds engines one after another (see ArticleWordsCache). */
export type ArticleAliasesCache = WeakMap<Article, AliasCounts>;

/** The aliases of the entries' texts, mined per article with `cache` (the same as mining them all at once). */
function* miningPerArticle(entries: readonly Entry[], cache: ArticleAliasesCache): Generator<void, GlossaryEntry[]> {
  const shares: AliasCounts[] = [];
  let mined = 0;
  for (let i = 0; i < entries.length; ) {
    const { article } = entries[i]!;
    let end = i;
    while (end < entries.length && entries[end]!.article === article) end++;
    let share = cache.get(article);
    if (!share) {
      if (++mined % ARTICLE_SLICE === 0) yield;
      share = aliasCounts(entries.slice(i, end).map((entry) => entry.passage.text));
      cache.set(article, share);
    }
    shares.push(share);
    i = end;
  }
  yield;
  return aliasesOfCounts(shares);
}

/** Each engine's entries (and the passage options they were split with), for the engine that replaces it. */
const engineEntries = new WeakMap<SearchEngine, { entries: readonly Entry[]; passageOptions: PassageOptions | undefined; titleTokens: ReadonlyMap<string, string[]> }>();

/** The previous engine's entries by article object, when they were split as `options` would split them. */
function* keptEntries(options: EngineOptions): Generator<void, Map<Article, Entry[]> | undefined> {
  const kept = options.previous && engineEntries.get(options.previous);
  if (!kept || kept.passageOptions !== options.passages) return undefined;
  const byArticle = new Map<Article, Entry[]>();
  let seen = 0;
  for (const entry of kept.entries) {
    if (++seen % ENTRY_SLICE === 0) yield;
    const list = byArticle.get(entry.article);
    if (list) list.push(entry);
    else byArticle.set(entry.article, [entry]);
  }
  return byArticle;
}

function* entriesOf(articles: readonly Article[], options: EngineOptions): Generator<void, { passages: Passage[]; entries: Entry[] }> {
  if (options.split) return entriesOfSplit(articles, options.split);
  const kept = yield* keptEntries(options);
  const passages: Passage[] = [];
  const entries: Entry[] = [];
  let split = 0;
  let taken = 0;
  for (const article of articles) {
    const reused = kept?.get(article);
    if (reused) {
      // The same object is the same version of the file: its passages, and what was folded of them, hold.
      for (const entry of reused) {
        passages.push(entry.passage);
        entries.push(entry);
      }
      taken += reused.length;
      if (taken >= ENTRY_SLICE) {
        taken = 0;
        yield;
      }
      continue;
    }
    if (++split % ARTICLE_SLICE === 0) yield;
    for (const passage of buildPassages([article], options.passages)) {
      passages.push(passage);
      entries.push(new Entry(passage, article));
    }
  }
  return { passages, entries };
}

/** Entries of passages split before (a snapshot's), each with its article. */
function entriesOfSplit(articles: readonly Article[], split: readonly Passage[]): { passages: Passage[]; entries: Entry[] } {
  const byId = new Map(articles.map((article) => [article.meta.id, article]));
  const entries = split.map((passage) => {
    const article = byId.get(passage.articleId);
    if (!article) throw new Error(`a passage of an unknown article: ${passage.id}`);
    return new Entry(passage, article);
  });
  return { passages: [...split], entries };
}

/** A passage's text and section path folded: what ranking looks for terms and characters in. */
function foldedPassage(passage: Passage): { text: string; heading: string; hay: string } {
  const text = fold(passage.text);
  const heading = fold(passage.sectionPath.join("\n"));
  return { text, heading, hay: `${text}\n${heading}` };
}

/** Per character: how many of the texts have it (no set per text). */
function charCounts(hays: Iterable<string>): Map<string, number> {
  const chars = new Map<string, { count: number; last: number }>();
  let i = 0;
  for (const hay of hays) {
    i++;
    for (const char of hay) {
      const seen = chars.get(char);
      if (!seen) chars.set(char, { count: 1, last: i });
      else if (seen.last !== i) {
        seen.count++;
        seen.last = i;
      }
    }
  }
  return new Map([...chars].map(([char, { count }]) => [char, count]));
}

/** The words of an article's title and section headings. */
function headingTermsOf(article: Article, tokenize: (text: string) => string[]): string[] {
  return [...new Set([article.meta.title, ...article.sections.map((s) => s.heading)].flatMap((heading) => tokenize(heading)))];
}

/** The engine's tables: those `known` has (saved, or summed from a reload's per-article analyses), the rest derived. */
function* engineTables(
  articles: readonly Article[],
  passages: readonly Passage[],
  entries: readonly Entry[],
  analyzer: TextAnalyzer,
  known: Partial<EngineTables>,
  articlePriors?: ArticlePriorsCache | KeptPriors,
): Generator<void, EngineTables> {
  let { charDfs, headingTerms, priors } = known;
  if (!charDfs) {
    charDfs = charCounts(
      (function* () {
        for (const entry of entries) yield entry.hay;
      })(),
    );
    yield;
  }
  if (!headingTerms) {
    headingTerms = new Set<string>();
    const headings = new Set([...articles.map((a) => a.meta.title), ...articles.flatMap((a) => a.sections.map((s) => s.heading))]);
    let done = 0;
    for (const heading of headings) {
      if (++done % BUILD_SLICE === 0) yield;
      for (const term of analyzer.indexTerms(heading)) headingTerms.add(term);
    }
    yield;
  }
  if (priors?.length !== passages.length) priors = articlePriors instanceof KeptPriors ? articlePriors.priors(articles, passages) : passagePriors(articles, passages, articlePriors);
  return { charDfs, headingTerms, priors };
}

/** Passages indexed between two yields of `indexing`. */
const INDEX_SLICE = 64;

/** The text, heading and parents of a passage, as the index fields them. */
function passageFields(passage: Passage): [string, string, string] {
  const heading = passage.sectionPath[passage.sectionPath.length - 1] ?? "";
  return [passage.text, heading, passage.sectionPath.slice(0, -1).join(" ")];
}

/** A passage's index terms per field (what the index and a reload's per-article cache keep). */
export function analysePassage(passage: Passage, tokenize: (text: string) => string[]): AnalysedPassage {
  return passageFields(passage).map((field) => analyseField(tokenize(field)));
}

/** The words of an article's title and byline: vocabulary for prefix and fuzzy search, not indexed. */
export function titleTerms(article: Article, tokenize: (text: string) => string[]): string[] {
  return tokenize(titleText(article));
}

/**
 * Indexes the passages — the one expensive step of building an engine, and what a snapshot saves — a
 * slice at a time, yielding in between (`indexArticles` lets the event loop run there).
 */
function* indexing(entries: readonly Entry[], analyzer: TextAnalyzer): Generator<void, IndexState> {
  // Headings and titles repeat for every passage of a section/article: tokenize each distinct string once.
  const tokenCache = new Map<string, string[]>();
  const tokenize = (text: string) => {
    let terms = tokenCache.get(text);
    if (!terms) tokenCache.set(text, (terms = analyzer.indexTerms(text)));
    return terms;
  };
  const builder = new TermIndexBuilder();
  const extra = new Set<string>();
  let article: Article | undefined;
  for (let i = 0; i < entries.length; i++) {
    if (i > 0 && i % INDEX_SLICE === 0) yield;
    const entry = entries[i]!;
    builder.add(analysePassage(entry.passage, tokenize));
    if (entry.article !== article) {
      article = entry.article;
      for (const term of titleTerms(article, tokenize)) extra.add(term);
    }
  }
  tokenCache.clear();
  return { index: new TermIndex(builder.build(extra)) };
}

/** What a reload keeps of an article between reloads (by its hash): the analysis of its passages. */
export interface ArticleAnalysis {
  /** Its passages' terms per field, as ids of the dictionary the analyses share. */
  passages: CountedPassage[];
  /** Title and byline words (vocabulary only); none for an article without passages. */
  titleTerms: string[];
  /** Its passages that have each folded character (summed into the engine's char dfs). */
  chars: Map<string, number>;
  /** Words of its title and section headings (the engine's heading terms are their union). */
  headingTerms: string[];
}

/** Analyses one article's passages as `indexing` does (same passages, tokens and fields). */
export function analyseArticle(article: Article, analyzer: TextAnalyzer, dictionary: TermDictionary, options: PassageOptions | undefined = undefined): ArticleAnalysis {
  const tokenCache = new Map<string, string[]>();
  const tokenize = (text: string) => {
    let terms = tokenCache.get(text);
    if (!terms) tokenCache.set(text, (terms = analyzer.indexTerms(text)));
    return terms;
  };
  const built = buildPassages([article], options);
  const passages = built.map((passage) => countPassage(analysePassage(passage, tokenize), dictionary));
  return { passages, titleTerms: passages.length > 0 ? titleTerms(article, tokenize) : [], ...articleTables(article, built, tokenize) };
}

/** An article's share of the engine's char dfs and heading terms. */
function articleTables(article: Article, passages: readonly Passage[], tokenize: (text: string) => string[]): Pick<ArticleAnalysis, "chars" | "headingTerms"> {
  return { chars: charCounts(passages.map((p) => foldedPassage(p).hay)), headingTerms: headingTermsOf(article, tokenize) };
}

/** The index of articles analysed one by one (in corpus order): the same as `indexing` makes. */
export function indexAnalysed(analyses: readonly ArticleAnalysis[], dictionary: TermDictionary): IndexState {
  const builder = new TermIndexBuilder(dictionary);
  const extra = new Set<string>();
  for (const analysis of analyses) {
    for (const passage of analysis.passages) builder.addCounted(passage);
    for (const term of analysis.titleTerms) extra.add(term);
  }
  return { index: new TermIndex(builder.build(extra)), tables: analysedTables(analyses) };
}

/** The char dfs and heading terms of articles analysed one by one: sums and unions of their shares. */
export function analysedTables(analyses: readonly ArticleAnalysis[]): Pick<EngineTables, "charDfs" | "headingTerms"> {
  const charDfs = new Map<string, number>();
  const headingTerms = new Set<string>();
  for (const analysis of analyses) {
    for (const [char, count] of analysis.chars) charDfs.set(char, (charDfs.get(char) ?? 0) + count);
    for (const term of analysis.headingTerms) headingTerms.add(term);
  }
  return { charDfs, headingTerms };
}

/**
 * The analyses of an index's articles read back from the index itself (postings inverted per passage),
 * so a reload's first change does not tokenize the whole library again. `passageCounts` are the
 * articles' passages in index order; title words are tokenized again (a few per article).
 */
export function analysesOfIndex(
  state: IndexState,
  articles: readonly Article[],
  passageCounts: readonly number[],
  analyzer: TextAnalyzer,
  dictionary: TermDictionary,
  options: PassageOptions | undefined = undefined,
): ArticleAnalysis[] {
  const { data } = state.index;
  if (passageCounts.length !== articles.length || passageCounts.reduce((a, b) => a + b, 0) !== data.docCount) throw new Error("passage counts do not match the index");
  const ids = Uint32Array.from(data.terms, (term) => dictionary.idOf(term));
  // Per field, the postings regrouped by doc (a counting sort); each doc's share is a view.
  const fields = INDEX_FIELDS.map((_, f) => {
    const offsets = data.offsets[f]!;
    const docs = data.docs[f]!;
    const tfs = data.tfs[f]!;
    const starts = new Uint32Array(data.docCount + 1);
    for (let p = 0; p < docs.length; p++) starts[docs[p]! + 1]!++;
    for (let d = 0; d < data.docCount; d++) starts[d + 1]! += starts[d]!;
    const cursor = starts.slice(0, data.docCount);
    const termIds = new Uint32Array(docs.length);
    const counts = new Uint32Array(docs.length);
    for (let t = 0; t < data.terms.length; t++) {
      for (let p = offsets[t]!; p < offsets[t + 1]!; p++) {
        const at = cursor[docs[p]!]!++;
        termIds[at] = ids[t]!;
        counts[at] = tfs[p]!;
      }
    }
    return { starts, termIds, counts, lengths: data.lengths[f]! };
  });
  const passageOf = (doc: number): CountedPassage =>
    fields.map(({ starts, termIds, counts, lengths }) => ({
      ids: termIds.subarray(starts[doc]!, starts[doc + 1]!),
      counts: counts.subarray(starts[doc]!, starts[doc + 1]!),
      length: lengths[doc]!,
    }));
  let doc = 0;
  return articles.map((article, i) => {
    const passages: CountedPassage[] = [];
    for (let n = 0; n < (passageCounts[i] ?? 0); n++) passages.push(passageOf(doc++));
    // Characters and headings are not in the index: from the article (no tokenizing of its text).
    const built = buildPassages([article], options);
    if (built.length !== passages.length) throw new Error("an article's passages do not match the index");
    const tables = articleTables(article, built, analyzer.indexTerms);
    return { passages, titleTerms: passages.length > 0 ? titleTerms(article, analyzer.indexTerms) : [], ...tables };
  });
}

/** How many passages each article has in the engine's index (its articles' order). */
export function passageCountsOf(engine: SearchEngine): number[] {
  const passages = engine.passages();
  let at = 0;
  // Passages come article by article, in the articles' order.
  return engine.articles().map((article) => {
    const from = at;
    while (at < passages.length && passages[at]!.articleId === article.meta.id) at++;
    return at - from;
  });
}

/** The saved index of an engine this module built (undefined for another kind of engine). */
export function savedIndexOf(engine: SearchEngine): SavedIndex | undefined {
  return "saveIndex" in engine && typeof engine.saveIndex === "function" ? (engine as IndexedEngine).saveIndex() : undefined;
}

/**
 * Indexes `articles` a slice at a time, letting other work run in between: a corpus reload prepares
 * the next engine this way while the current one keeps answering. Then `buildEngine(articles,
 * { ...options, indexed })` makes the engine (with the same options).
 */
export function indexArticles(articles: readonly Article[], options: EngineOptions = {}, budgetMs = DRIVE_BUDGET_MS): Promise<IndexState> {
  const analyzer = options.analyzer ?? createAnalyzer(options.glossary ?? EMPTY_GLOSSARY);
  return driveSteps(
    (function* () {
      return yield* indexing((yield* entriesOf(articles, options)).entries, analyzer);
    })(),
    budgetMs,
  );
}

/**
 * Restores a saved index letting other work run in between (a reload off the event loop); then
 * `buildEngine(articles, { ...options, indexed })` makes the engine, as with `indexArticles`.
 */
export function restoreIndexSliced(saved: SavedIndex, budgetMs = DRIVE_BUDGET_MS, terms?: string[]): Promise<IndexState> {
  return driveSteps(restoring(saved, terms), budgetMs);
}

/**
 * The query as searched: invisible characters removed, NFKC, white space collapsed, trimmed, and cut to
 * MAX_QUERY_CHARS code points (a 10,000-character paste is answered from its start).
 */
export function prepareQuery(query: string): { text: string; truncated: boolean } {
  // Cut generously before normalising so a huge input costs no more than a short one.
  const head = query.length > MAX_QUERY_CHARS * 4 ? query.slice(0, MAX_QUERY_CHARS * 4) : query;
  // Chat markup (<@U123>, <!channel>, <#C1|general>) names people and channels, never the topic.
  const clean = stripInvisible(head).replace(/<[@#!][^>]*>/g, " ").normalize("NFKC").replace(/\s+/g, " ").trim();
  const chars = Array.from(clean);
  if (chars.length <= MAX_QUERY_CHARS) return { text: clean, truncated: head.length < query.length && query.slice(head.length).trim() !== "" };
  return { text: chars.slice(0, MAX_QUERY_CHARS).join("").trim(), truncated: true };
}

/** Passages scanned for camel-case names between two yields. */
const CAMEL_SLICE = 512;

/**
 * The parts of the camel-case names the passages use (KusionStack → kusion, stack), as index terms, with
 * the number of passages that use each (a passage that also writes the word alone is counted as a name's:
 * it errs toward keeping a translation out). Each passage's are kept on its entry, which the next engine
 * takes over for an unchanged article: a reload scans only the changed articles' passages.
 */
function* camelCasing(entries: readonly Entry[]): Generator<void, Map<string, number>> {
  const parts = new Map<string, number>();
  let scanned = 0;
  for (const entry of entries) {
    // Kept entries' parts are only added, but a library has tens of thousands.
    if (++scanned % CAMEL_SLICE === 0) yield;
    const own = entry.camelParts();
    for (const part of own.length > 1 ? new Set(own) : own) parts.set(part, (parts.get(part) ?? 0) + 1);
  }
  return parts;
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}
