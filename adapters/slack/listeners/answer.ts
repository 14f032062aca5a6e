/**
 * The one path every listener takes once it knows who asked what: build the context, ask the core,
 * deliver the reply, and turn any failure into a log line with the request id (plus, where the user is
 * waiting for an answer, a short apology that carries the same id).
 *
 * Delivery is retried (src/net/retry.ts) on 429 (after Retry-After), 5xx and network errors for as long as
 * the response_url is valid (30 minutes from the interaction); a reply still undelivered then is logged as
 * lost with the request id as its reference, and the asker is told by whatever way is left.
 */
import type { webApi } from "@slack/bolt";
import type { CommandContext, CommandLayer } from "../../../src/commands/types.ts";
import type { Reply } from "../../../src/reply/types.ts";
import { notice } from "../../../src/reply/build.ts";
import type { Logger } from "../../../src/log/logger.ts";
import type { AdapterMetrics } from "../../../src/ops/metrics.ts";
import { RetriesExhaustedError, withRetry, type RetryPolicy } from "../../../src/net/retry.ts";
import { networkCause } from "../../../src/net/cause.ts";
import type { ContextFactory, InteractionSource } from "../context.ts";
import { deliver, postEphemeral, type ReplyTarget } from "../deliver.ts";
import type { SeenSet } from "../middleware/dedupe.ts";
import { describeError, type Scrub } from "../logger.ts";
import { renderReply } from "../render/blocks.ts";
import { isTransient } from "../transient.ts";
import { TurnQueue } from "../../../src/util/turns.ts";

/** What the adapter needs of the core. */
export interface SlackCore {
  commands: CommandLayer;
}

/** How replies are retried: backoff, and the window after the interaction in which to keep trying. */
export interface ReplyRetrySettings {
  policy: RetryPolicy;
  /** Slack's response_url accepts posts for 30 minutes after the interaction. */
  windowMs: number;
}

/** Every Slack answer of this process, one per turn of the event loop (src/util/turns.ts). */
const answerTurns = new TurnQueue();

export const DEFAULT_REPLY_RETRY: ReplyRetrySettings = {
  // 1 s, 2 s, 4 s … 5 min: about 18 minutes of tries, inside the window.
  policy: { maxAttempts: 12, baseDelayMs: 1_000, maxDelayMs: 5 * 60_000, maxRetryAfterMs: 30 * 60_000 },
  windowMs: 30 * 60_000,
};

export interface ListenerDeps {
  core: SlackCore;
  contexts: ContextFactory;
  seen: SeenSet;
  botUserId: string;
  /** The slash command's name, e.g. `/lesson`. */
  command: string;
  /** Web API client for replies: no retries of its own, so the reply window's policy governs. */
  replyClient: webApi.WebClient;
  retry: ReplyRetrySettings;
  metrics: AdapterMetrics;
  log: Logger;
  scrub: Scrub;
}

export interface Interaction {
  source: InteractionSource;
  target: ReplyTarget;
  /** Asks the core; `null` means stay quiet. */
  ask: (ctx: CommandContext) => Promise<Reply | null>;
  /** Whether a failure is worth telling the user about (a question nobody addressed to us is not). */
  apologise: boolean;
}

export async function answer(deps: ListenerDeps, interaction: Interaction): Promise<void> {
  const receivedAt = Date.now();
  let ctx: CommandContext | undefined;
  try {
    // Let the acknowledgement's HTTP response (or Socket Mode envelope ack) go out before the CPU-bound
    // search, and take turns with the other answers: under load, a new request's ack then waits for the
    // answer or few running (src/util/turns.ts), not for every answer queued.
    await answerTurns.next();
    ctx = await deps.contexts.build(interaction.source);
    const reply = await interaction.ask(ctx);
    if (reply === null) {
      ctx.log.debug("no reply");
      return;
    }
    const log = ctx.log;
    await withRetry(() => deliver(deps.replyClient, interaction.target, reply, log), {
      policy: deps.retry.policy,
      deadline: receivedAt + deps.retry.windowMs,
      transient: isTransient,
      onRetry: ({ attempt, delayMs, error }) => {
        deps.metrics.replyRetried("slack");
        log.warn({ attempt, delayMs, err: describeError(error, deps.scrub), cause: networkCause(error) }, "reply not delivered; retrying");
      },
    });
    log.info({ replyKind: reply.kind, visibility: reply.visibility, quotes: reply.quotes.length }, "replied");
  } catch (error) {
    const log = ctx?.log ?? deps.log;
    const ref = ctx?.requestId ?? "-";
    if (error instanceof RetriesExhaustedError) {
      deps.metrics.replyLost("slack");
      log.error({ ref, attempts: error.attempts, reason: error.reason, err: describeError(error.cause, deps.scrub), cause: networkCause(error.cause) }, "reply lost");
      await tellLost(deps, interaction.target, ref, log);
      return;
    }
    log.error({ err: describeError(error, deps.scrub) }, "slack interaction failed");
    if (interaction.apologise) await apologise(deps, interaction.target, ref, log);
  }
}

async function apologise(deps: ListenerDeps, target: ReplyTarget, requestId: string, log: Logger): Promise<void> {
  const reply = notice(`出错了，请稍后再试。Something went wrong, please try again. (ref ${requestId})`, "error");
  try {
    await deliver(deps.replyClient, target, reply, log);
  } catch (error) {
    log.warn({ err: describeError(error, deps.scrub) }, "could not deliver the error notice");
  }
}

/**
 * The answer could not be delivered: say so, once, by whichever way still works — a private message in the
 * channel (a different service from the response_url that may be what failed), else the response_url.
 */
async function tellLost(deps: ListenerDeps, target: ReplyTarget, requestId: string, log: Logger): Promise<void> {
  const message = renderReply(notice(`回答没能送达，请再试一次。Your answer could not be delivered; please try again. (ref ${requestId})`, "error"));
  try {
    await postEphemeral(deps.replyClient, target, message);
    return;
  } catch (error) {
    log.debug({ err: describeError(error, deps.scrub) }, "could not post the lost-reply notice in the channel");
  }
  try {
    await target.respond?.({ ...message, response_type: "ephemeral", replace_original: false });
  } catch (error) {
    log.warn({ err: describeError(error, deps.scrub) }, "could not tell the user their answer was lost");
  }
}
