/**
 * How core code (daily lessons) posts to a Slack channel. Its Web API client does not retry: on HTTP 429
 * it throws `RateLimitedError` at once so the scheduler, which owns retries and exactly-once posting,
 * decides when to try again.
 */
import { webApi } from "@slack/bolt";
import type { Publisher } from "../../src/reply/publisher.ts";
import { RateLimitedError } from "../../src/reply/publisher.ts";
import type { Reply } from "../../src/reply/types.ts";
import { renderReply } from "./render/blocks.ts";
import { POST_OPTIONS, slackErrorCode } from "./deliver.ts";

/** When Slack says `ratelimited` without a Retry-After, wait this long (Slack's limits are per minute). */
const DEFAULT_RETRY_AFTER_MS = 30_000;

export class SlackPublisher implements Publisher {
  readonly platform = "slack" as const;

  constructor(private readonly client: webApi.WebClient) {}

  /** A publisher with its own client: same token and API URL, no automatic retries. */
  static create(botToken: string, options: webApi.WebClientOptions = {}): SlackPublisher {
    const client = new webApi.WebClient(botToken, {
      ...options,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    return new SlackPublisher(client);
  }

  async publish(channelId: string, reply: Reply): Promise<void> {
    try {
      await this.client.chat.postMessage({ ...POST_OPTIONS, ...renderReply(reply), channel: channelId });
    } catch (error) {
      throw asRateLimit(error) ?? error;
    }
  }
}

function asRateLimit(error: unknown): RateLimitedError | undefined {
  const e = error as { code?: unknown; retryAfter?: unknown; statusCode?: unknown } | undefined;
  if (e?.code === webApi.ErrorCode.RateLimitedError) {
    const seconds = typeof e.retryAfter === "number" && e.retryAfter >= 0 ? e.retryAfter : undefined;
    return new RateLimitedError(seconds === undefined ? DEFAULT_RETRY_AFTER_MS : seconds * 1000);
  }
  if (e?.statusCode === 429 || slackErrorCode(error) === "ratelimited") return new RateLimitedError(DEFAULT_RETRY_AFTER_MS);
  return undefined;
}
