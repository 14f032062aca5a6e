/**
 * Daily lessons through the real Slack publisher (a real WebClient) to the local fake Slack Web API,
 * over real sockets: exactly one chat.postMessage per channel and day, also with two instances and
 * after a 429.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { webApi } from "@slack/bolt";
import { loadCorpus } from "../../src/corpus/load.ts";
import { buildEngine } from "../../src/search/engine.ts";
import type { SearchEngine } from "../../src/search/types.ts";
import { SlackPublisher } from "../../adapters/slack/publisher.ts";
import { FakeSlack } from "../fakes/slack/server.ts";
import { FakeClock, tempDatabase } from "./helpers.ts";

const BOT_TOKEN = "xoxb-test-daily";
const CORPUS = fileURLToPath(new URL("../../corpus/", import.meta.url));

let engine: SearchEngine;
let slack: FakeSlack;
let db: ReturnType<typeof tempDatabase>;

beforeAll(async () => {
  engine = buildEngine((await loadCorpus(CORPUS)).articles);
});
beforeEach(async () => {
  slack = await FakeSlack.start({ botToken: BOT_TOKEN });
  db = tempDatabase();
});
afterEach(async () => {
  await db.cleanup();
  await slack.close();
});

function publisher(): SlackPublisher {
  return SlackPublisher.create(BOT_TOKEN, { slackApiUrl: slack.apiUrl, logLevel: webApi.LogLevel.ERROR });
}

const channel = { platform: "slack" as const, channelId: "C0DAILY1" };
const subscription = { ...channel, time: "09:00", timezone: "Asia/Shanghai", weekdays: false, createdBy: "U1" };

describe("daily lessons on Slack", () => {
  it("two instances on one database deliver exactly one message", async () => {
    const clock = new FakeClock("2026-03-10T00:00:00Z");
    const a = db.service({ clock, store: db.open(), engine: () => engine, lessons: undefined, instanceId: "a" });
    const b = db.service({ clock, store: db.open(), engine: () => engine, lessons: undefined, instanceId: "b" });
    await a.subscribe(subscription);
    await a.start(new Map([["slack", publisher()]]));
    await b.start(new Map([["slack", publisher()]]));
    expect(slack.callsTo("chat.postMessage")).toHaveLength(0);

    clock.set("2026-03-10T01:00:00Z");
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([b.tick(), a.tick()]);

    const posts = slack.callsTo("chat.postMessage");
    expect(posts).toHaveLength(1);
    const lesson = await a.today(channel);
    expect(posts[0]!.body.channel).toBe("C0DAILY1");
    expect(String(posts[0]!.body.text)).toContain(lesson!.title);
    expect(JSON.stringify(posts[0]!.body.blocks)).toContain(lesson!.title);
    expect(posts[0]!.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it("after a 429 with Retry-After, waits that long and delivers once", async () => {
    const clock = new FakeClock("2026-03-10T01:00:00Z");
    const store = db.open();
    await store.upsertSubscription({ ...subscription, since: new Date("2026-03-01T00:00:00Z") });
    slack.failNext("chat.postMessage", { status: 429, retryAfter: 7 });
    const daily = db.service({ clock, store, engine: () => engine, lessons: undefined });
    await daily.start(new Map([["slack", publisher()]]));

    expect(clock.sleeps).toEqual([7_000]);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(2); // the refused one and the delivered one
    expect(await store.getPost({ ...channel, localDate: "2026-03-10" })).toMatchObject({ status: "posted", attempts: 2 });
    await daily.tick();
    expect(slack.callsTo("chat.postMessage")).toHaveLength(2);
  });
});
