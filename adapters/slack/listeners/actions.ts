/**
 * Buttons under a reply (More, Share to channel, 👍/👎). The button's `value` is the core's action token;
 * the core says what to do and the reply says how it is shown: "More" replaces the original message,
 * "Share" posts in the channel, feedback answers with a small ephemeral note.
 */
import type { App, BlockButtonAction } from "@slack/bolt";
import { ACTION_PREFIX } from "../render/blocks.ts";
import { escapeRegExp } from "../incoming-text.ts";
import { answer, type ListenerDeps } from "./answer.ts";
import { respondTo } from "../response-url.ts";

const OUR_BUTTONS = new RegExp(`^${escapeRegExp(ACTION_PREFIX)}`);

export function registerActions(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>({ type: "block_actions", action_id: OUR_BUTTONS }, async ({ ack, body, action }) => {
    await ack();
    if (action.type !== "button" || typeof action.value !== "string") return;
    const token = action.value;
    const channelId = body.channel?.id ?? stringField(body.container, "channel_id");
    if (!channelId) {
      deps.log.warn({ actionId: action.action_id }, "button press without a channel; ignored");
      return;
    }
    const threadTs = stringField(body.message, "thread_ts") ?? stringField(body.container, "thread_ts");
    await answer(deps, {
      source: {
        kind: `action:${action.action_id}`,
        userId: body.user.id,
        userName: body.user.name ?? body.user.username,
        channelId,
        ...(body.team?.id !== undefined && { teamId: body.team.id }),
      },
      target: {
        channelId,
        userId: body.user.id,
        ...respondTo(body.response_url),
        ...(threadTs !== undefined && { threadTs }),
      },
      ask: (ctx) => deps.core.commands.action(token, ctx),
      apologise: true,
    });
  });
}

function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}
