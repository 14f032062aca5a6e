/**
 * What one command module (one file per command in this folder) looks like, and what it may use.
 */
import type { Invocation, CommandContext, Locale } from "./types.ts";
import type { Reply } from "../reply/types.ts";
import type { SearchEngine } from "../search/types.ts";
import type { Store } from "../store/types.ts";
import type { DailyService } from "../scheduler/types.ts";
import type { HistoryStore } from "../store/history.ts";

export interface CommandDeps {
  /** The current engine (corpus reload swaps it whole). */
  engine(): SearchEngine;
  store: Store;
  daily: DailyService;
  /** Question log and usage figures for reports; absent = nothing is logged and `/lesson stats` says so. */
  history?: HistoryStore;
  /** How many days history is kept (said under `/lesson stats`). */
  historyDays?: number;
  /** Reply language for this context (platform locale, else the configured default). */
  locale(ctx: CommandContext): Locale;
  now(): Date;
}

export interface Command<N extends Invocation["name"] = Invocation["name"]> {
  name: N;
  handle(invocation: Extract<Invocation, { name: N }>, ctx: CommandContext, deps: CommandDeps): Promise<Reply>;
}
