/**
 * Corpus reload while running: when the watcher reports a change, the corpus is loaded again, merged
 * with what was loaded before, indexed into a new engine, and that engine is handed over whole — a
 * search sees the old index or the new one, never a mix. Reloads run one at a time, off the request path:
 * indexing yields to the event loop between slices, and the new engine is warmed up before it serves.
 * A change that arrives during a reload triggers another after it.
 *
 * A file that breaks keeps its last good version (and the log says which file and why); a file that
 * never loaded is reported and left out, as at start; a removed file is dropped. A glossary that can no
 * longer be read at all keeps the last good glossary.
 */
import { basename, join } from "node:path";
import type { Logger } from "pino";
import { loadCorpus } from "../corpus/load.ts";
import type { Article, CorpusError } from "../corpus/types.ts";
import { watchCorpus, type CorpusWatcher } from "../corpus/watch.ts";
import { byCodeUnit, corpusKey, GLOSSARY_FILE } from "../index-cache/corpus-files.ts";
import { saveSnapshotOf } from "../index-cache/open.ts";
import { buildEngine, indexArticles } from "../search/engine.ts";
import type { SearchEngine } from "../search/types.ts";
import { loadGlossary, type Glossary } from "../text/glossary.ts";
import { warmUp } from "./warm-up.ts";

/** What the running index was built from. */
export interface CorpusState {
  articles: readonly Article[];
  glossary: Glossary;
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
}

export interface ReloadOutcome {
  /** False when the files' content was the same as before (no new engine). */
  changed: boolean;
  added: string[];
  updated: string[];
  removed: string[];
  /** Files that broke after having loaded: their last good version is still served. */
  kept: CorpusError[];
  /** Files that could not be loaded and had no earlier version. */
  skipped: CorpusError[];
}

export interface Reloader {
  /** Reloads now (queued behind a running reload); resolves when this change is served. */
  reload(): Promise<ReloadOutcome>;
  close(): Promise<void>;
}

export function startReloader(options: ReloadOptions): Reloader {
  const log = options.log.child({ component: "reload" });
  const glossaryPath = join(options.corpusDir, GLOSSARY_FILE);
  let state = options.initial;
  let closed = false;

  async function reloadOnce(): Promise<ReloadOutcome> {
    const started = performance.now();
    const [corpus, glossaryRead] = await Promise.all([loadCorpus(options.corpusDir), loadGlossary(glossaryPath)]);
    const previous = new Map(state.articles.map((a) => [corpusKey(options.corpusDir, a.path), a]));
    const loaded = new Map(corpus.articles.map((a) => [corpusKey(options.corpusDir, a.path), a]));
    const outcome: ReloadOutcome = { changed: false, added: [], updated: [], removed: [], kept: [], skipped: [] };

    for (const error of corpus.errors) {
      const name = corpusKey(options.corpusDir, error.path);
      const last = previous.get(name);
      // A notice (a file emptied or marked draft on purpose) withdraws the article rather than keeping it.
      if (last && !error.notice) {
        loaded.set(name, last);
        outcome.kept.push(error);
        log.warn({ path: error.path, reason: error.reason }, "corpus file broken; keeping its last good version");
      } else {
        outcome.skipped.push(error);
        log.warn({ path: error.path, reason: error.reason }, "corpus file skipped");
      }
    }
    for (const [name, article] of loaded) {
      const before = previous.get(name);
      if (!before) outcome.added.push(name);
      else if (before.hash !== article.hash) outcome.updated.push(name);
    }
    for (const name of previous.keys()) if (!loaded.has(name)) outcome.removed.push(name);

    let glossary = glossaryRead.glossary;
    for (const problem of glossaryRead.problems) log.warn({ path: glossaryPath, reason: problem }, "glossary entry skipped");
    // Nothing usable in a glossary that had entries: a broken save, not an emptied file.
    if (glossary.entries.length === 0 && glossaryRead.problems.length > 0 && state.glossary.entries.length > 0) {
      glossary = state.glossary;
      log.warn({ path: glossaryPath }, "glossary unusable; keeping its last good version");
    }
    const glossaryChanged = JSON.stringify(glossary) !== JSON.stringify(state.glossary);

    if (!glossaryChanged && outcome.added.length + outcome.updated.length + outcome.removed.length === 0) {
      log.debug("corpus unchanged");
      return outcome;
    }
    const articles = [...loaded.keys()].sort(byCodeUnit).map((name) => loaded.get(name)!);
    // Indexing yields to the event loop between slices: the current engine keeps answering meanwhile.
    const indexed = await indexArticles(articles, { glossary });
    if (closed) return outcome;
    const engine = buildEngine(articles, { glossary, indexed });
    const warm = warmUp(engine);
    if (closed) return outcome;
    options.swap(engine);
    state = { articles, glossary };
    outcome.changed = true;
    log.info(
      {
        articles: articles.length,
        passages: engine.passages().length,
        added: outcome.added,
        updated: outcome.updated,
        removed: outcome.removed,
        glossary: glossaryChanged,
        warmUpMs: warm.ms,
        ms: Math.round(performance.now() - started),
      },
      "corpus reloaded",
    );
    // A snapshot must match the files exactly; an index that keeps an old version of a broken file doesn't.
    if (options.snapshotDir !== false && outcome.kept.length === 0 && glossary === glossaryRead.glossary) {
      await saveSnapshotOf(options.snapshotDir, options.corpusDir, { engine, articles, glossary, errors: [...outcome.skipped, ...glossaryErrors(glossaryPath, glossaryRead.problems)] }, log);
    }
    return outcome;
  }

  // Reloads run one after another; calls while one is waiting to start share it (it will see their change).
  let tail: Promise<unknown> = Promise.resolve();
  let waiting: Promise<ReloadOutcome> | undefined;
  function reload(): Promise<ReloadOutcome> {
    if (waiting) return waiting;
    const next = tail.then(() => {
      waiting = undefined;
      return reloadOnce();
    });
    waiting = next;
    tail = next.catch(() => undefined);
    return next;
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
    },
  };
}

function glossaryErrors(path: string, problems: readonly string[]): CorpusError[] {
  return problems.map((reason) => ({ path, reason }));
}
