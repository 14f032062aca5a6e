/**
 * The Slack publisher (used by daily lessons) against the fake Web API: what it posts, and that rate
 * limits come back at once as `RateLimitedError` for the scheduler to retry, never retried on its own.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { SlackPublisher } from "../../adapters/slack/publisher.ts";
import { RateLimitedError } from "../../src/reply/publisher.ts";
import type { Reply } from "../../src/reply/types.ts";
import { FakeSlack } from "../fakes/slack/server.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { boltLogger, secretScrubber } from "../../adapters/slack/logger.ts";
import { violations } from "./invariants.ts";

const TOKEN = "xoxb-9999-publisher-test";
let fake: FakeSlack;
let publisher: SlackPublisher;

const lesson: Reply = {
  kind: "lesson",
  visibility: "channel",
  heading: "今日一课：靠机制而不是靠人 <!channel>",
  body: [],
  quotes: [{ passageId: "envoy-5-years:3", segments: [{ text: "要建立" }, { text: "机制", mark: true }], speaker: "Matt Klein", title: "Envoy 五周年", section: "经验", url: "https://example.com/envoy" }],
  suggestions: [],
  actions: [],
};

beforeAll(async () => {
  fake = await FakeSlack.start({ botToken: TOKEN });
  publisher = SlackPublisher.create(TOKEN, { slackApiUrl: fake.apiUrl, logger: boltLogger(silentLogger(), secretScrubber([TOKEN])) });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.calls.length = 0;
});

describe("SlackPublisher", () => {
  test("posts the rendered reply to the channel, unfurls off", async () => {
    await publisher.publish("C0DAILY01", lesson);
    const [call] = fake.callsTo("chat.postMessage");
    expect(call?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call?.body).toMatchObject({ channel: "C0DAILY01", unfurl_links: "false", unfurl_media: "false" });
    expect(String(call?.body.text)).toContain("靠机制而不是靠人");
    expect(JSON.stringify(call?.body.blocks)).toContain("Matt Klein");
    expect(violations(call!.body)).toEqual([]);
  });

  test("HTTP 429 with Retry-After becomes RateLimitedError after one attempt", async () => {
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 7 });
    const error = await publisher.publish("C0DAILY01", lesson).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7_000);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  test("an `ok: false, error: ratelimited` answer is a rate limit too", async () => {
    fake.failNext("chat.postMessage", { error: "ratelimited" });
    const error = await publisher.publish("C0DAILY01", lesson).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBeGreaterThan(0);
  });

  test("other failures are thrown as they are", async () => {
    fake.failNext("chat.postMessage", { error: "channel_not_found" });
    const error = await publisher.publish("C0GONE001", lesson).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(RateLimitedError);
    expect(String((error as Error).message)).toContain("channel_not_found");
  });
});
