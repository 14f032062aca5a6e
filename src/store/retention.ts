/**
 * Expiring history: at start and then every few hours, questions, remembered queries and votes older than
 * the retention period are deleted (see history.ts for what is kept). Timers are unref'd, so pruning
 * never keeps a process alive.
 */
import type { Logger } from "pino";
import type { HistoryStore } from "./history.ts";

const DAY_MS = 86_400_000;
const EVERY_MS = 6 * 3_600_000;

export interface Pruner {
  /** Prunes now (also what the timer runs); resolves with what was deleted. */
  prune(): Promise<void>;
  stop(): void;
}

export function startPruning(history: HistoryStore, days: number, log: Logger, now: () => Date = () => new Date()): Pruner {
  let running: Promise<void> | undefined;
  const prune = (): Promise<void> => {
    running ??= (async () => {
      try {
        const before = new Date(now().getTime() - days * DAY_MS);
        const removed = await history.pruneHistory(before);
        if (removed.queries + removed.remembered + removed.feedback > 0) log.info({ ...removed, days }, "expired old history");
      } catch (error) {
        log.warn({ err: error }, "could not expire old history");
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  void prune();
  const timer = setInterval(() => void prune(), EVERY_MS);
  timer.unref();
  return {
    prune,
    stop: () => clearInterval(timer),
  };
}
