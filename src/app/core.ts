/**
 * The composition root of the platform-neutral bot: corpus → engine, store, daily lessons, command layer.
 * Adapters, the console, the CLI's long-running modes, benchmarks and tests all get a bot from here.
 */
import { dirname } from "node:path";
import type { Logger } from "pino";
import type { CommandLayer, Locale } from "../commands/types.ts";
import type { CommandDeps } from "../commands/command.ts";
import type { SearchEngine } from "../search/types.ts";
import type { Store } from "../store/types.ts";
import { createCommandLayer, type CommandEvent } from "../commands/layer.ts";
import { pickLocale } from "../i18n/index.ts";
import { openEngine } from "../search/open.ts";
import { startReloader, type Reloader } from "./reload.ts";
import { warmUp, warmUpAhead } from "./warm-up.ts";
import { openStore } from "../store/open.ts";
import { DailyLessons } from "../scheduler/daily-lessons.ts";
import { DEFAULT_HISTORY_DAYS, type HistoryStore } from "../store/history.ts";
import { startPruning } from "../store/retention.ts";

export interface CoreOptions {
  corpusDir: string;
  /** SQLite file; its directory is created if missing. */
  dbPath: string;
  /** postgres://… = the shared PostgreSQL store instead of `dbPath` (several replicas). */
  databaseUrl?: string;
  /** How long a daily post's claim holds without renewal before another replica may take it over. */
  dailyLeaseMs?: number;
  log: Logger;
  /** Reply language when the platform gives no locale. */
  defaultLocale?: Locale;
  /** The clock (tests control it). */
  now?: () => Date;
  onCommand?: (event: CommandEvent) => void;
  /**
   * Folder for index snapshots, so a restart with an unchanged corpus skips indexing. Default: the
   * database's folder (`data/`); `false` = always build.
   */
  snapshotDir?: string | false;
  /** Reload the corpus when its files change (default off). */
  watch?: boolean | { debounceMs?: number; pollMs?: number };
  /** Build suggestions and lessons before serving (default on; see warm-up.ts). */
  warmUp?: boolean;
  /** Days of question history kept for reports (`HISTORY_DAYS`, default 90); older history is deleted. */
  historyDays?: number;
}

export interface Core {
  commands: CommandLayer;
  /** The current engine; throws before `ready` resolves. */
  engine(): SearchEngine;
  store: Store;
  /** Question log and usage figures (`/lesson stats`, `cli report`). */
  history: HistoryStore;
  daily: DailyLessons;
  /** Resolves once the index is built (or loaded); rejects if the corpus cannot be read at all. */
  ready: Promise<void>;
  /** Resolves once the database is connected and migrated; rejects if it can't be reached (start-up says so). */
  storeReady: Promise<void>;
  isReady(): boolean;
  close(): Promise<void>;
}

/**
 * Starts a core and loads the index in the background, so a server can answer health checks
 * (and "still loading" notices) while it loads. Await `core.ready` before relying on answers.
 */
export function startCore(options: CoreOptions): Core {
  const { log } = options;
  const now = options.now ?? (() => new Date());
  const fallback = options.defaultLocale ?? "zh";
  const { store, ready: storeReady } = openStore({ path: options.dbPath, url: options.databaseUrl, log });
  let current: SearchEngine | undefined;

  const engine = (): SearchEngine => {
    if (!current) throw new Error("the index is not loaded yet");
    return current;
  };
  const daily = new DailyLessons({
    store,
    engine,
    now,
    log,
    defaultLocale: fallback,
    ...(options.dailyLeaseMs !== undefined && { leaseMs: options.dailyLeaseMs }),
  });
  const historyDays = options.historyDays ?? DEFAULT_HISTORY_DAYS;
  const pruner = startPruning(store, historyDays, log, now);
  const deps: CommandDeps = {
    engine,
    store,
    history: store,
    historyDays,
    daily,
    locale: (ctx) => pickLocale(ctx.locale, fallback),
    now,
  };
  const commands = createCommandLayer(deps, { isReady: () => current !== undefined, onCommand: options.onCommand });

  const snapshotDir = options.snapshotDir ?? (options.dbPath === ":memory:" ? false : dirname(options.dbPath));
  let reloader: Reloader | undefined;
  let closed = false;
  const ready = (async () => {
    if (options.warmUp !== false) warmUpAhead();
    // A database that can't be reached (or migrated) stops start-up here, with its own message.
    await storeReady;
    const opened = await openEngine(options.corpusDir, log, { snapshotDir });
    // Until ready, requests get a "still loading" answer instead of waiting behind lazy first-use work.
    const warm = options.warmUp === false ? undefined : warmUp(opened.engine);
    current = opened.engine;
    log.info(
      { articles: current.articles().length, passages: current.passages().length, source: opened.source, warmUpMs: warm?.ms },
      "index ready",
    );
    if (options.watch && !closed) {
      const timing = typeof options.watch === "object" ? options.watch : {};
      reloader = startReloader({
        corpusDir: options.corpusDir,
        log,
        initial: { articles: current.articles(), glossary: opened.glossary, engine: current },
        swap: (engine) => {
          current = engine;
        },
        snapshotDir,
        ...timing,
      });
    }
  })();
  // Callers await `ready`; this keeps an early failure from being reported as unhandled as well.
  ready.catch(() => undefined);

  return {
    commands,
    engine,
    store,
    history: store,
    daily,
    ready,
    storeReady,
    isReady: () => current !== undefined,
    async close() {
      closed = true;
      pruner.stop();
      await reloader?.close();
      await daily.stop();
      await store.close();
    },
  };
}

/** A core whose index is loaded. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const core = startCore(options);
  await core.ready;
  return core;
}
