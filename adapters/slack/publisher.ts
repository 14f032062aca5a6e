/**
 * How core code (daily lessons) posts to a Slack channel. Its Web API client does not retry: on HTTP 429
 * it throws `RateLimitedError` at once so the scheduler, which owns retries and exactly-once posting,
 * decides when to try again.
 */
import { webApi } from "@slack/bolt";
import type { Publisher } from "../../src/reply/publisher.ts";
import type { Reply } from "../../src/reply/types.ts";
import { renderReply } from "./render/blocks.ts";
import { POST_OPTIONS } from "./deliver.ts";
import { asRateLimit } from "./transient.ts";

export class SlackPublisher implements Publisher {
  readonly platform = "slack" as const;

  constructor(private readonly client: webApi.WebClient) {}

  /** A publisher with its own client: same token and API URL, no automatic retries. */
  static create(botToken: string, options: webApi.WebClientOptions = {}): SlackPublisher {
    return new SlackPublisher(directClient(botToken, options));
  }

  async publish(channelId: string, reply: Reply): Promise<void> {
    try {
      await this.client.chat.postMessage({ ...POST_OPTIONS, ...renderReply(reply), channel: channelId });
    } catch (error) {
      throw asRateLimit(error) ?? error;
    }
  }
}

/**
 * A Web API client that never retries or queues on its own: a 429 is thrown at once (`rejectRateLimitedCalls`)
 * so the caller's retry policy — the scheduler's, or the reply window's (src/net/retry.ts) — decides.
 */
export function directClient(botToken: string, options: webApi.WebClientOptions = {}): webApi.WebClient {
  return new webApi.WebClient(botToken, { ...options, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
}
