/**
 * `src/main.ts` with chat adapters configured, as a real process against a fake Slack and a fake
 * Discord: both adapters at once, /healthz and /metrics on PORT (served by the Slack HTTP receiver, or
 * by the ops server when only Discord runs), commands counted by platform, JSON logs with a request id
 * and no secrets, and SIGTERM shutting it all down.
 */
import { afterEach, describe, expect, it } from "vitest";
import { FakeSlack } from "../fakes/slack/server.ts";
import { postSigned } from "../fakes/slack/signer.ts";
import { slashCommandBody } from "../fakes/slack/payloads.ts";
import { FakeDiscord } from "../fakes/discord/server.ts";
import { opt, slashCommand } from "../fakes/discord/payloads.ts";
import { ALICE } from "../fakes/discord/world.ts";
import { startBot, type BotProcess } from "../console/bot-process.ts";
import { loggedPort, logLines } from "../support/logs.ts";

const BOT_TOKEN = "xoxb-1111-2222-mainzqxleakBOTtail";
const SIGNING_SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0zqxleak";
const DISCORD_TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhJkLm.mainzqxleakDISCORDtail0123456789abcdefgh";

let bot: BotProcess | undefined;
let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
afterEach(async () => {
  bot?.cleanup();
  await slack?.close();
  await discord?.close();
  bot = slack = discord = undefined;
});

/** Runs `/lesson search <query>` on the fake Discord and resolves with the interaction callback body. */
async function discordSearch(fake: FakeDiscord, query: string): Promise<string> {
  const payload = slashCommand([opt.sub("search", [opt.string("query", query)])], { user: ALICE });
  fake.interact(payload);
  const callback = await fake.request((r) => r.path === `/interactions/${payload.id}/${payload.token}/callback`, "search callback");
  return JSON.stringify(callback.body);
}

async function slackSearch(fake: FakeSlack, base: string, query: string): Promise<string> {
  const responseId = `search-${query}`;
  const command = slashCommandBody(
    { userId: "UALICE001", userName: "alice", channelId: "C0GENERAL", teamId: fake.teamId },
    "/lesson",
    query,
    fake.responseUrl(responseId),
  );
  const ack = await postSigned(`${base}/slack/events`, SIGNING_SECRET, command, "application/x-www-form-urlencoded");
  expect(ack.status).toBe(200);
  return JSON.stringify((await fake.waitForResponse(responseId)).body);
}

describe("main with chat adapters", () => {
  it("runs Slack (HTTP) and Discord at once; the Slack port serves /healthz and /metrics by platform", async () => {
    slack = await FakeSlack.start({ botToken: BOT_TOKEN, users: [{ id: "UALICE001", name: "alice" }] });
    discord = await FakeDiscord.start({ token: DISCORD_TOKEN, members: [ALICE] });
    bot = startBot([], {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      PORT: "0",
      LOG_LEVEL: "info",
    });
    await bot.waitFor(/"msg":"index ready"/);
    await bot.waitFor(/"msg":"discord adapter connected"/);
    const base = `http://127.0.0.1:${await loggedPort(bot, "slack adapter listening")}`;

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { status: string; articles: number; passages: number };
    expect(body.status).toBe("ok");
    expect(body.articles).toBeGreaterThan(0);
    expect(body.passages).toBeGreaterThan(body.articles);

    expect(await slackSearch(slack, base, "职业倦怠")).toContain("倦怠");
    expect(await discordSearch(discord, "职业倦怠")).toContain("倦怠");

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('lessonbot_commands_total{platform="slack",command="search",outcome="ok"} 1');
    expect(metrics).toContain('lessonbot_commands_total{platform="discord",command="search",outcome="ok"} 1');
    expect(metrics).toMatch(/lessonbot_command_duration_seconds_count\{platform="slack",command="search"\} 1/);
    expect(metrics).toMatch(/lessonbot_index_articles [1-9]/);

    bot.signal("SIGTERM");
    expect(await bot.exited).toEqual({ code: 0, signal: null });

    const logs = logLines(bot.stdout());
    expect(logs.some((l) => l.msg === "shutting down" && l.reason === "SIGTERM")).toBe(true);
    expect(logs.some((l) => l.msg === "discord adapter stopped")).toBe(true);
    // Every interaction's lines carry a request id.
    expect(logs.some((l) => typeof l.reqId === "string" && l.platform === "slack")).toBe(true);
    expect(bot.stdout() + bot.stderr()).not.toMatch(/zqxleak/i);
  });

  it("serves /healthz and /metrics from its own HTTP server when only Discord runs", async () => {
    discord = await FakeDiscord.start({ token: DISCORD_TOKEN, members: [ALICE] });
    bot = startBot([], { DISCORD_TOKEN, DISCORD_API_URL: discord.apiUrl, PORT: "0", LOG_LEVEL: "info" });
    const base = `http://127.0.0.1:${await loggedPort(bot, "serving /healthz and /metrics")}`;
    await bot.waitFor(/"msg":"index ready"/);

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await discordSearch(discord, "etcd")).toContain("etcd");
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('lessonbot_commands_total{platform="discord",command="search",outcome="ok"} 1');

    bot.child.kill("SIGINT");
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(bot.stdout() + bot.stderr()).not.toMatch(/zqxleak/i);
  });

  it("exits 1 with a clear message when Slack rejects the token", async () => {
    slack = await FakeSlack.start({ botToken: "xoxb-the-right-one" });
    bot = startBot([], { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: "0" });
    expect((await bot.exited).code).toBe(1);
    expect(bot.stderr()).toMatch(/lessonbot: .*Slack rejected the bot token/);
    expect(bot.stdout() + bot.stderr()).not.toMatch(/zqxleak/i);
  });
});
