/**
 * How core code (daily lessons) posts to a Discord channel: `POST /channels/{id}/messages`.
 *
 * It has its own REST manager that never waits out a 429 (`rejectOnRateLimit` for every route): discord.js
 * would otherwise queue and retry silently, while the scheduler owns retries and exactly-once posting. So a
 * 429 (or a bucket known to be exhausted) is thrown at once as `RateLimitedError` with Discord's Retry-After.
 *
 * A post with a `ref` (a daily lesson) is made safe to send again in two ways, because Discord offers two
 * half-answers:
 * - `nonce` (derived from the ref) with `enforce_nonce`: for a few minutes Discord returns the message it
 *   already created instead of a second one. That covers a retry after a cut-off request (the scheduler's
 *   own backoff). But the window is short and the nonce is not kept: fetched messages don't carry it.
 * - a short mark in the embed footer (also derived from the ref), which `findPublished` looks for among
 *   the bot's own recent messages in the channel. That covers a replica taking over after a lease of
 *   several minutes, when the nonce may have lapsed.
 */
import { createHash } from "node:crypto";
import { REST, RateLimitError, Routes, type APIMessage, type APIUser } from "discord.js";
import type { Publisher, PublishOptions } from "../../src/reply/publisher.ts";
import { RateLimitedError } from "../../src/reply/publisher.ts";
import type { Reply } from "../../src/reply/types.ts";
import { renderReply } from "./render/message.ts";

/** When Discord gives no usable Retry-After (it always should), wait this long. */
const DEFAULT_RETRY_AFTER_MS = 5_000;
/** Discord's clock and ours may differ a little: look this much further back. */
const CLOCK_SKEW_MS = 120_000;
/** Messages per history page (Discord's maximum). */
const PAGE = 100;
/** History pages read at most: a channel this busy since the claim can't be searched cheaply; say "can't tell". */
const MAX_PAGES = 10;
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

export interface PublisherOptions {
  token: string;
  /** REST base without the version, e.g. `http://127.0.0.1:1234/api`. Default: Discord's. */
  apiUrl?: string;
}

/** What a ref becomes on Discord: the request's nonce and the footer mark a fetched message shows. */
export interface RefTags {
  /** ≤ 25 characters, as Discord requires. */
  nonce: string;
  /** Shown at the end of the footer: short, but unique enough among one channel's recent posts. */
  mark: string;
}

export function refTags(ref: string): RefTags {
  const digest = createHash("sha256").update(ref).digest("base64url").replace(/[-_]/g, "");
  return { nonce: `lb${digest.slice(0, 23)}`, mark: `#${digest.slice(0, 8)}` };
}

export class DiscordPublisher implements Publisher {
  readonly platform = "discord" as const;
  #botId: Promise<string> | undefined;

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

  async publish(channelId: string, reply: Reply, options: PublishOptions = {}): Promise<void> {
    const tags = options.ref === undefined ? undefined : refTags(options.ref);
    // The mark goes into the reply's footer before rendering, so the render budgets it with the rest.
    const marked = tags ? { ...reply, footer: reply.footer ? `${reply.footer} · ${tags.mark}` : tags.mark } : reply;
    const body = { ...renderReply(marked), ...(tags && { nonce: tags.nonce, enforce_nonce: true }) };
    try {
      await this.rest.post(Routes.channelMessages(channelId), { body });
    } catch (error) {
      if (error instanceof RateLimitError) {
        const wait = error.retryAfter > 0 ? error.retryAfter : error.timeToReset > 0 ? error.timeToReset : DEFAULT_RETRY_AFTER_MS;
        throw new RateLimitedError(Math.ceil(wait));
      }
      throw error;
    }
  }

  /**
   * Looks for the bot's own message carrying `ref`'s footer mark in the channel since `since`
   * (needs Read Message History). Anything that stops the search (no access, rate limit, a channel too
   * busy to read through) means "can't tell".
   */
  async findPublished(channelId: string, ref: string, since: Date): Promise<boolean | undefined> {
    const { mark } = refTags(ref);
    try {
      const botId = await this.#ownId();
      let after = snowflakeAt(since.getTime() - CLOCK_SKEW_MS);
      for (let page = 0; page < MAX_PAGES; page++) {
        const query = new URLSearchParams({ after, limit: String(PAGE) });
        const messages = (await this.rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
        if (messages.some((m) => m.author.id === botId && m.embeds.some((e) => e.footer?.text.endsWith(mark)))) return true;
        if (messages.length < PAGE) return false;
        // Pages come newest first; the next starts after the newest seen.
        after = messages.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
      }
      return undefined;
    } catch {
      return undefined;
    }
  }

  /** Drops queued requests and timers (shutdown). */
  close(): void {
    this.rest.clearHashSweeper();
    this.rest.clearHandlerSweeper();
  }

  /** The bot's user id: messages by others (say, a user quoting the footer) don't count. */
  #ownId(): Promise<string> {
    this.#botId ??= (this.rest.get(Routes.user()) as Promise<APIUser>).then((user) => user.id);
    // A failed look-up is not remembered: the next call asks again.
    this.#botId.catch(() => (this.#botId = undefined));
    return this.#botId;
  }
}

/** The smallest snowflake of a moment: `after` it means "created at or after then". */
function snowflakeAt(ms: number): string {
  const since = BigInt(Math.max(0, Math.floor(ms))) - DISCORD_EPOCH_MS;
  return ((since > 0n ? since : 0n) << 22n).toString();
}
