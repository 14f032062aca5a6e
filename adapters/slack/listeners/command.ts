/**
 * `/lesson …`: acknowledged at once (Slack allows 3 s), then answered through the response_url, so the
 * reply is ephemeral and works in channels the bot hasn't joined.
 */
import type { App } from "@slack/bolt";
import { plainFromSlack } from "../incoming-text.ts";
import { respondTo } from "../response-url.ts";
import { answer, type ListenerDeps } from "./answer.ts";

export function registerCommand(app: App, deps: ListenerDeps): void {
  app.command(deps.command, async ({ command, ack }) => {
    await ack();
    await answer(deps, {
      source: {
        kind: "command",
        userId: command.user_id,
        userName: command.user_name,
        channelId: command.channel_id,
        teamId: command.team_id,
      },
      target: { channelId: command.channel_id, userId: command.user_id, ...respondTo(command.response_url) },
      ask: (ctx) => deps.core.commands.runText(plainFromSlack(command.text ?? ""), ctx),
      apologise: true,
    });
  });
}
