/**
 * The command layer: the one implementation of every command, shared by all adapters.
 * It times each call, turns any failure into a friendly error reply with a reference id (never a crash),
 * and answers "still loading" until the index is ready.
 */
import type { CommandDeps, Command } from "./command.ts";
import type { CommandContext, CommandLayer, IncomingMessage, Invocation, Platform } from "./types.ts";
import type { Reply } from "../reply/types.ts";
import { notice } from "../reply/build.ts";
import { commands } from "./registry.ts";
import { parseCommandText } from "./parse.ts";
import { handleAction } from "./actions.ts";
import { decodeToken } from "./tokens.ts";
import { answerMessage } from "./qa.ts";
import { translator } from "../i18n/index.ts";
import { coreMessages } from "../i18n/core.ts";

const t = translator(coreMessages);

/** One handled interaction, for metrics. */
export interface CommandEvent {
  platform: Platform;
  /** A command name, `action:<kind>`, `message` or `autocomplete`. */
  command: string;
  outcome: "ok" | "error";
  seconds: number;
}

export interface CommandLayerOptions {
  /** False while the index is still loading. */
  isReady?: () => boolean;
  onCommand?: (event: CommandEvent) => void;
}

/** Autocomplete answers are capped by Discord at 25 choices. */
const MAX_COMPLETIONS = 25;

export function createCommandLayer(deps: CommandDeps, options: CommandLayerOptions = {}): CommandLayer {
  const isReady = options.isReady ?? (() => true);

  async function guarded<T extends Reply | null>(name: string, ctx: CommandContext, work: () => Promise<T>): Promise<T | Reply> {
    const started = process.hrtime.bigint();
    let outcome: CommandEvent["outcome"] = "ok";
    try {
      if (!isReady()) return notice(t(deps.locale(ctx), "loading"));
      return await work();
    } catch (error) {
      outcome = "error";
      ctx.log.error({ err: error, command: name }, "command failed");
      return notice(t(deps.locale(ctx), "error.internal", { ref: ctx.requestId }), "error");
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      options.onCommand?.({ platform: ctx.platform, command: name, outcome, seconds });
    }
  }

  function run(invocation: Invocation, ctx: CommandContext): Promise<Reply> {
    // The registry maps each name to the command for exactly that invocation shape.
    const command = commands[invocation.name] as Command;
    return guarded(invocation.name, ctx, () => command.handle(invocation as never, ctx, deps)) as Promise<Reply>;
  }

  return {
    run,
    runText: (text, ctx) => run(parseCommandText(text), ctx),
    action: (token, ctx) =>
      guarded(`action:${decodeToken(token)?.kind ?? "invalid"}`, ctx, () => handleAction(token, ctx, deps)) as Promise<Reply>,
    async message(message: IncomingMessage, ctx) {
      const answer = await guarded("message", ctx, () => answerMessage(message, ctx, deps));
      // Nobody asked the bot: a loading notice or an error would be noise in the channel.
      const addressed = message.mentioned || message.direct;
      return !addressed && answer && answer.kind !== "quotes" ? null : answer;
    },
    async respondMode(ctx) {
      return (await deps.store.getChannelSettings({ platform: ctx.platform, channelId: ctx.channelId })).respondMode;
    },
    autocomplete(partial, ctx) {
      if (!isReady()) return [];
      try {
        return deps.engine().suggest(partial, MAX_COMPLETIONS);
      } catch (error) {
        ctx.log.error({ err: error }, "autocomplete failed");
        return [];
      }
    },
  };
}
