/**
 * The index worker: a reload's heavy work, on its own thread so the serving event loop never waits for
 * it — loading and parsing the corpus, indexing, warm-up (suggestion vocabulary, lessons) and writing the
 * snapshot. It keeps what the serving engine was built from, works out what changed, and sends back
 * what the main thread needs to assemble the next engine: the changed articles and the warm-up data in
 * chunks, the index as transferred buffers (reload-messages.ts). Only changed articles are analysed
 * again: each article's passage terms are kept by its hash (read back from the serving index at first),
 * and the index is rebuilt from them. Started through index-worker.mjs (TypeScript loader).
 *
 * A file that breaks keeps its last good version (the log says which file and why); a file that never
 * loaded is reported and left out, as at start; a removed file is dropped. A glossary that can no longer
 * be read at all keeps the last good glossary.
 */
import { join } from "node:path";
import { Writable } from "node:stream";
import { parentPort, workerData } from "node:worker_threads";
import pino from "pino";
import { loadCorpusSince, recordOf, type LoadRecord } from "../corpus/load.ts";
import type { Article, CorpusError } from "../corpus/types.ts";
import { byCodeUnit, corpusKey, GLOSSARY_FILE } from "../index-cache/corpus-files.ts";
import { saveSnapshotOf } from "../index-cache/open.ts";
import { lessonsOf } from "../lessons/index.ts";
import { analyseArticle, analysesOfIndex, buildEngine, indexAnalysed, type ArticleAnalysis } from "../search/engine.ts";
import { restoreIndex } from "../search/snapshot.ts";
import { TermDictionary } from "../search/term-index.ts";
import type { LabelFieldsCache } from "../search/suggest.ts";
import { createAnalyzer } from "../text/analyzer.ts";
import { EMPTY_GLOSSARY, loadGlossary, type Glossary } from "../text/glossary.ts";
import { warmArticles, type ArticleCaches } from "./warm-up.ts";
import { postChunks, type FromWorker, type IndexBaseline, type ReloadOutcome, type ToWorker, type WorkerSetup } from "./reload-messages.ts";

const port = parentPort;
if (!port) throw new Error("index-worker.ts runs as a worker thread (see reload.ts)");
const setup = workerData as WorkerSetup;
const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

// Log lines go to the main thread, which writes them with its own logger (and destination).
const log = pino(
  { level: "debug", base: undefined, timestamp: false },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      post({ type: "log", line: chunk.toString("utf8") });
      done();
    },
  }),
);

const glossaryPath = join(setup.corpusDir, GLOSSARY_FILE);
/** What the serving engine was built from, by path within the corpus folder. */
let articles = new Map<string, Article>();
const keyOf = (path: string) => corpusKey(setup.corpusDir, path);
let glossary: Glossary = EMPTY_GLOSSARY;
/** What each file gave at the last load: a reload reads and parses only files that changed. */
let record: LoadRecord = new Map();
/** Work per article (vocabulary share, lessons, prior parts), so that a reload redoes only changed articles'. */
const perArticle: ArticleCaches = { words: new WeakMap(), lessons: new WeakMap(), priors: new WeakMap() };
/** Each article's analysed passages by article hash, for `glossary` (another glossary analyses anew). */
let analyses = new Map<string, ArticleAnalysis>();
/** Suggestion labels analysed by the last engines (same glossary), so a reload analyses only new ones. */
let labelFields: LabelFieldsCache = new Map();
/** The term ids the analyses use. */
let dictionary = new TermDictionary();
/** The serving index as the baseline sent it, until read into `analyses`. */
let baselineIndex: IndexBaseline | undefined;
const baselineSections: Uint8Array[] = [];

/** Reads the baseline's index back into per-article analyses (a pass over its postings, no tokenizing). */
function primeAnalyses(): void {
  const baseline = baselineIndex;
  baselineIndex = undefined;
  if (!baseline) return;
  try {
    const serving = [...articles.values()];
    const byPath = new Map(serving.map((a) => [a.path, a]));
    const ordered = baseline.order.map((path) => byPath.get(path));
    if (ordered.some((a) => a === undefined)) return;
    const state = restoreIndex({ head: baseline.head, sections: baselineSections.splice(0) });
    const read = analysesOfIndex(state, ordered as Article[], baseline.passageCounts, createAnalyzer(glossary), dictionary);
    ordered.forEach((article, i) => analyses.set(article!.hash, read[i]!));
  } catch (error) {
    // Only a cost: the next reload analyses every article.
    log.warn({ reason: (error as Error).message }, "serving index not read back; the next reload analyses every article");
  }
}

async function reload(id: number): Promise<void> {
  let started = performance.now();
  const [corpus, glossaryRead] = await Promise.all([loadCorpusSince(setup.corpusDir, record), loadGlossary(glossaryPath)]);
  record = corpus.record;
  const loaded = new Map(corpus.articles.map((a) => [keyOf(a.path), a]));
  const outcome: ReloadOutcome = { changed: false, added: [], updated: [], removed: [], kept: [], skipped: [] };

  for (const error of corpus.errors) {
    const last = articles.get(keyOf(error.path));
    // A notice (a file emptied or marked draft on purpose) withdraws the article rather than keeping it.
    if (last && !error.notice) {
      loaded.set(keyOf(error.path), last);
      outcome.kept.push(error);
      log.warn({ path: error.path, reason: error.reason }, "corpus file broken; keeping its last good version");
    } else {
      outcome.skipped.push(error);
      log.warn({ path: error.path, reason: error.reason }, "corpus file skipped");
    }
  }
  const fresh: Article[] = [];
  for (const [key, article] of loaded) {
    const before = articles.get(key);
    if (!before) outcome.added.push(key);
    else if (before.hash !== article.hash) outcome.updated.push(key);
    else continue;
    fresh.push(article);
  }
  for (const key of articles.keys()) if (!loaded.has(key)) outcome.removed.push(key);

  let nextGlossary = glossaryRead.glossary;
  for (const problem of glossaryRead.problems) log.warn({ path: glossaryPath, reason: problem }, "glossary entry skipped");
  // Nothing usable in a glossary that had entries: a broken save, not an emptied file.
  if (nextGlossary.entries.length === 0 && glossaryRead.problems.length > 0 && glossary.entries.length > 0) {
    nextGlossary = glossary;
    log.warn({ path: glossaryPath }, "glossary unusable; keeping its last good version");
  }
  const glossaryChanged = JSON.stringify(nextGlossary) !== JSON.stringify(glossary);
  if (!glossaryChanged && outcome.added.length + outcome.updated.length + outcome.removed.length === 0) {
    log.debug("corpus unchanged");
    post({ type: "result", id, outcome });
    return;
  }
  const next = [...loaded.keys()].sort(byCodeUnit).map((key) => loaded.get(key)!);
  const order = next.map((article) => article.path);
  const loadMs = performance.now() - started;

  started = performance.now();
  // Only new and changed articles are tokenized; the index is rebuilt from the kept analyses.
  if (glossaryChanged) {
    analyses.clear();
    dictionary = new TermDictionary();
    labelFields = new Map();
  }
  const analyzer = createAnalyzer(nextGlossary);
  const nextAnalyses = new Map<string, ArticleAnalysis>();
  let analysed = 0;
  for (const article of next) {
    if (nextAnalyses.has(article.hash)) continue;
    const kept = analyses.get(article.hash);
    if (!kept) analysed++;
    nextAnalyses.set(article.hash, kept ?? analyseArticle(article, analyzer, dictionary));
  }
  log.debug({ analysed, reused: nextAnalyses.size - analysed }, "articles analysed");
  const indexed = indexAnalysed(
    next.map((article) => nextAnalyses.get(article.hash)!),
    dictionary,
  );
  const engine = buildEngine(next, { glossary: nextGlossary, indexed, articleWords: perArticle.words, articlePriors: perArticle.priors, labelFields });
  const indexMs = performance.now() - started;
  started = performance.now();
  const vocabulary = engine.vocabulary();
  const lessons = lessonsOf(engine, perArticle.lessons);
  // With the engine's tables (priors …) and the suggestions' index: the main thread need not derive them again.
  const saved = engine.saveIndex(true);
  const warmUpMs = performance.now() - started;
  // Only the labels this vocabulary has are kept for the next reload.
  labelFields = new Map(vocabulary.flatMap((entry) => (labelFields.has(entry.label) ? [[entry.label, labelFields.get(entry.label)!] as const] : [])));

  postChunks(post, id, "articles", fresh);
  postChunks(post, id, "vocabulary", vocabulary);
  postChunks(post, id, "lessons", lessons);
  outcome.changed = true;
  // Copies are transferred (moved, not cloned): this engine's own arrays are still saved below.
  const sections = saved.sections.map((section) => section.slice());
  post(
    {
      type: "result",
      id,
      outcome,
      header: { outcome, glossary: nextGlossary, glossaryChanged, order, index: saved.head, aliases: [...engine.aliases()], ms: { load: loadMs, index: indexMs, warmUp: warmUpMs } },
      sections,
    },
    sections.map((section) => section.buffer as ArrayBuffer),
  );
  articles = loaded;
  glossary = nextGlossary;
  analyses = nextAnalyses;

  // A snapshot must match the files exactly; an index that keeps an old version of a broken file doesn't.
  if (setup.snapshotDir !== false && outcome.kept.length === 0 && nextGlossary === glossaryRead.glossary) {
    const errors: CorpusError[] = [...outcome.skipped, ...glossaryRead.problems.map((reason) => ({ path: glossaryPath, reason }))];
    await saveSnapshotOf(setup.snapshotDir, setup.corpusDir, { engine, articles: next, glossary: nextGlossary, errors }, log);
  }
}

const workerStarted = performance.now();
/** The per-article caches being filled from the baseline. */
const warming: Promise<void>[] = [];

// One message at a time: a reload that arrives while one runs waits for it (and its snapshot).
let queue: Promise<void> = Promise.resolve();
port.on("message", (message: ToWorker) => {
  queue = queue.then(async () => {
    if (message.type === "baseline") {
      for (const article of message.articles) articles.set(keyOf(article.path), article);
      record = new Map([...record, ...recordOf(message.articles)]);
      // Not queued: a reload that starts meanwhile fills what is still missing itself.
      warming.push(warmArticles(message.articles, perArticle).catch((error: unknown) => log.warn({ err: error }, "warming per-article caches failed")));
      if (message.glossary) glossary = message.glossary;
      if (message.index) baselineIndex = message.index;
      if (message.section) baselineSections.push(message.section);
      // Read back while idle, so the first change pays only for itself.
      if (message.last) {
        primeAnalyses();
        // Until then a change also pays for what is left of this (seconds on a library): worth a line.
        void Promise.all(warming).then(() => log.info({ articles: articles.size, ms: Math.round(performance.now() - workerStarted) }, "index worker warm"));
      }
      return;
    }
    try {
      await reload(message.id);
    } catch (error) {
      post({ type: "failed", id: message.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
    post({ type: "settled", id: message.id });
  });
});
