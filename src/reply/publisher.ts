import type { Reply } from "./types.ts";
import type { Platform } from "../commands/types.ts";

/**
 * How core code (the daily scheduler, shares) posts to a channel without knowing the platform.
 * Each adapter supplies one.
 */
export interface Publisher {
  readonly platform: Platform;
  /** Posts `reply` in the channel. Throws `RateLimitedError` on HTTP 429, any other error on failure. */
  publish(channelId: string, reply: Reply, options?: PublishOptions): Promise<void>;
  /**
   * Whether a post published with `ref` (since `since`) is in the channel: lets a replica that takes
   * over a send whose owner died mid-request tell "went out" from "never arrived". Absent, or
   * `undefined`, = the platform can't tell; the scheduler then never resends (twice is worse than none).
   */
  findPublished?(channelId: string, ref: string, since: Date): Promise<boolean | undefined>;
}

export interface PublishOptions {
  /** A stable reference the platform keeps with the message, for `findPublished`. */
  ref?: string;
}

/** The platform said 429; try again after `retryAfterMs`. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`rate limited; retry after ${retryAfterMs} ms`);
    this.name = "RateLimitedError";
  }
}
