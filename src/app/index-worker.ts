/**
 * The index worker: a reload's heavy work, on its own thread so the serving event loop never waits for
 * it — loading and parsing the corpus, indexing, warm-up (suggestion vocabulary, lessons) and writing the
 * snapshot. It keeps what the serving engine was built from, works out what changed, and sends back
 * what the main thread needs to assemble the next engine: the changed articles, the saved index and the
 * warm-up data, in chunks (reload-messages.ts). Started through index-worker.mjs (TypeScript loader).
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
import { buildEngine } from "../search/engine.ts";
import { EMPTY_GLOSSARY, loadGlossary, type Glossary } from "../text/glossary.ts";
import { warmArticles, type ArticleCaches } from "./warm-up.ts";
import { postChunks, type FromWorker, type ReloadOutcome, type ToWorker, type WorkerSetup } from "./reload-messages.ts";

const port = parentPort;
if (!port) throw new Error("index-worker.ts runs as a worker thread (see reload.ts)");
const setup = workerData as WorkerSetup;
const post = (message: FromWorker) => port.postMessage(message);

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
/** Warm-up's work per article (vocabulary share, lessons), so that a reload redoes only changed articles'. */
const perArticle: ArticleCaches = { words: new WeakMap(), lessons: new WeakMap() };

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
  const engine = buildEngine(next, { glossary: nextGlossary, articleWords: perArticle.words });
  const saved = engine.saveIndex();
  const indexMs = performance.now() - started;
  started = performance.now();
  const vocabulary = engine.vocabulary();
  const lessons = lessonsOf(engine, perArticle.lessons);
  const warmUpMs = performance.now() - started;

  const { index, ...minisearch } = saved.minisearch;
  postChunks(post, id, "articles", fresh);
  postChunks(post, id, "index", index);
  postChunks(post, id, "dfs", saved.dfs);
  postChunks(post, id, "otherTerms", saved.otherTerms);
  postChunks(post, id, "vocabulary", vocabulary);
  postChunks(post, id, "lessons", lessons);
  outcome.changed = true;
  post({
    type: "result",
    id,
    outcome,
    header: { outcome, glossary: nextGlossary, glossaryChanged, order, minisearch, ms: { load: loadMs, index: indexMs, warmUp: warmUpMs } },
  });
  articles = loaded;
  glossary = nextGlossary;

  // A snapshot must match the files exactly; an index that keeps an old version of a broken file doesn't.
  if (setup.snapshotDir !== false && outcome.kept.length === 0 && nextGlossary === glossaryRead.glossary) {
    const errors: CorpusError[] = [...outcome.skipped, ...glossaryRead.problems.map((reason) => ({ path: glossaryPath, reason }))];
    await saveSnapshotOf(setup.snapshotDir, setup.corpusDir, { engine, articles: next, glossary: nextGlossary, errors }, log);
  }
}

// One message at a time: a reload that arrives while one runs waits for it (and its snapshot).
let queue: Promise<void> = Promise.resolve();
port.on("message", (message: ToWorker) => {
  queue = queue.then(async () => {
    if (message.type === "baseline") {
      for (const article of message.articles) articles.set(keyOf(article.path), article);
      record = recordOf(message.articles);
      // Not queued: a reload that starts meanwhile fills what is still missing itself.
      warmArticles(message.articles, perArticle).catch((error: unknown) => log.warn({ err: error }, "warming per-article caches failed"));
      if (message.glossary) glossary = message.glossary;
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
