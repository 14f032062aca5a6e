/**
 * Sends a rendered reply where its `visibility` says: only to the asker (response_url or
 * chat.postEphemeral), in the channel, or in the thread of the asker's message.
 */
import type { RespondFn, webApi } from "@slack/bolt";
import type { Reply } from "../../src/reply/types.ts";
import type { Logger } from "../../src/log/logger.ts";
import { renderReply, type SlackMessage } from "./render/blocks.ts";

export interface ReplyTarget {
  channelId: string;
  /** The asker, for ephemeral messages. */
  userId: string;
  /** Thread root for `thread` replies (the asker's message ts, or its thread's root). */
  threadTs?: string;
  /** The interaction's response_url (slash commands, buttons): ephemeral replies and replacing a message. */
  respond?: RespondFn;
}

/** Message options for every post: no link unfurls (quotes carry their own link), no name linking. */
export const POST_OPTIONS = { unfurl_links: false, unfurl_media: false, link_names: false, parse: "none" } as const;

/** Errors meaning "the bot may not post here" (not a member, private channel, DM it isn't part of). */
const CANNOT_POST = new Set(["not_in_channel", "channel_not_found", "is_archived", "restricted_action"]);

export async function deliver(client: webApi.WebClient, target: ReplyTarget, reply: Reply, log: Logger): Promise<void> {
  const message = renderReply(reply);
  const { respond } = target;

  if (reply.replaceOriginal && respond) {
    await respond({ ...message, replace_original: true });
    return;
  }
  switch (reply.visibility) {
    case "ephemeral":
      if (respond) {
        await respond({ ...message, response_type: "ephemeral", replace_original: false });
      } else {
        await client.chat.postEphemeral({
          ...message,
          channel: target.channelId,
          user: target.userId,
          ...(target.threadTs !== undefined && { thread_ts: target.threadTs }),
        });
      }
      return;
    case "thread":
      await postMessage(client, target, message, log, target.threadTs);
      return;
    case "channel":
      await postMessage(client, target, message, log, undefined);
      return;
  }
}

async function postMessage(
  client: webApi.WebClient,
  target: ReplyTarget,
  message: SlackMessage,
  log: Logger,
  threadTs: string | undefined,
): Promise<void> {
  try {
    await client.chat.postMessage({
      ...POST_OPTIONS,
      ...message,
      channel: target.channelId,
      ...(threadTs !== undefined && { thread_ts: threadTs }),
    });
  } catch (error) {
    // A slash command or button works in channels the bot hasn't joined; its response_url can still
    // post there in the channel's name, so use it rather than fail.
    const code = slackErrorCode(error);
    if (!target.respond || code === undefined || !CANNOT_POST.has(code)) throw error;
    log.info({ slackError: code }, "chat.postMessage refused; posting through response_url");
    await target.respond({ ...message, response_type: "in_channel", replace_original: false });
  }
}

/** Slack's `error` string from a Web API platform error (`not_in_channel`, `ratelimited`, …). */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === "string" ? data.error : undefined;
}
