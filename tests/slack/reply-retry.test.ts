/**
 * Replies that fail for a while are retried, and answered exactly once, by the real Bolt app and core
 * against the fake Slack: a response_url answering 500, then 429 with Retry-After, then refusing
 * connections, then recovering; the Web API answering 503 and 429. Past the reply window the reply is
 * logged as lost with a reference, counted, and the asker is told with that reference.
 * Backoff is shortened through the adapter's settings; no assertion is about time.
 */
import { describe, expect, test } from "vitest";
import { randomUUID } from "node:crypto";
import { startHarness, useSlackHarness, ALICE, type Harness, type RealCore } from "./harness.ts";
import { slashCommandBody } from "../fakes/slack/payloads.ts";
import { createMetrics } from "../../src/ops/metrics.ts";
import { deadPort, until } from "../support/wait.ts";
import { logLines } from "../support/logs.ts";

let real: RealCore;
let h: Harness;
const metrics = createMetrics({ defaultMetrics: false });

useSlackHarness((r, started) => {
  real = r;
  h = started;
}, {
  metrics,
  // Short waits between tries, in a window long enough for a slow machine.
  replyRetry: { policy: { baseDelayMs: 50, maxDelayMs: 300, maxAttempts: 100 }, windowMs: 60_000 },
});

/** `/lesson <text>` whose reply goes to `responseUrl`. */
async function command(text: string, responseUrl: string): Promise<void> {
  const { status } = await h.post(slashCommandBody(h.actor(), "/lesson", text, responseUrl), "application/x-www-form-urlencoded");
  expect(status).toBe(200);
}

const logged = () => logLines(h.logs.join(""));

async function metric(name: string): Promise<number> {
  const text = await metrics.registry.metrics();
  return Number(new RegExp(`^${name}\\{platform="slack"\\} (\\d+)`, "m").exec(text)?.[1] ?? 0);
}

async function lostReply(): Promise<void> {
  const lostBefore = await metric("lessonbot_replies_lost_total");
  const url = `http://127.0.0.1:${await deadPort()}/response/${randomUUID()}`;
  await command("职业倦怠", url);
  await until(() => logged().some((l) => l.msg === "reply lost"), "the lost reply");
  const lost = logged().find((l) => l.msg === "reply lost")!;
  expect(lost).toMatchObject({ reason: "deadline", ref: expect.stringMatching(/^[0-9a-f]{8}$/), reqId: lost.ref });
  expect(lost.attempts as number).toBeGreaterThanOrEqual(1);
  // The reference is the request id every line of that interaction carries, from the request's arrival on.
  expect(logged().filter((l) => l.reqId === lost.ref).length).toBeGreaterThan(1);
  // The asker is told privately in the channel (the response_url is what failed), with the same reference.
  const told = await h.fake.waitForCall("chat.postEphemeral", (c) => String(c.body.text).includes(String(lost.ref)));
  expect(told.body).toMatchObject({ channel: "C0GENERAL", user: ALICE.id });
  expect(await metric("lessonbot_replies_lost_total")).toBe(lostBefore + 1);
}

describe("reply retries", () => {
  test("response_url failing with 500, then 429 + Retry-After, then refusing connections, then recovering: the answer arrives exactly once", async () => {
    const id = randomUUID();
    h.fake.failResponseUrl(id, [{ status: 500 }, { status: 429, retryAfter: 1 }]);
    await command("职业倦怠", h.fake.flakyResponseUrl(id));

    // While the bot waits out the Retry-After, take the response host down: the next try is refused.
    await h.fake.waitFor(() => (h.fake.responseAttempts.filter((a) => a.id === id).length === 2 ? true : undefined), "the 500 and the 429");
    await h.fake.closeResponses();
    await until(() => logged().some((l) => l.msg === "reply not delivered; retrying" && l.attempt === 3), "a refused third try");
    await h.fake.reopenResponses();

    const reply = await h.fake.waitForResponse(id);
    expect(JSON.stringify(reply.body)).toContain("倦怠");
    // Everything after has settled: another command is answered, and still only one answer went to `id`.
    const later = randomUUID();
    await command("开源", h.fake.responseUrl(later));
    await h.fake.waitForResponse(later);
    expect(h.fake.responses.filter((r) => r.id === id)).toHaveLength(1);
    expect(h.fake.responseAttempts.filter((a) => a.id === id).map((a) => a.outcome)).toEqual([500, 429, 200]);

    const tries = logged().filter((l) => l.msg === "reply not delivered; retrying").slice(-3);
    expect(tries.map((l) => l.attempt)).toEqual([1, 2, 3]);
    // The 429's Retry-After (1 s) is what the bot waited, not its own short backoff.
    expect(tries[1]).toMatchObject({ delayMs: 1_000 });
    expect(tries[2]).toMatchObject({ cause: "ECONNREFUSED" });
    expect(await metric("lessonbot_reply_retries_total")).toBeGreaterThanOrEqual(3);
  });

  test("a dropped connection is retried too", async () => {
    const id = randomUUID();
    h.fake.failResponseUrl(id, [{ drop: true }]);
    await command("职业倦怠", h.fake.responseUrl(id));
    await h.fake.waitForResponse(id);
    expect(h.fake.responseAttempts.filter((a) => a.id === id).map((a) => a.outcome)).toEqual(["dropped", 200]);
  });

  test("a thread answer through the Web API survives 503 and 429 and is posted once", async () => {
    h.fake.failNext("chat.postMessage", { status: 503, error: "service_unavailable" }, 2);
    h.fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    const ts = "1700003000.000100";
    await h.event({ type: "app_mention", user: ALICE.id, text: `<@${h.fake.botUserId}> 开源社区怎么运营`, channel: "C0RETRYWEB", ts });
    await h.fake.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts && h.fake.callsTo("chat.postMessage").filter((x) => x.body.thread_ts === ts).length === 4);
    // Three failed tries and one that went through: and no fifth.
    const later = "1700003000.000200";
    await h.event({ type: "app_mention", user: ALICE.id, text: `<@${h.fake.botUserId}> 开源`, channel: "C0RETRYWEB", ts: later });
    await h.fake.waitForCall("chat.postMessage", (c) => c.body.thread_ts === later);
    expect(h.fake.callsTo("chat.postMessage").filter((c) => c.body.thread_ts === ts)).toHaveLength(4);
  });

  test("a refused post (4xx) is not retried", async () => {
    const id = randomUUID();
    h.fake.failResponseUrl(id, [{ status: 404 }]);
    await command("职业倦怠", h.fake.responseUrl(id));
    await until(() => logged().some((l) => l.msg === "slack interaction failed" && JSON.stringify(l.err).includes("404")), "the failure");
    // One try, then the apology (which the response_url accepted): no retry of the refused answer.
    await h.fake.waitForResponse(id);
    expect(h.fake.responseAttempts.filter((a) => a.id === id).map((a) => a.outcome)).toEqual([404, 200]);
    expect(String(h.fake.responses.find((r) => r.id === id)?.body.text)).toMatch(/ref [0-9a-f]{8}/);
  });

  test("past the reply window the answer is logged as lost with a reference, counted, and the asker is told that reference", async () => {
    // A bot of its own with a 2-second "30-minute" window.
    const main = h;
    h = await startHarness(real.core, { metrics, replyRetry: { policy: { baseDelayMs: 50, maxDelayMs: 300, maxAttempts: 100 }, windowMs: 2_000 } });
    try {
      await lostReply();
    } finally {
      await h.close();
      h = main;
    }
  });
});
