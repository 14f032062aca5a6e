/**
 * Slack re-delivers an event it thinks we missed (HTTP: `X-Slack-Retry-Num`; Socket Mode: `retry_attempt`),
 * a proxy or a replay can deliver a slash command or button press twice (same `trigger_id`), and one
 * message can arrive as two events (`app_mention` + `message.channels`). With several replicas each copy
 * may reach a different process, so "seen" is decided in the shared store: the first process to claim an
 * id answers, every other copy is dropped (and acked) before a listener can answer it again.
 */
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "../../../src/log/logger.ts";
import type { Store } from "../../../src/store/types.ts";
import { TtlCache } from "../ttl-cache.ts";

/** Slack retries for up to ~5 minutes (immediately, after 1 min, after 5 min); replays are refused after 5. */
const SEEN_FOR_MS = 15 * 60_000;
const MAX_REMEMBERED = 10_000;

/** The store's part in de-duplication: a shared "first one wins" on delivery ids. */
export type DeliveryClaims = Pick<Store, "claimDelivery">;

export class SeenSet {
  /** What this process already answered or dropped: repeats it sees itself cost no round trip. */
  readonly #local = new TtlCache<true>(SEEN_FOR_MS, MAX_REMEMBERED);
  readonly #shared: DeliveryClaims | undefined;
  readonly #log: Logger | undefined;
  readonly #now: () => Date;

  /** Without `shared`, "first" means first in this process only (one replica). */
  constructor(shared?: DeliveryClaims, options: { log?: Logger; now?: () => Date } = {}) {
    this.#shared = shared;
    this.#log = options.log;
    this.#now = options.now ?? (() => new Date());
  }

  /** True for the first offer of `key` within the window (across every process sharing the store). */
  async first(key: string): Promise<boolean> {
    if (!this.#local.addIfAbsent(key, true)) return false;
    if (!this.#shared) return true;
    const now = this.#now();
    try {
      return await this.#shared.claimDelivery(key, now, new Date(now.getTime() + SEEN_FOR_MS));
    } catch (error) {
      // The database is away: answering (maybe twice) beats never answering.
      this.#log?.warn({ err: error, key }, "could not claim a Slack delivery id in the store; answering anyway");
      return true;
    }
  }
}

/** The id that makes a request the same request: an event's `event_id`, an interaction's `trigger_id`. */
function deliveryId(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { type, event_id: eventId, trigger_id: triggerId } = body as { type?: unknown; event_id?: unknown; trigger_id?: unknown };
  if (type === "event_callback") return typeof eventId === "string" && eventId !== "" ? `event:${eventId}` : undefined;
  return typeof triggerId === "string" && triggerId !== "" ? `trigger:${triggerId}` : undefined;
}

export function dedupeEvents(seen: SeenSet, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { body, context, next } = args;
    const id = deliveryId(body);
    if (id !== undefined && !(await seen.first(id))) {
      const what = id.startsWith("event:") ? "event" : "command or action";
      log.info({ deliveryId: id, retryNum: context.retryNum, retryReason: context.retryReason }, `duplicate ${what} dropped`);
      // Events are acked by Bolt already; a repeated command or action still needs its (empty) ack.
      if ("ack" in args && typeof args.ack === "function") await (args.ack as () => Promise<void>)();
      return;
    }
    await next();
  };
}
