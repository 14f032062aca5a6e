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
import { restoreIndex } from "../search/snapshot.ts";
import { EMPTY_GLOSSARY, loadGlossary, type Glossary } from "../text/glossary.ts";
import { EngineAssembler } from "./engine-assembler.ts";
import { warmArticles } from "./warm-up.ts";
import { keysDigest, listPatch, termsPatch, vocabularyDigest, vocabularyPatch } from "./reload-patches.ts";
import type { Lesson } from "../scheduler/types.ts";
import type { VocabularyEntry } from "../search/suggest.ts";
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
/** What the next engine is made from (kept analyses and per-article shares) and the last one made. */
const assembler = new EngineAssembler();
/** The serving index as the baseline sent it, until read into `analyses`. */
let baselineIndex: IndexBaseline | undefined;
const baselineSections: Uint8Array[] = [];
/** The digest of the serving engine's vocabulary, as the baseline gave it. */
let baselineVocabularyDigest: number | undefined;
let baselineLessonsDigest: number | undefined;

/**
 * The lists the serving engine has, which a result's terms and vocabulary are sent as edits of: the
 * baseline's (its vocabulary once the worker's own engine is found to have the same), then those of
 * each result the main thread says it swapped in (`sent` until it does).
 */
interface MainLists {
  terms?: readonly string[];
  vocabulary?: readonly VocabularyEntry[];
  vocabularyDigest?: number;
  lessons?: readonly Lesson[];
  lessonsDigest?: number;
}
let mainHas: MainLists = {};
const sent = new Map<number, MainLists>();

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
    assembler.prime(state, ordered as Article[], baseline.passageCounts, glossary);
    mainHas = { terms: state.index.terms };
  } catch (error) {
    // Only a cost: the next reload analyses every article.
    log.warn({ reason: (error as Error).message }, "serving index not read back; the next reload analyses every article");
  }
}

/** The serving engine's articles in index order (the worker's own engine is built over them while idle). */
function servingArticles(): Article[] {
  return [...articles.keys()].sort(byCodeUnit).map((key) => articles.get(key)!);
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

  const built = assembler.assemble(next, nextGlossary, glossaryChanged);
  const { engine, vocabulary, lessons, saved } = built;
  log.debug({ analysed: built.analysed, reused: built.reused, patched: built.patched, ...built.ms }, "articles analysed");
  const sendStarted = performance.now();
  postChunks(post, id, "articles", fresh);
  const terms = engine.indexTerms();
  const digest = vocabularyDigest(vocabulary);
  const edits =
    mainHas.vocabulary && mainHas.vocabularyDigest !== undefined ? vocabularyPatch(mainHas.vocabulary, mainHas.vocabularyDigest, vocabulary) : undefined;
  postChunks(post, id, "vocabulary", edits ? edits.literals : vocabulary);
  const lessonsDigest = keysDigest(lessons.map((lesson) => lesson.id));
  // Lessons of unchanged articles are the very objects of the last result (kept per article).
  const lessonEdits =
    mainHas.lessons && mainHas.lessonsDigest !== undefined ? listPatch(mainHas.lessons, mainHas.lessonsDigest, lessons, (lesson) => lesson.id, (a, b) => a === b) : undefined;
  postChunks(post, id, "lessons", lessonEdits ? lessonEdits.literals : lessons);
  outcome.changed = true;
  // Copies are transferred (moved, not cloned): this engine's own arrays are still saved below.
  const sections = saved.sections.map((section) => section.slice());
  post(
    {
      type: "result",
      id,
      outcome,
      header: { outcome, glossary: nextGlossary, glossaryChanged, order, index: saved.head,
        ...(mainHas.terms && { termsPatch: termsPatch(mainHas.terms, terms) }),
        ...(edits && { vocabularyPatch: edits.patch }),
        vocabularyDigest: digest,
        ...(lessonEdits && { lessonsPatch: lessonEdits.patch }),
        lessonsDigest,
        aliases: [...engine.aliases()],
        ms: { load: loadMs, index: built.ms.analyse + built.ms.lay + built.ms.engine, ...built.ms, send: performance.now() - sendStarted } },
      sections,
    },
    sections.map((section) => section.buffer as ArrayBuffer),
  );
  articles = loaded;
  glossary = nextGlossary;
  sent.set(id, { terms, vocabulary, vocabularyDigest: digest, lessons, lessonsDigest });

  // Written once the main thread is done with the result (or after a while: it may never say so).
  await servedOrLate(id);
  // A snapshot must match the files exactly; an index that keeps an old version of a broken file doesn't.
  if (setup.snapshotDir !== false && outcome.kept.length === 0 && nextGlossary === glossaryRead.glossary) {
    const errors: CorpusError[] = [...outcome.skipped, ...glossaryRead.problems.map((reason) => ({ path: glossaryPath, reason }))];
    await saveSnapshotOf(setup.snapshotDir, setup.corpusDir, { engine, articles: next, glossary: nextGlossary, errors }, log);
  }
}

/** Reloads whose result the main thread has served. */
const served = new Set<number>();
const servedWaiters = new Map<number, () => void>();
/** Longest wait for the main thread to serve a result before the snapshot is written anyway. */
const SERVED_WAIT_MS = 30_000;

function servedOrLate(id: number): Promise<void> {
  if (served.delete(id)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, SERVED_WAIT_MS);
    function done() {
      clearTimeout(timer);
      servedWaiters.delete(id);
      served.delete(id);
      resolve();
    }
    servedWaiters.set(id, done);
  });
}

const workerStarted = performance.now();
/** The per-article caches being filled from the baseline. */
const warming: Promise<void>[] = [];

// One message at a time: a reload that arrives while one runs waits for it (and its snapshot).
let queue: Promise<void> = Promise.resolve();
port.on("message", (message: ToWorker) => {
  // Not queued: the reload it concerns is what the queue is waiting on.
  if (message.type === "served") {
    const lists = sent.get(message.id);
    sent.delete(message.id);
    if (lists && message.swapped) mainHas = lists;
    const waiter = servedWaiters.get(message.id);
    if (waiter) waiter();
    else served.add(message.id);
    return;
  }
  queue = queue.then(async () => {
    if (message.type === "baseline") {
      for (const article of message.articles) articles.set(keyOf(article.path), article);
      record = new Map([...record, ...recordOf(message.articles)]);
      // Not queued: a reload that starts meanwhile fills what is still missing itself.
      warming.push(warmArticles(message.articles, assembler.perArticle).catch((error: unknown) => log.warn({ err: error }, "warming per-article caches failed")));
      if (message.glossary) glossary = message.glossary;
      if (message.index) baselineIndex = message.index;
      if (message.section) baselineSections.push(message.section);
      if (message.vocabularyDigest !== undefined) baselineVocabularyDigest = message.vocabularyDigest;
      if (message.lessonsDigest !== undefined) baselineLessonsDigest = message.lessonsDigest;
      // Read back while idle, so the first change pays only for itself.
      if (message.last) {
        primeAnalyses();
        // Until then a change also pays for what is left of this (seconds on a library): worth a line.
        void Promise.all(warming).then(() => {
          // Queued: a reload that came first has built the worker's engine already.
          queue = queue.then(async () => {
            try {
              // The baseline knows each file's content, not its stat: without this the first change
              // reads and hashes every file again. A file changed meanwhile is the next reload's to find.
              if (!assembler.ready) record = (await loadCorpusSince(setup.corpusDir, record)).record;
              if (!assembler.ready) {
                const { vocabulary, lessons } = assembler.assemble(servingArticles(), glossary, false);
                // The same vocabulary and lessons as the serving engine's (same articles, same code): edits can be made against them.
                const digest = vocabularyDigest(vocabulary);
                if (digest === baselineVocabularyDigest && !mainHas.vocabulary) mainHas = { ...mainHas, vocabulary, vocabularyDigest: digest };
                const lessonsDigest = keysDigest(lessons.map((lesson) => lesson.id));
                if (lessonsDigest === baselineLessonsDigest && !mainHas.lessons) mainHas = { ...mainHas, lessons, lessonsDigest };
              }
            } catch (error) {
              // Only a cost: the next reload builds what it needs.
              log.warn({ err: error }, "index worker's engine not built while idle");
            }
            log.info({ articles: articles.size, ms: Math.round(performance.now() - workerStarted) }, "index worker warm");
          });
        });
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
