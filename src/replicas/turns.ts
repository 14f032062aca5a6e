/**
 * Runs something only while this replica is elected, and hands it over when it is not:
 *
 *   const turns = takeTurns({ election, start: () => connectGateway(…), log, onFailed });
 *   … await turns.stop();   // stops it (if running) and only then releases the lock
 *
 * Standby → acquire → start → (lock lost) → stop → standby again, until `stop()`. What runs is stopped
 * before the lock is given up, so two replicas never run it at once on a graceful hand-over; on a lost
 * lock it is stopped at once, since a standby may already be taking over.
 */
import type { Logger } from "../log/logger.ts";
import type { Election } from "./election.ts";

/** What only the holder runs. */
export interface Held {
  stop(): Promise<void>;
}

export interface TurnsOptions {
  election: Election;
  start(): Promise<Held>;
  log: Logger;
  /** This replica became the holder after standing by. */
  onTakeover?(): void;
  /** `start` failed: the turns end (the lock is released) and the caller decides what follows. */
  onFailed(error: unknown): void;
}

export interface Turns {
  /** Stops what runs, then releases the lock. */
  stop(): Promise<void>;
}

export function takeTurns(options: TurnsOptions): Turns {
  const { election, log } = options;
  const stopping = new AbortController();
  const stopped = new Promise<void>((resolve) => stopping.signal.addEventListener("abort", () => resolve(), { once: true }));

  const loop = async (): Promise<void> => {
    while (!stopping.signal.aborted) {
      const { takeover } = await election.acquire(stopping.signal);
      if (takeover) options.onTakeover?.();
      let lost: Error | undefined;
      let onLost: () => void = () => undefined;
      const lostPromise = new Promise<void>((resolve) => (onLost = resolve));
      const unsubscribe = election.onLost((reason) => {
        lost = reason;
        onLost();
      });
      try {
        const held = await options.start();
        // The lock may have gone while starting: then this waits for nothing and stops at once.
        await Promise.race([lostPromise, stopped]);
        if (lost) log.warn({ err: lost }, "lock lost: stopping what only the holder runs");
        await held.stop();
      } finally {
        unsubscribe();
      }
    }
  };

  const running = loop().catch(async (error: unknown) => {
    if (stopping.signal.aborted) return;
    // Let a standby try rather than sit on a lock this replica can't use.
    await election.release();
    options.onFailed(error);
  });

  return {
    async stop() {
      stopping.abort();
      await running;
      await election.release();
    },
  };
}
