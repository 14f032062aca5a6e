/**
 * Time as the scheduler sees it. Production uses the system clock; tests pass a clock they move by
 * hand, so nothing waits for real time and nothing depends on a timer firing at an exact moment.
 */
export interface Clock {
  now(): Date;
  /** Resolves after `ms`, or early (without error) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `fn` at (or after) `at`; returns a cancel function. */
  wakeAt(at: Date, fn: () => void): () => void;
}

/** setTimeout's ceiling (~24.8 days); the scheduler never asks for more than an hour anyway. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export function systemClock(now: () => Date = () => new Date()): Clock {
  return {
    now,
    sleep(ms, signal) {
      return new Promise((resolve) => {
        if (signal?.aborted) return resolve();
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(Math.max(0, ms), MAX_TIMEOUT_MS));
        signal?.addEventListener("abort", done, { once: true });
      });
    },
    wakeAt(at, fn) {
      const timer = setTimeout(fn, Math.min(Math.max(0, at.getTime() - now().getTime()), MAX_TIMEOUT_MS));
      // The adapters' sockets keep the bot alive; a pending lesson alone should not block an exit.
      timer.unref();
      return () => clearTimeout(timer);
    },
  };
}
