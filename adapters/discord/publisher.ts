/**
 * How core code (daily lessons) posts to a Discord channel: `POST /channels/{id}/messages`.
 *
 * It has its own REST manager that never waits out a 429 (`rejectOnRateLimit` for every route): discord.js
 * would otherwise queue and retry silently, while the scheduler owns retries and exactly-once posting. So a
 * 429 (or a bucket known to be exhausted) is thrown at once as `RateLimitedError` with Discord's Retry-After.
 */
import { REST, RateLimitError, Routes } from "discord.js";
import type { Publisher } from "../../src/reply/publisher.ts";
import { RateLimitedError } from "../../src/reply/publisher.ts";
import type { Reply } from "../../src/reply/types.ts";
import { renderReply } from "./render/message.ts";

/** When Discord gives no usable Retry-After (it always should), wait this long. */
const DEFAULT_RETRY_AFTER_MS = 5_000;

export interface PublisherOptions {
  token: string;
  /** REST base without the version, e.g. `http://127.0.0.1:1234/api`. Default: Discord's. */
  apiUrl?: string;
}

export class DiscordPublisher implements Publisher {
  readonly platform = "discord" as const;

  constructor(private readonly rest: REST) {}

  static create(options: PublisherOptions): DiscordPublisher {
    const rest = new REST({
      ...(options.apiUrl !== undefined && { api: options.apiUrl }),
      rejectOnRateLimit: () => true,
      // Network errors and 5xx: the scheduler retries too, and knows whether a post may have gone out.
      retries: 0,
    }).setToken(options.token);
    return new DiscordPublisher(rest);
  }

  async publish(channelId: string, reply: Reply): Promise<void> {
    try {
      await this.rest.post(Routes.channelMessages(channelId), { body: renderReply(reply) });
    } catch (error) {
      if (error instanceof RateLimitError) {
        const wait = error.retryAfter > 0 ? error.retryAfter : error.timeToReset > 0 ? error.timeToReset : DEFAULT_RETRY_AFTER_MS;
        throw new RateLimitedError(Math.ceil(wait));
      }
      throw error;
    }
  }

  /** Drops queued requests and timers (shutdown). */
  close(): void {
    this.rest.clearHashSweeper();
    this.rest.clearHandlerSweeper();
  }
}
