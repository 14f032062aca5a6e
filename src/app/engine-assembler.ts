/**
 * What the reload worker keeps from one engine to the next, and the next engine made from it: each
 * article's analysed passages (by hash), its shares of vocabulary, lessons, priors and aliases (by
 * object: the loader hands back the same object while a file is unchanged), the analysed suggestion
 * labels, the index laid out last time and the last engine itself (its passages are taken over for
 * unchanged articles). A reload then tokenizes, splits and derives only what changed articles bring; the
 * engine it makes is the same as one built from scratch (tests/reload/incremental.test.ts).
 */
import type { Article } from "../corpus/types.ts";
import { lessonsOf } from "../lessons/index.ts";
import type { Lesson } from "../scheduler/types.ts";
import { analyseArticle, analysedTables, analysesOfIndex, buildEngine, indexAnalysed, type ArticleAnalysis, type IndexedEngine, type IndexState } from "../search/engine.ts";
import { patchIndex, termIdsOf, type LaidIndex } from "../search/index-patch.ts";
import { KeptPriors } from "../search/priors.ts";
import type { SavedIndex } from "../search/snapshot.ts";
import type { LabelFieldsCache, VocabularyEntry } from "../search/suggest.ts";
import { TermDictionary, TermIndex } from "../search/term-index.ts";
import type { AliasCounts } from "../text/aliases.ts";
import { createAnalyzer } from "../text/analyzer.ts";
import type { Glossary } from "../text/glossary.ts";
import type { ArticleCaches } from "./warm-up.ts";

export interface Assembled {
  engine: IndexedEngine;
  vocabulary: readonly VocabularyEntry[];
  lessons: readonly Lesson[];
  /** The index with the engine's tables and the suggestions' index (what the main thread restores). */
  saved: SavedIndex;
  /** Articles tokenized, and those whose analyses were kept. */
  analysed: number;
  reused: number;
  /** Whether the index was patched from the last one (else laid out anew). */
  patched: boolean;
  ms: { analyse: number; lay: number; engine: number; warmUp: number };
}

export class EngineAssembler {
  private readonly keptPriors = new KeptPriors();
  /** Per-article warm-up shares (filled ahead by `warmArticles` while the worker is idle). */
  readonly perArticle: ArticleCaches = { words: new WeakMap(), lessons: new WeakMap(), priors: this.keptPriors.parts };
  private readonly articleAliases = new WeakMap<Article, AliasCounts>();
  /** Each article's analysed passages by article hash, for the glossary they were analysed with. */
  private analyses = new Map<string, ArticleAnalysis>();
  /** Suggestion labels analysed by the last engines (same glossary), so a reload analyses only new ones. */
  private labelFields: LabelFieldsCache = new Map();
  /** The term ids the analyses use. */
  private dictionary = new TermDictionary();
  /** The last index laid out, and from what: the next is patched from it. */
  private laid: LaidIndex | undefined;
  /** The last engine made: the next takes the passages of every unchanged article from it. */
  private last: IndexedEngine | undefined;

  /** Whether an engine was made (the worker makes one while idle after start, for the first change's sake). */
  get ready(): boolean {
    return this.last !== undefined;
  }

  /** Reads an engine's index back into per-article analyses (a pass over its postings, no tokenizing). */
  prime(state: IndexState, articles: readonly Article[], passageCounts: readonly number[], glossary: Glossary): void {
    const read = analysesOfIndex(state, articles, passageCounts, createAnalyzer(glossary), this.dictionary);
    articles.forEach((article, i) => this.analyses.set(article.hash, read[i]!));
  }

  /** The engine over `articles` (in index order) and what warm-up makes of it. */
  assemble(articles: readonly Article[], glossary: Glossary, glossaryChanged: boolean): Assembled {
    let started = performance.now();
    if (glossaryChanged) {
      // Another glossary analyses every text anew.
      this.analyses.clear();
      this.dictionary = new TermDictionary();
      this.labelFields = new Map();
      this.laid = undefined;
    }
    const analyzer = createAnalyzer(glossary);
    const analyses = new Map<string, ArticleAnalysis>();
    let analysed = 0;
    for (const article of articles) {
      if (analyses.has(article.hash)) continue;
      const kept = this.analyses.get(article.hash);
      if (!kept) analysed++;
      analyses.set(article.hash, kept ?? analyseArticle(article, analyzer, this.dictionary));
    }
    const analyse = performance.now() - started;
    started = performance.now();
    const list = articles.map((article) => analyses.get(article.hash)!);
    // The last index with the changed articles' postings swapped in; laid out anew when that does not apply.
    const patched = this.laid && patchIndex(this.laid, list, this.dictionary);
    let indexed: IndexState;
    if (patched) {
      indexed = { index: new TermIndex(patched.data), tables: analysedTables(list) };
      this.laid = patched;
    } else {
      indexed = indexAnalysed(list, this.dictionary);
      this.laid = { data: indexed.index.data, analyses: list, ids: termIdsOf(indexed.index.data, this.dictionary) };
    }
    const lay = performance.now() - started;
    started = performance.now();
    const engine = buildEngine(articles, {
      glossary,
      indexed,
      articleWords: this.perArticle.words,
      keptPriors: this.keptPriors,
      articleAliases: this.articleAliases,
      labelFields: this.labelFields,
      // Passages are split with the same options whatever the glossary.
      ...(this.last && { previous: this.last }),
    });
    const engineMs = performance.now() - started;
    started = performance.now();
    const vocabulary = engine.vocabulary();
    const lessons = lessonsOf(engine, this.perArticle.lessons);
    // With the engine's tables (priors …) and the suggestions' index: the main thread need not derive them again.
    const saved = engine.saveIndex(true);
    const warmUp = performance.now() - started;
    // Only the labels this vocabulary has are kept for the next reload.
    const labelFields = this.labelFields;
    this.labelFields = new Map(vocabulary.flatMap((entry) => (labelFields.has(entry.label) ? [[entry.label, labelFields.get(entry.label)!] as const] : [])));
    this.analyses = analyses;
    this.last = engine;
    return { engine, vocabulary, lessons, saved, analysed, reused: analyses.size - analysed, patched: patched !== undefined, ms: { analyse, lay, engine: engineMs, warmUp } };
  }
}
