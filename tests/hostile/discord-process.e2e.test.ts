/**
 * The bot as a real process on a fake Discord: malformed dispatches are dropped at the door; a frame that
 * breaks the gateway session protocol inside @discordjs/ws itself (a `READY` with no payload), which no
 * guard of ours sees, is caught by the last-resort handler — logged, counted in /metrics — and the process
 * keeps answering.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FakeDiscord } from "../fakes/discord/server.ts";
import { opt, slashCommand } from "../fakes/discord/payloads.ts";
import { ALICE } from "../fakes/discord/world.ts";
import { startBot, type BotProcess } from "../console/bot-process.ts";

const DISCORD_TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhJkLm.processzqxleakDISCORDtail0123456789abcdefg";
let discord: FakeDiscord;
let bot: BotProcess;
let base: string;

beforeAll(async () => {
  discord = await FakeDiscord.start({ token: DISCORD_TOKEN, members: [ALICE] });
  bot = startBot([], { DISCORD_TOKEN, DISCORD_API_URL: discord.apiUrl, PORT: "0", LOG_LEVEL: "info" });
  const text = await bot.waitFor(/"msg":"serving \/healthz and \/metrics".*\n/);
  base = `http://127.0.0.1:${/"port":(\d+)/.exec(text.split("\n").find((l) => l.includes("serving /healthz"))!)![1]}`;
  await bot.waitFor(/"msg":"discord adapter connected"/);
  await bot.waitFor(/"msg":"index ready"/);
});

afterAll(async () => {
  bot?.cleanup();
  await discord?.close();
});

async function answers(): Promise<void> {
  const payload = slashCommand([opt.sub("search", [opt.string("query", "职业倦怠")])], { user: ALICE });
  discord.interact(payload);
  const callback = await discord.request((r) => r.path === `/interactions/${payload.id}/${payload.token}/callback`, "search callback");
  expect(JSON.stringify(callback.body)).toContain("倦怠");
}

describe("Discord bot process under malformed gateway frames", () => {
  test("malformed dispatches are dropped and counted; a broken READY reaches only the last-resort handler; it keeps answering", async () => {
    discord.dispatch("INTERACTION_CREATE", null);
    discord.dispatch("MESSAGE_CREATE", { id: "1", channel_id: "2", author: null, content: "x" });
    discord.dispatch("error", {});
    await bot.waitFor(/"msg":"malformed gateway dispatch dropped"/);
    await answers();

    discord.dispatch("READY", null);
    await bot.waitFor(/"msg":"unhandled error caught; the process keeps running"/);
    await answers();
    expect(bot.child.exitCode).toBeNull();

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/lessonbot_rejected_requests_total\{platform="discord",reason="malformed"\} 3/);
    expect(metrics).toMatch(/lessonbot_unhandled_errors_total\{kind="unhandledRejection"\} 1/);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(bot.stdout() + bot.stderr()).not.toMatch(/zqxleak/i);
  });
});
