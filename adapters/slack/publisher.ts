/**
 * How core code (daily lessons) posts to a Slack channel. Its Web API client does not retry: on HTTP 429
 * it throws `RateLimitedError` at once so the scheduler, which owns retries and exactly-once posting,
 * decides when to try again.
 */
import { webApi } from "@slack/bolt";
import type { Publisher, PublishOptions } from "../../src/reply/publisher.ts";
import type { Reply } from "../../src/reply/types.ts";
import { renderReply } from "./render/blocks.ts";
import { POST_OPTIONS } from "./deliver.ts";
import { asRateLimit } from "./transient.ts";

/** Message metadata type that carries a post's reference (see `findPublished`). */
const REF_EVENT_TYPE = "lessonbot_post";
/** Slack's clock and ours may differ a little: look this much further back. */
const CLOCK_SKEW_S = 120;

export class SlackPublisher implements Publisher {
  readonly platform = "slack" as const;

  constructor(private readonly client: webApi.WebClient) {}

  /** A publisher with its own client: same token and API URL, no automatic retries. */
  static create(botToken: string, options: webApi.WebClientOptions = {}): SlackPublisher {
    return new SlackPublisher(directClient(botToken, options));
  }

  async publish(channelId: string, reply: Reply, options: PublishOptions = {}): Promise<void> {
    const metadata = options.ref === undefined ? {} : { metadata: { event_type: REF_EVENT_TYPE, event_payload: { ref: options.ref } } };
    try {
      await this.client.chat.postMessage({ ...POST_OPTIONS, ...renderReply(reply), ...metadata, channel: channelId });
    } catch (error) {
      throw asRateLimit(error) ?? error;
    }
  }

  /**
   * Looks for a message carrying `ref` in the channel's history since `since` (channels:history). A
   * channel whose history the bot may not read (e.g. posted to via chat:write.public) can't tell.
   */
  async findPublished(channelId: string, ref: string, since: Date): Promise<boolean | undefined> {
    try {
      const oldest = String(Math.floor(since.getTime() / 1000) - CLOCK_SKEW_S);
      for await (const page of this.client.paginate("conversations.history", { channel: channelId, oldest, include_all_metadata: true, limit: 200 })) {
        const messages = (page as { messages?: { metadata?: { event_type?: string; event_payload?: { ref?: unknown } } }[] }).messages ?? [];
        if (messages.some((m) => m.metadata?.event_type === REF_EVENT_TYPE && m.metadata.event_payload?.ref === ref)) return true;
      }
      return false;
    } catch {
      return undefined;
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
