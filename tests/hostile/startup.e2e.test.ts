/**
 * `npm start` against a platform it can't reach, and against one that refuses the token: the process exits
 * 1 and says which, for Slack and for Discord, in its stderr and its log — a network problem sends people to
 * the network and the *_API_URL setting, a refused token to the token.
 */
import { afterEach, describe, expect, test } from "vitest";
import { FakeSlack } from "../fakes/slack/server.ts";
import { FakeDiscord } from "../fakes/discord/server.ts";
import { startBot, type BotProcess } from "../console/bot-process.ts";
import { deadPort } from "../support/wait.ts";

const SLACK_TOKEN = "xoxb-1111-2222-startupzqxleakBOTtail";
const SIGNING_SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0startupzqxleak";
const DISCORD_TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhJkLm.startupzqxleakDISCORDtail0123456789abcdefg";

let bot: BotProcess | undefined;
let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
afterEach(async () => {
  bot?.cleanup();
  await slack?.close();
  await discord?.close();
  bot = slack = discord = undefined;
});

async function exitsWith(env: Record<string, string>): Promise<string> {
  bot = startBot([], { PORT: "0", ...env });
  // `close` comes after the output is all read (`exit` may come before).
  const closed = new Promise((resolve) => bot!.child.once("close", resolve));
  expect((await bot.exited).code).toBe(1);
  await closed;
  const output = bot.stdout() + bot.stderr();
  expect(output).not.toMatch(/zqxleak/i);
  return bot.stderr();
}

describe("start-up errors point the right way", () => {
  test("Slack unreachable at SLACK_API_URL", async () => {
    const url = `http://127.0.0.1:${await deadPort()}/api/`;
    const stderr = await exitsWith({ SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: url });
    expect(stderr).toContain(`lessonbot: cannot reach Slack at ${url} (auth.test): ECONNREFUSED; check the network, a proxy, and SLACK_API_URL`);
    expect(stderr).not.toMatch(/rejected/);
    expect(bot!.stdout()).toMatch(/"level":60.*cannot reach Slack/);
  });

  test("Slack rejects the bot token", async () => {
    slack = await FakeSlack.start({ botToken: "xoxb-the-right-one" });
    const stderr = await exitsWith({ SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl });
    expect(stderr).toContain("lessonbot: Slack rejected the bot token (auth.test): invalid_auth");
    expect(stderr).not.toMatch(/reach/);
  });

  test("Discord unreachable at DISCORD_API_URL", async () => {
    const url = `http://127.0.0.1:${await deadPort()}/api`;
    const stderr = await exitsWith({ DISCORD_TOKEN, DISCORD_API_URL: url });
    expect(stderr).toContain(`lessonbot: Discord login failed: cannot reach Discord at ${url}: ECONNREFUSED; check the network, a proxy, and DISCORD_API_URL`);
    expect(stderr).not.toMatch(/rejected/);
  });

  test("Discord rejects the token", async () => {
    discord = await FakeDiscord.start({ token: "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhJkLm.theRIGHTtokenTHErightTOKEN0123456789" });
    const stderr = await exitsWith({ DISCORD_TOKEN, DISCORD_API_URL: discord.apiUrl });
    expect(stderr).toContain("lessonbot: Discord login failed: Discord rejected the bot token (DISCORD_TOKEN)");
    expect(stderr).not.toMatch(/reach/);
  });
});
