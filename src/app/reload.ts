/**
 * Corpus reload while running: when the watcher reports a change, the index worker (index-worker.ts, its
 * own thread) loads the corpus, works out what changed, indexes, warms up and writes the snapshot; this
 * side assembles the next engine from what it sends — the index arrives as transferred buffers (views,
 * no restore), the engine's own tables are built a slice at a time, so the serving event loop keeps
 * answering — and hands it over whole: a search sees the old index or the new
 * one, never a mix. Reloads run one at a time; a change that arrives during a reload triggers another
 * after it. A worker that fails or dies leaves the current engine serving; the next reload starts a new one.
 */
import { Worker } from "node:worker_threads";
import pino, { type Logger } from "pino";
import type { Article } from "../corpus/types.ts";
import { watchCorpus, type CorpusWatcher } from "../corpus/watch.ts";
import { lessonsOf, primeLessons } from "../lessons/index.ts";
import { buildEngineSliced, passageCountsOf, restoreIndexSliced, savedIndexOf, type IndexedEngine } from "../search/engine.ts";
import { applyingListPatch, applyingTermsPatch, StringsDigest, VocabularyDigest } from "./reload-patches.ts";
import type { SearchEngine } from "../search/types.ts";
import { driveSteps, nextTurn } from "../util/steps.ts";
import type { Glossary } from "../text/glossary.ts";
import { replayRecent, warmUp } from "./warm-up.ts";
import { CHUNK_ITEMS, parseChunks, type ChunkPart, type FromWorker, type ReloadHeader, type ReloadOutcome, type ToWorker, type WorkerSetup } from "./reload-messages.ts";

export type { ReloadOutcome } from "./reload-messages.ts";

/** Vocabulary entries digested between two turns of the event loop. */
const DIGEST_SLICE = 5_000;

/** The worker's entry (a shim that loads TypeScript, then index-worker.ts). */
const WORKER = new URL("./index-worker.mjs", import.meta.url);

/** What the running index was built from. */
export interface CorpusState {
  articles: readonly Article[];
  glossary: Glossary;
  /** The engine built from them: its index spares the worker analysing every article again. */
  engine?: SearchEngine;
  /** Digest of the engine's vocabulary (reload-patches.ts), when known: a result's vocabulary edits are made against it. */
  vocabularyDigest?: number;
  /** Digest of its lessons' ids, when known (the same for its lessons' edits). */
  lessonsDigest?: number;
}

export interface ReloadOptions {
  corpusDir: string;
  log: Logger;
  /** What the current engine was built from. */
  initial: CorpusState;
  /** Installs a new engine (the core's getter returns it from then on). */
  swap(engine: SearchEngine): void;
  /** Where to save a snapshot of each reloaded index (false = don't). */
  snapshotDir: string | false;
  debounceMs?: number;
  pollMs?: number;
  /** Another worker entry (tests: one that fails). */
  workerUrl?: URL;
}

export interface Reloader {
  /** Reloads now (queued behind a running reload); resolves when this change is served. */
  reload(): Promise<ReloadOutcome>;
  close(): Promise<void>;
}

/** One reload's messages as they arrive. */
interface Job {
  /** Chunks as they came (parsed once the result is in, a turn each). */
  chunks: { part: ChunkPart; bytes: Uint8Array }[];
  result: Deferred<{ header?: ReloadHeader; sections?: Uint8Array[]; outcome: ReloadOutcome }>;
  /** The worker is done with it (snapshot written or given up); never rejects. */
  settled: Deferred<void>;
}

export function startReloader(reloadOptions: ReloadOptions): Reloader {
  // Not kept: `initial` would keep the engine served at start alive after the first swap.
  const { initial, ...options } = reloadOptions;
  const log = options.log.child({ component: "reload" });
  let state = initial;
  let closed = false;
  let worker: IndexWorker | undefined;
  let sequence = 0;
  const ensureWorker = () =>
    (worker ??= startWorker(options, state, log, () => {
      worker = undefined;
    }));
  // Started now, so the first change does not wait for the thread to start and load its code.
  ensureWorker();

  async function reloadOnce(): Promise<{ outcome: ReloadOutcome; settled: Promise<void> }> {
    const started = performance.now();
    const current = ensureWorker();
    const id = ++sequence;
    const job = current.run(id);
    const { header, sections, outcome } = await job.result.promise;
    if (!header || !sections || closed) return { outcome, settled: job.settled.promise };
    const before = state;
    try {
      return await assemble(started, job, header, sections, outcome);
    } finally {
      // The worker writes the snapshot only now (on two cores it would take the CPU this thread assembles
      // with), and sends the next result as edits of what this thread serves.
      current.served(id, state !== before);
    }
  }

  async function assemble(started: number, job: Job, header: ReloadHeader, sections: Uint8Array[], outcome: ReloadOutcome): Promise<{ outcome: ReloadOutcome; settled: Promise<void> }> {
    const received = performance.now();
    const parts = await parseChunks(job.chunks);
    const parseMs = performance.now() - received;
    if (closed) return { outcome, settled: job.settled.promise };
    const byPath = new Map(state.articles.map((a) => [a.path, a]));
    for (const article of parts.articles) byPath.set(article.path, article);
    const articles = header.order.map((path) => byPath.get(path)!);
    const restoreStarted = performance.now();
    const serving = state.engine as Partial<IndexedEngine> | undefined;
    // The terms and the vocabulary as edits of the serving engine's: no decoding or parsing them whole;
    // applied a slice at a time (each list is tens of thousands of items).
    const { engine: current, vocabularyDigest, lessonsDigest } = state;
    const terms = header.termsPatch && serving?.indexTerms ? await driveSteps(applyingTermsPatch(serving.indexTerms(), header.termsPatch)) : undefined;
    const vocabulary = header.vocabularyPatch
      ? serving?.vocabulary && vocabularyDigest !== undefined && (await driveSteps(applyingListPatch(serving.vocabulary(), vocabularyDigest, header.vocabularyPatch, parts.vocabulary)))
      : parts.vocabulary;
    const lessons = header.lessonsPatch
      ? current && lessonsDigest !== undefined && (await driveSteps(applyingListPatch(lessonsOf(current), lessonsDigest, header.lessonsPatch, parts.lessons)))
      : parts.lessons;
    // Only if this thread serves another engine than the worker thinks: this reload is given up, the next is sent whole.
    if (!vocabulary || !lessons) throw new Error("the reload's edits do not fit the serving engine's vocabulary or lessons");
    const indexed = await restoreIndexSliced({ head: header.index, sections }, undefined, terms);
    const restoreMs = performance.now() - restoreStarted;
    if (closed) return { outcome, settled: job.settled.promise };
    // The engine's own tables over the restored index, a slice at a time too.
    const buildStarted = performance.now();
    const engine = await buildEngineSliced(articles, {
      glossary: header.glossary,
      indexed,
      vocabulary,
      aliases: header.aliases,
      // Unchanged articles are the same objects as before: their passages are not split again.
      ...(state.engine && { previous: state.engine }),
    });
    const buildMs = performance.now() - buildStarted;
    if (closed) return { outcome, settled: job.settled.promise };
    primeLessons(engine, lessons);
    const warmStarted = performance.now();
    // What is still lazy (the mined aliases' tables, name parts; the suggestion index only if the worker
    // sent none) is made before the engine serves, so no user's request pays for it; a slice at a time, so
    // no request waits behind it either.
    await warmUp(engine, { sliced: true }).filled;
    const replayed = await replayRecent(current, engine);
    const warmMs = performance.now() - warmStarted;
    if (closed) return { outcome, settled: job.settled.promise };
    options.swap(engine);
    state = { articles, glossary: header.glossary, engine, vocabularyDigest: header.vocabularyDigest, lessonsDigest: header.lessonsDigest };
    log.info(
      {
        articles: articles.length,
        passages: engine.passages().length,
        added: outcome.added,
        updated: outcome.updated,
        removed: outcome.removed,
        glossary: header.glossaryChanged,
        workerMs: Math.round(header.ms.load + header.ms.index + header.ms.warmUp),
        warmUpMs: Math.round(header.ms.warmUp),
        worker: Object.fromEntries(Object.entries(header.ms).map(([step, ms]) => [step, Math.round(ms)])),
        mainMs: Math.round(performance.now() - received),
        parseMs: Math.round(parseMs),
        restoreMs: Math.round(restoreMs),
        buildMs: Math.round(buildMs),
        warmMs: Math.round(warmMs),
        replayed,
        ms: Math.round(performance.now() - started),
      },
      "corpus reloaded",
    );
    return { outcome, settled: job.settled.promise };
  }

  // Reloads run one after another (the next starts once the worker has written the last one's snapshot);
  // calls while one is waiting to start share it (it will see their change).
  let tail: Promise<unknown> = Promise.resolve();
  let waiting: Promise<ReloadOutcome> | undefined;
  function reload(): Promise<ReloadOutcome> {
    if (waiting) return waiting;
    const next = tail.then(() => {
      waiting = undefined;
      return reloadOnce();
    });
    const outcome = next.then((r) => r.outcome);
    waiting = outcome;
    tail = next.then((r) => r.settled).catch(() => undefined);
    return outcome;
  }

  const onChange = () => {
    reload().catch((error: unknown) => log.error({ err: error }, "corpus reload failed; the previous index stays"));
  };
  const watcher: CorpusWatcher = watchCorpus(options.corpusDir, onChange, {
    log,
    ...(options.debounceMs !== undefined && { debounceMs: options.debounceMs }),
    ...(options.pollMs !== undefined && { pollMs: options.pollMs }),
  });

  return {
    reload,
    async close() {
      closed = true;
      watcher.close();
      await tail;
      await worker?.close();
    },
  };
}

interface IndexWorker {
  run(id: number): Job;
  /** The result of `run(id)` is served (`swapped`) or given up: the worker may go on (write its snapshot). */
  served(id: number, swapped: boolean): void;
  close(): Promise<void>;
}

/**
 * Starts the worker and hands it what the serving engine was built from. `onGone` runs when it exits
 * or fails: every job it had fails with it, and the reloader starts another on the next change.
 */
function startWorker(options: Omit<ReloadOptions, "initial">, state: CorpusState, log: Logger, onGone: () => void): IndexWorker {
  const setup: WorkerSetup = { corpusDir: options.corpusDir, snapshotDir: options.snapshotDir };
  const worker = new Worker(options.workerUrl ?? WORKER, { workerData: setup });
  // An idle worker never keeps the process alive.
  worker.unref();
  const jobs = new Map<number, Job>();
  let gone = false;
  const fail = (reason: string) => {
    if (gone) return;
    gone = true;
    onGone();
    for (const job of jobs.values()) {
      job.result.reject(new Error(reason));
      job.settled.resolve();
    }
    jobs.clear();
  };
  worker.on("error", (error) => {
    log.error({ err: error }, "index worker failed; the current index stays");
    fail(`index worker failed: ${error.message}`);
  });
  worker.on("exit", (code) => fail(`index worker exited (code ${code})`));
  worker.on("message", (message: FromWorker) => {
    if (message.type === "log") return relay(log, message.line);
    const job = jobs.get(message.id);
    if (!job) return;
    if (message.type === "chunk") job.chunks.push({ part: message.part, bytes: message.bytes });
    else if (message.type === "result") job.result.resolve({ outcome: message.outcome, ...(message.header && { header: message.header }), ...(message.sections && { sections: message.sections }) });
    else if (message.type === "failed") job.result.reject(new Error(message.message));
    else {
      job.settled.resolve();
      jobs.delete(message.id);
    }
  });

  const send = (message: ToWorker) => worker.postMessage(message);
  const baselineSent = sendBaseline(worker, state, () => gone);

  return {
    run(id) {
      const job: Job = { chunks: [], result: deferred(), settled: deferred() };
      // Nobody may be awaiting the result yet when it fails: that is handled where it is awaited.
      job.result.promise.catch(() => undefined);
      if (gone) {
        job.result.reject(new Error("index worker is gone"));
        job.settled.resolve();
        return job;
      }
      jobs.set(id, job);
      void baselineSent.then(() => {
        if (!gone) send({ type: "reload", id });
      });
      return job;
    },
    served(id, swapped) {
      if (!gone) send({ type: "served", id, swapped });
    },
    async close() {
      gone = true;
      await worker.terminate();
    },
  };
}

/**
 * What the serving engine was built from, to a new worker. In chunks, yielding in between: serializing a
 * whole library at once would block this thread while it serves. A reload is posted only after it (the
 * worker reads messages in order). A function of its own, so that the worker's handlers, which live as
 * long as the worker, keep no hold on `state` (its engine is replaced by the first reload).
 */
async function sendBaseline(worker: Worker, state: CorpusState, gone: () => boolean): Promise<void> {
  const send = (message: ToWorker) => worker.postMessage(message);
  const size = CHUNK_ITEMS.articles;
  const saved = state.engine && savedIndexOf(state.engine);
  for (let start = 0; start < state.articles.length || start === 0; start += size) {
    if (gone()) return;
    const last = start + size >= state.articles.length;
    send({ type: "baseline", articles: state.articles.slice(start, start + size), ...(last && { glossary: state.glossary }), last: last && !saved });
    await nextTurn();
  }
  if (!saved || !state.engine) return;
  const order = state.engine.articles().map((article) => article.path);
  const vocabulary = (state.engine as Partial<IndexedEngine>).vocabulary?.();
  let vocabularyDigest: number | undefined;
  if (vocabulary) {
    // A slice at a time: a library's vocabulary is ~50,000 entries.
    const digest = new VocabularyDigest();
    for (let start = 0; start < vocabulary.length; start += DIGEST_SLICE) {
      digest.add(vocabulary.slice(start, start + DIGEST_SLICE));
      await nextTurn();
    }
    vocabularyDigest = state.vocabularyDigest = digest.value;
  }
  // Its lessons' ids, digested a slice at a time too (lessons come from the snapshot or warm-up).
  const lessons = lessonsOf(state.engine);
  const lessonsDigest = new StringsDigest();
  for (let start = 0; start < lessons.length; start += DIGEST_SLICE) {
    lessonsDigest.add(lessons.slice(start, start + DIGEST_SLICE).map((lesson) => lesson.id));
    await nextTurn();
  }
  state.lessonsDigest = lessonsDigest.value;
  send({ type: "baseline", articles: [], index: { head: saved.head, order, passageCounts: passageCountsOf(state.engine) }, ...(vocabularyDigest !== undefined && { vocabularyDigest }), lessonsDigest: state.lessonsDigest, last: false });
  for (const [i, section] of saved.sections.entries()) {
    if (gone()) return;
    await nextTurn();
    // A copy of the section alone, moved to the worker (a view would clone its whole buffer).
    const copy = section.slice();
    worker.postMessage({ type: "baseline", articles: [], section: copy, last: i === saved.sections.length - 1 } satisfies ToWorker, [copy.buffer as ArrayBuffer]);
  }
}

/** A worker's log line, written by this thread's logger at the same level. */
function relay(log: Logger, line: string): void {
  for (const text of line.split("\n")) {
    if (!text.trim()) continue;
    const { level, msg, ...fields } = JSON.parse(text) as { level: number; msg?: string };
    const label = (pino.levels.labels[level] ?? "info") as pino.Level;
    log[label](fields, msg);
  }
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}
