/**
 * MESSAGE_CREATE: channel Q&A. Every human message goes to the core with whether it was addressed to the
 * bot (an @mention, or a DM); the core decides, from the channel's respond mode, whether to answer, and
 * the answer is a reply to that message.
 *
 * Without the Message Content intent Discord still sends the text of messages that mention the bot and of
 * DMs, so @mentions work either way; `questions`/`all` modes need the intent to see other messages.
 */
import type { Message } from "discord.js";
import type { CommandLayer } from "../../../src/commands/types.ts";
import type { Logger } from "../../../src/log/logger.ts";
import { messageContext } from "../context.ts";
import { renderReply } from "../render/message.ts";
import { describeError, type Scrub } from "../logging.ts";
import { messageOptions } from "./deliver.ts";

export interface MessageDeps {
  commands: CommandLayer;
  log: Logger;
  scrub: Scrub;
}

/**
 * The text with the bot's mention removed, and whether it was there. In a server, typing @bot may insert
 * the bot's managed role (`<@&role>`) instead of the user: both count.
 */
export function addressedText(content: string, botUserId: string, botRoleId?: string): { text: string; mentioned: boolean } {
  const ids = [`@!?${botUserId}`, ...(botRoleId ? [`@&${botRoleId}`] : [])];
  const mention = new RegExp(`<(?:${ids.join("|")})>`, "g");
  const text = content.replace(mention, " ");
  return { text: text.replace(/[ \t]{2,}/g, " ").trim(), mentioned: text !== content };
}

export function messageHandler(deps: MessageDeps): (message: Message) => Promise<void> {
  return async (message) => {
    // Never rejects: the caller fires and forgets, so an escaped error would be an unhandled rejection.
    try {
      await handle(message, deps);
    } catch (error) {
      deps.log.error({ err: describeError(error, deps.scrub), messageId: typeof message?.id === "string" ? message.id : undefined }, "could not handle a message");
    }
  };
}

async function handle(message: Message, deps: MessageDeps): Promise<void> {
  // Never answer bots (ourselves included: that way lies a loop), webhooks or system notices.
  if (message.author.bot || message.webhookId !== null || message.system) {
    deps.log.debug({ messageId: message.id, author: message.author.id }, "ignoring a message from a bot, webhook or the system");
    return;
  }
  const me = message.client.user.id;
  const botRoleId = message.inGuild() ? message.guild.roles.botRoleFor(me)?.id : undefined;
  const { text, mentioned } = addressedText(message.content, me, botRoleId);
  const ctx = messageContext(message, deps.log);
  const log = ctx.log.child({ messageId: message.id });
  try {
    const reply = await deps.commands.message({ text, mentioned, direct: !message.inGuild() }, { ...ctx, log });
    if (!reply) {
      log.debug({ mentioned }, "not answering");
      return;
    }
    // A reply to the asker's message (message_reference), pinging nobody, not even the asker.
    await message.reply(messageOptions(renderReply(reply)));
    log.info({ kind: reply.kind, mentioned }, "answered a message");
  } catch (error) {
    log.error({ err: describeError(error, deps.scrub) }, "could not answer a message");
  }
}
