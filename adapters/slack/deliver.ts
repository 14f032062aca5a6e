/**
 * Sends a rendered reply where its `visibility` says: only to the asker (response_url or
 * chat.postEphemeral), in the channel, or in the thread of the asker's message. Rate limits come out as
 * `RateLimitedError` so a retry (listeners/answer.ts) can wait out Slack's Retry-After.
 */
import type { webApi } from "@slack/bolt";
import type { Reply } from "../../src/reply/types.ts";
import type { Logger } from "../../src/log/logger.ts";
import { renderReply, type SlackMessage } from "./render/blocks.ts";
import type { Respond } from "./response-url.ts";
import { asRateLimit, slackErrorCode } from "./transient.ts";

export interface ReplyTarget {
  channelId: string;
  /** The asker, for ephemeral messages. */
  userId: string;
  /** Thread root for `thread` replies (the asker's message ts, or its thread's root). */
  threadTs?: string;
  /** The interaction's response_url (slash commands, buttons): ephemeral replies and replacing a message. */
  respond?: Respond;
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
        await postEphemeral(client, target, message);
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

/** Only `target.userId` sees it, in the channel (and thread, if any). */
export async function postEphemeral(client: webApi.WebClient, target: ReplyTarget, message: SlackMessage): Promise<void> {
  try {
    await client.chat.postEphemeral({
      ...message,
      channel: target.channelId,
      user: target.userId,
      ...(target.threadTs !== undefined && { thread_ts: target.threadTs }),
    });
  } catch (error) {
    throw asRateLimit(error) ?? error;
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
    if (!target.respond || code === undefined || !CANNOT_POST.has(code)) throw asRateLimit(error) ?? error;
    log.info({ slackError: code }, "chat.postMessage refused; posting through response_url");
    await target.respond({ ...message, response_type: "in_channel", replace_original: false });
  }
}
