/**
 * The one path every listener takes once it knows who asked what: build the context, ask the core,
 * deliver the reply, and turn any failure into a log line with the request id (plus, where the user is
 * waiting for an answer, a short apology that carries the same id).
 */
import type { webApi } from "@slack/bolt";
import type { CommandContext, CommandLayer } from "../../../src/commands/types.ts";
import type { Reply } from "../../../src/reply/types.ts";
import type { Logger } from "../../../src/log/logger.ts";
import type { ContextFactory, InteractionSource } from "../context.ts";
import { deliver, type ReplyTarget } from "../deliver.ts";
import type { SeenSet } from "../middleware/dedupe.ts";
import { describeError, type Scrub } from "../logger.ts";

/** What the adapter needs of the core. */
export interface SlackCore {
  commands: CommandLayer;
}

export interface ListenerDeps {
  core: SlackCore;
  contexts: ContextFactory;
  seen: SeenSet;
  botUserId: string;
  /** The slash command's name, e.g. `/lesson`. */
  command: string;
  log: Logger;
  scrub: Scrub;
}

export interface Interaction {
  source: InteractionSource;
  target: ReplyTarget;
  client: webApi.WebClient;
  /** Asks the core; `null` means stay quiet. */
  ask: (ctx: CommandContext) => Promise<Reply | null>;
  /** Whether a failure is worth telling the user about (a question nobody addressed to us is not). */
  apologise: boolean;
}

export async function answer(deps: ListenerDeps, interaction: Interaction): Promise<void> {
  let ctx: CommandContext | undefined;
  try {
    // Let the acknowledgement's HTTP response (or Socket Mode envelope ack) go out before the CPU-bound
    // search: under load, other requests' acks then don't queue behind this answer.
    await new Promise<void>((resolve) => setImmediate(resolve));
    ctx = await deps.contexts.build(interaction.source);
    const reply = await interaction.ask(ctx);
    if (reply === null) {
      ctx.log.debug("no reply");
      return;
    }
    await deliver(interaction.client, interaction.target, reply, ctx.log);
    ctx.log.info({ replyKind: reply.kind, visibility: reply.visibility, quotes: reply.quotes.length }, "replied");
  } catch (error) {
    const log = ctx?.log ?? deps.log;
    log.error({ err: describeError(error, deps.scrub) }, "slack interaction failed");
    if (interaction.apologise) await apologise(interaction, ctx?.requestId ?? "-", log);
  }
}

async function apologise(interaction: Interaction, requestId: string, log: Logger): Promise<void> {
  const reply: Reply = {
    kind: "error",
    visibility: "ephemeral",
    body: [`出错了，请稍后再试。Something went wrong, please try again. (ref ${requestId})`],
    quotes: [],
    suggestions: [],
    actions: [],
  };
  try {
    await deliver(interaction.client, interaction.target, reply, log);
  } catch (error) {
    log.warn({ err: describeError(error) }, "could not deliver the error notice");
  }
}
