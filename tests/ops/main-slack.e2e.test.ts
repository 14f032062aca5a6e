/**
 * `src/main.ts` with Slack configured, as a real process against a fake Slack: the Slack HTTP receiver
 * also serves /healthz and /metrics, a signed slash command shows up in the metrics, logs are JSON
 * lines with a request id and no secrets, and SIGTERM shuts it all down.
 */
import { afterEach, describe, expect, it } from "vitest";
import { FakeSlack } from "../fakes/slack/server.ts";
import { signRequest } from "../fakes/slack/signer.ts";
import { slashCommandBody } from "../fakes/slack/payloads.ts";
import { startBot, type BotProcess } from "../console/bot-process.ts";

const BOT_TOKEN = "xoxb-1111-2222-mainzqxBOTtail";
const SIGNING_SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0zqx";

let bot: BotProcess | undefined;
let fake: FakeSlack | undefined;
afterEach(async () => {
  bot?.cleanup();
  await fake?.close();
  bot = fake = undefined;
});

/** JSON log lines printed so far. */
function logLines(text: string): Array<Record<string, unknown>> {
  return text
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("main with Slack over HTTP", () => {
  it("serves /healthz and /metrics on the Slack port and counts a slash command", async () => {
    fake = await FakeSlack.start({ botToken: BOT_TOKEN, users: [{ id: "UALICE001", name: "alice" }] });
    bot = startBot([], {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: "0",
      LOG_LEVEL: "info",
    });
    await bot.waitFor(/"msg":"index ready"/);
    const listening = logLines(await bot.waitFor(/"msg":"slack adapter listening".*\n/)).find((l) => l.msg === "slack adapter listening");
    const base = `http://127.0.0.1:${String(listening?.port)}`;

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { status: string; articles: number; passages: number };
    expect(body.status).toBe("ok");
    expect(body.articles).toBeGreaterThan(0);
    expect(body.passages).toBeGreaterThan(body.articles);

    const responseId = "first-search";
    const command = slashCommandBody(
      { userId: "UALICE001", userName: "alice", channelId: "C0GENERAL", teamId: fake.teamId },
      "/lesson",
      "职业倦怠",
      fake.responseUrl(responseId),
    );
    const ack = await fetch(`${base}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...signRequest(SIGNING_SECRET, command) },
      body: command,
    });
    expect(ack.status).toBe(200);
    const reply = await fake.waitForResponse(responseId);
    expect(JSON.stringify(reply.body)).toContain("倦怠");

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('lessonbot_commands_total{platform="slack",command="search",outcome="ok"} 1');
    expect(metrics).toMatch(/lessonbot_command_duration_seconds_count\{platform="slack",command="search"\} 1/);
    expect(metrics).toMatch(/lessonbot_index_articles [1-9]/);

    bot.child.kill("SIGTERM");
    expect(await bot.exited).toEqual({ code: 0, signal: null });

    const logs = logLines(bot.stdout());
    expect(logs.some((l) => l.msg === "shutting down" && l.reason === "SIGTERM")).toBe(true);
    // Every interaction's lines carry a request id.
    expect(logs.some((l) => typeof l.reqId === "string" && l.platform === "slack")).toBe(true);
    expect(bot.stdout() + bot.stderr()).not.toMatch(/zqx/i);
  });
});
