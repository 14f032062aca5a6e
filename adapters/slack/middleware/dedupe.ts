/**
 * Slack re-delivers an event it thinks we missed (HTTP: `X-Slack-Retry-Num`; Socket Mode: `retry_attempt`),
 * and one message can arrive as two events (`app_mention` + `message.channels`). Bolt acks events before
 * listeners run, so a retry can't be stopped at the door: this middleware drops any event whose id it has
 * already seen, before a listener can answer it again.
 */
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "../../../src/log/logger.ts";
import { TtlCache } from "../ttl-cache.ts";

/** Slack retries for up to ~5 minutes (immediately, after 1 min, after 5 min). */
const SEEN_FOR_MS = 15 * 60_000;
const MAX_REMEMBERED = 10_000;

export class SeenSet {
  readonly #seen = new TtlCache<true>(SEEN_FOR_MS, MAX_REMEMBERED);

  /** True the first time `key` is offered within the window, false afterwards. */
  first(key: string): boolean {
    return this.#seen.addIfAbsent(key, true);
  }
}

export function dedupeEvents(seen: SeenSet, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = (body as { type?: unknown; event_id?: unknown }).type === "event_callback"
      ? (body as { event_id?: unknown }).event_id
      : undefined;
    if (typeof eventId === "string" && !seen.first(`event:${eventId}`)) {
      log.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, "duplicate event dropped");
      return;
    }
    await next();
  };
}
