/**
 * The composition root of the platform-neutral bot: corpus → engine, store, daily lessons, command layer.
 * Adapters, the console, the CLI's long-running modes, benchmarks and tests all get a bot from here.
 */
import type { Logger } from "pino";
import type { CommandLayer, Locale } from "../commands/types.ts";
import type { CommandDeps } from "../commands/command.ts";
import type { SearchEngine } from "../search/types.ts";
import type { Store } from "../store/types.ts";
import { createCommandLayer, type CommandEvent } from "../commands/layer.ts";
import { pickLocale } from "../i18n/index.ts";
import { openEngine } from "../search/open.ts";
import { openSqliteStore } from "../store/sqlite-store.ts";
import { DailyLessons } from "../scheduler/daily-lessons.ts";

export interface CoreOptions {
  corpusDir: string;
  /** SQLite file; its directory is created if missing. */
  dbPath: string;
  log: Logger;
  /** Reply language when the platform gives no locale. */
  defaultLocale?: Locale;
  /** The clock (tests control it). */
  now?: () => Date;
  onCommand?: (event: CommandEvent) => void;
}

export interface Core {
  commands: CommandLayer;
  /** The current engine; throws before `ready` resolves. */
  engine(): SearchEngine;
  store: Store;
  daily: DailyLessons;
  /** Resolves once the index is built (or loaded); rejects if the corpus cannot be read at all. */
  ready: Promise<void>;
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
  const store = openSqliteStore(options.dbPath);
  let current: SearchEngine | undefined;

  const engine = (): SearchEngine => {
    if (!current) throw new Error("the index is not loaded yet");
    return current;
  };
  const daily = new DailyLessons({ store, engine, now, log, defaultLocale: fallback });
  const deps: CommandDeps = {
    engine,
    store,
    daily,
    locale: (ctx) => pickLocale(ctx.locale, fallback),
    now,
  };
  const commands = createCommandLayer(deps, { isReady: () => current !== undefined, onCommand: options.onCommand });

  const ready = (async () => {
    const { engine: built, errors } = await openEngine(options.corpusDir, log);
    for (const error of errors) log.warn({ path: error.path, reason: error.reason }, "corpus file skipped");
    current = built;
    log.info({ articles: built.articles().length, passages: built.passages().length }, "index ready");
  })();
  // Callers await `ready`; this keeps an early failure from being reported as unhandled as well.
  ready.catch(() => undefined);

  return {
    commands,
    engine,
    store,
    daily,
    ready,
    isReady: () => current !== undefined,
    async close() {
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
