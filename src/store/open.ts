/**
 * Which store the bot runs on: PostgreSQL when DATABASE_URL is a postgres:// URL (several replicas share
 * it), else the SQLite file at DATABASE_PATH (one machine; no server needed).
 */
import type { Logger } from "pino";
import type { Store } from "./types.ts";
import type { HistoryStore } from "./history.ts";
import { openSqliteStore } from "./sqlite-store.ts";
import { openPostgresStore } from "./postgres/store.ts";
import { isPostgresUrl } from "./postgres/url.ts";

export interface StoreOptions {
  /** SQLite file (created with its directory if missing). */
  path: string;
  /** postgres://… = use PostgreSQL instead of `path`. */
  url?: string;
  log?: Logger;
}

export interface OpenedStore {
  store: Store & HistoryStore;
  /** Resolves once the store is usable (connected, migrated); a SQLite store is ready at once. */
  ready: Promise<void>;
}

export function openStore(options: StoreOptions): OpenedStore {
  if (isPostgresUrl(options.url)) {
    const { log } = options;
    const store = openPostgresStore({
      url: options.url,
      onError: (error) => log?.warn({ err: error }, "PostgreSQL connection lost; the pool reconnects on the next query"),
    });
    return { store, ready: store.ready };
  }
  return { store: openSqliteStore(options.path), ready: Promise.resolve() };
}
