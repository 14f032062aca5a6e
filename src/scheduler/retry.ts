import { RateLimitedError } from "../reply/publisher.ts";

export interface RetryPolicy {
  /** Send attempts per post in all (across restarts too). */
  maxAttempts: number;
  /** First backoff; it doubles per attempt up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A platform's Retry-After is honoured up to this. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 2_000,
  maxDelayMs: 120_000,
  maxRetryAfterMs: 3_600_000,
};

/** How long to wait after failed attempt number `attempt` (1-based). */
export function retryDelay(error: unknown, attempt: number, policy: RetryPolicy): number {
  if (error instanceof RateLimitedError) {
    return Math.min(Math.max(0, error.retryAfterMs), policy.maxRetryAfterMs);
  }
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}
