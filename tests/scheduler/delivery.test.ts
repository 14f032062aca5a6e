/**
 * Daily lessons through the real adapters' publishers — Slack's WebClient and Discord's REST client —
 * to the local fake Slack and Discord servers, over real sockets: exactly one message per channel and
 * day, with two instances on one database, and after a 429 with Retry-After.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { webApi } from "@slack/bolt";
import { loadCorpus } from "../../src/corpus/load.ts";
import { buildEngine } from "../../src/search/engine.ts";
import type { SearchEngine } from "../../src/search/types.ts";
import type { Platform } from "../../src/commands/types.ts";
import type { Publisher } from "../../src/reply/publisher.ts";
import { SlackPublisher } from "../../adapters/slack/publisher.ts";
import { DiscordPublisher } from "../../adapters/discord/publisher.ts";
import { FakeSlack } from "../fakes/slack/server.ts";
import { FakeDiscord, type RecordedRequest } from "../fakes/discord/server.ts";
import { FakeClock, tempDatabase } from "./helpers.ts";

const SLACK_TOKEN = "xoxb-test-daily";
const DISCORD_TOKEN = "discord-test-token";
const CORPUS = fileURLToPath(new URL("../../corpus/", import.meta.url));

let engine: SearchEngine;
let slack: FakeSlack;
let discord: FakeDiscord;
let db: ReturnType<typeof tempDatabase>;
const discordPublishers: DiscordPublisher[] = [];

beforeAll(async () => {
  engine = buildEngine((await loadCorpus(CORPUS)).articles);
});
beforeEach(async () => {
  [slack, discord] = await Promise.all([FakeSlack.start({ botToken: SLACK_TOKEN }), FakeDiscord.start({ token: DISCORD_TOKEN })]);
  db = tempDatabase();
});
afterEach(async () => {
  await db.cleanup();
  for (const publisher of discordPublishers.splice(0)) publisher.close();
  await Promise.all([slack.close(), discord.close()]);
});

function publishers(): Map<Platform, Publisher> {
  const toDiscord = DiscordPublisher.create({ token: DISCORD_TOKEN, apiUrl: discord.apiUrl });
  discordPublishers.push(toDiscord);
  return new Map<Platform, Publisher>([
    ["slack", SlackPublisher.create(SLACK_TOKEN, { slackApiUrl: slack.apiUrl, logLevel: webApi.LogLevel.ERROR })],
    ["discord", toDiscord],
  ]);
}

const slackChannel = { platform: "slack" as const, channelId: "C0DAILY1" };
const discordChannel = { platform: "discord" as const, channelId: "1100000000000000001" };
const at9 = { time: "09:00", timezone: "Asia/Shanghai", weekdays: false, createdBy: "U1" };
const since = new Date("2026-03-01T00:00:00Z");

const slackPosts = () => slack.callsTo("chat.postMessage");
const discordPosts = (): RecordedRequest[] =>
  discord.requests.filter((r) => r.method === "POST" && r.path === `/channels/${discordChannel.channelId}/messages`);

/** A scheduler on the shared database, deriving lessons from the real corpus. */
function scheduler(clock: FakeClock, instanceId: string) {
  return db.service({ clock, store: db.open(), engine: () => engine, lessons: undefined, instanceId });
}

describe("daily lessons through the real publishers", () => {
  it("two instances on one database deliver exactly one message to Slack and one to Discord", async () => {
    const clock = new FakeClock("2026-03-10T00:00:00Z");
    const a = scheduler(clock, "a");
    const b = scheduler(clock, "b");
    await a.subscribe({ ...slackChannel, ...at9 });
    await a.subscribe({ ...discordChannel, ...at9 });
    await a.start(publishers());
    await b.start(publishers());
    expect(slackPosts()).toHaveLength(0);
    expect(discordPosts()).toHaveLength(0);

    clock.set("2026-03-10T01:00:00Z");
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([b.tick(), a.tick()]);

    expect(slackPosts()).toHaveLength(1);
    expect(discordPosts()).toHaveLength(1);

    const onSlack = (await a.today(slackChannel))!;
    const slackPost = slackPosts()[0]!;
    expect(slackPost.body.channel).toBe(slackChannel.channelId);
    expect(JSON.stringify(slackPost.body.blocks)).toContain(onSlack.title);
    expect(slackPost.headers.authorization).toBe(`Bearer ${SLACK_TOKEN}`);

    const onDiscord = (await a.today(discordChannel))!;
    const discordPost = discordPosts()[0]!;
    expect(discordPost.authorized).toBe(true);
    expect(JSON.stringify(discordPost.body)).toContain(onDiscord.title);
  });

  it("after a 429 with Retry-After, each platform is retried after that long and gets one message", async () => {
    const clock = new FakeClock("2026-03-10T01:00:00Z");
    const store = db.open();
    await store.upsertSubscription({ ...slackChannel, ...at9, since });
    await store.upsertSubscription({ ...discordChannel, ...at9, since });
    slack.failNext("chat.postMessage", { status: 429, retryAfter: 7 });
    discord.rateLimit((r) => r.method === "POST" && r.path.startsWith("/channels/"), 3);
    const daily = db.service({ clock, store, engine: () => engine, lessons: undefined });
    await daily.start(publishers());

    const [discordWait, slackWait] = [...clock.sleeps].sort((x, y) => x - y);
    expect(slackWait).toBe(7_000);
    // discord.js adds its small safety offset to Discord's Retry-After.
    expect(discordWait).toBeGreaterThanOrEqual(3_000);
    expect(discordWait).toBeLessThan(3_500);
    expect(clock.sleeps).toHaveLength(2);
    expect(slackPosts()).toHaveLength(2); // the refused one and the delivered one
    expect(discordPosts()).toHaveLength(2);
    for (const channel of [slackChannel, discordChannel]) {
      expect(await store.getPost({ ...channel, localDate: "2026-03-10" })).toMatchObject({ status: "posted", attempts: 2 });
    }
    await daily.tick();
    expect(slackPosts()).toHaveLength(2);
    expect(discordPosts()).toHaveLength(2);
  });
});
