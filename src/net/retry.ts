/**
 * Retrying a send that may fail for a while: 429 (waiting out Retry-After), 5xx and network errors are
 * tried again with exponential backoff until the attempts run out or the next try would land past a
 * deadline (a platform's reply window). Anything else fails at once. The delays come from the scheduler's
 * policy (`retryDelay`), so interactive replies and daily posts back off the same way.
 */
import { retryDelay, type RetryPolicy } from "../scheduler/retry.ts";

export type { RetryPolicy };

export interface RetryOptions {
  policy: RetryPolicy;
  /** Epoch ms after which no attempt starts (e.g. response_url's 30 minutes). */
  deadline: number;
  /** Whether a failure is worth another try (429, 5xx, network). */
  transient(error: unknown): boolean;
  /** Told before each wait, for logs and metrics. */
  onRetry?(info: { attempt: number; delayMs: number; error: unknown }): void;
  now?(): number;
  sleep?(ms: number): Promise<void>;
}

/** A send given up on; `cause` is the last failure. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly attempts: number,
    override readonly cause: unknown,
    readonly reason: "attempts" | "deadline",
  ) {
    super(`gave up after ${attempts} attempt${attempts === 1 ? "" : "s"} (${reason === "deadline" ? "reply window over" : "out of attempts"}): ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "RetriesExhaustedError";
  }
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withRetry<T>(send: () => Promise<T>, options: RetryOptions): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!options.transient(error)) throw error;
      if (attempt >= options.policy.maxAttempts) throw new RetriesExhaustedError(attempt, error, "attempts");
      const delayMs = retryDelay(error, attempt, options.policy);
      if (now() + delayMs > options.deadline) throw new RetriesExhaustedError(attempt, error, "deadline");
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}
