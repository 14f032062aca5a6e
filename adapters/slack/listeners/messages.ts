/**
 * Channel Q&A: `@lessonbot …` mentions, direct messages, and — per the channel's respond mode, which the
 * core applies — plain channel messages. Answers go in the thread of the asker's message.
 */
import type { App } from "@slack/bolt";
import { mentions, plainFromSlack } from "../incoming-text.ts";
import { answer, type ListenerDeps } from "./answer.ts";

/** The fields of a message or app_mention event the bot reads. */
interface ChatMessage {
  channel: string;
  ts: string;
  text?: string;
  user?: string;
  thread_ts?: string;
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
}

/** Subtypes that are still a person writing something new; edits, joins, bot posts etc. are not. */
const READABLE_SUBTYPES = new Set([undefined, "file_share", "thread_broadcast"]);

export function registerMessages(app: App, deps: ListenerDeps): void {
  app.event("app_mention", async ({ event, body }) => {
    await onMessage(deps, event as ChatMessage, { mentioned: true, teamId: body.team_id });
  });
  app.message(async ({ message, body }) => {
    await onMessage(deps, message as ChatMessage, { mentioned: false, teamId: body.team_id });
  });
}

async function onMessage(
  deps: ListenerDeps,
  message: ChatMessage,
  via: { mentioned: boolean; teamId: string | undefined },
): Promise<void> {
  const { user, channel, ts } = message;
  if (!user || message.bot_id || user === deps.botUserId || !READABLE_SUBTYPES.has(message.subtype)) return;
  // A mention in a channel arrives twice (app_mention and message.channels): answer the message once.
  if (!(await deps.seen.first(`message:${channel}:${ts}`))) return;

  const raw = message.text ?? "";
  const direct = message.channel_type === "im";
  const mentioned = via.mentioned || mentions(raw, deps.botUserId);
  const text = plainFromSlack(raw, deps.botUserId);
  await answer(deps, {
    source: { kind: direct ? "dm" : mentioned ? "mention" : "message", userId: user, channelId: channel, ...(via.teamId !== undefined && { teamId: via.teamId }) },
    // Reply under the message; inside a thread, under the thread's root (Slack threads are one level deep).
    target: { channelId: channel, userId: user, threadTs: message.thread_ts ?? ts },
    ask: (ctx) => deps.core.commands.message({ text, mentioned, direct }, ctx),
    // Someone who addressed the bot deserves to hear it failed; an overheard channel message does not.
    apologise: mentioned || direct,
  });
}
