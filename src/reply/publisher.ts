import type { Reply } from "./types.ts";
import type { Platform } from "../commands/types.ts";

/**
 * How core code (the daily scheduler, shares) posts to a channel without knowing the platform.
 * Each adapter supplies one.
 */
export interface Publisher {
  readonly platform: Platform;
  /** Posts `reply` in the channel. Throws `RateLimitedError` on HTTP 429, any other error on failure. */
  publish(channelId: string, reply: Reply): Promise<void>;
}

/** The platform said 429; try again after `retryAfterMs`. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`rate limited; retry after ${retryAfterMs} ms`);
    this.name = "RateLimitedError";
  }
}
