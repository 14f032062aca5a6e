/**
 * Three replicas (real `npm start` processes) on one PostgreSQL schema behind one fake Slack: the same
 * event, its retries, the same slash command and the same message as two event types, each sent to
 * every replica at once → exactly one answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../fakes/slack/server.ts";
import { signRequest } from "../fakes/slack/signer.ts";
import { eventBody, slashCommandBody, slashCommandPayload } from "../fakes/slack/payloads.ts";
import { createSchema, postgresAvailable, type TestSchema } from "../store/pg.ts";
import { BOT_TOKEN, SIGNING_SECRET, logLines, startReplica, until, type Replica } from "./harness.ts";

const available = await postgresAvailable("the Slack replica de-duplication test");
const ALICE = { userId: "UALICE001", userName: "alice", channelId: "C0GENERAL", teamId: "T0000001" };

describe.runIf(available)("Slack across three replicas on PostgreSQL", () => {
  let schema: TestSchema;
  let slack: FakeSlack;
  let replicas: Replica[] = [];

  beforeAll(async () => {
    schema = await createSchema("lessonbot_dedupe");
    slack = await FakeSlack.start({ botToken: BOT_TOKEN, users: [{ id: ALICE.userId, name: "alice" }] });
    replicas = await Promise.all(
      ["r1", "r2", "r3"].map((name) => startReplica(name, { SLACK_API_URL: slack.apiUrl, DATABASE_URL: schema.url })),
    );
  }, 120_000);

  afterAll(async () => {
    for (const r of replicas) r.bot.cleanup();
    await slack?.close();
    await schema?.drop();
  });

  async function post(replica: Replica, body: string, contentType: string, headers: Record<string, string> = {}): Promise<number> {
    const response = await fetch(`${replica.base}/slack/events`, {
      method: "POST",
      headers: { "content-type": contentType, ...signRequest(SIGNING_SECRET, body), ...headers },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  }

  /** How many replicas logged a drop of `id` (`msg` says which kind). */
  const drops = (msg: string, id: string) =>
    replicas.filter((r) => logLines(r.bot.stdout()).some((l) => l.msg === msg && String(l.deliveryId).endsWith(id))).length;

  it("an event delivered to every replica, first try and retries at once, is answered once", async () => {
    const ts = "1767000000.000100";
    const body = eventBody(ALICE.teamId, slack.botUserId, { type: "app_mention", user: ALICE.userId, text: `<@${slack.botUserId}> 职业倦怠`, channel: ALICE.channelId, ts }, "EvREPLICA0001");
    const statuses = await Promise.all(
      replicas.map((r, i) => post(r, body, "application/json", i === 0 ? {} : { "x-slack-retry-num": String(i), "x-slack-retry-reason": "http_timeout" })),
    );
    expect(statuses).toEqual([200, 200, 200]);
    await until(() => drops("duplicate event dropped", "EvREPLICA0001") === 2, "two replicas to drop the event");
    await slack.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts);
    // Later retries (Slack's 1- and 5-minute ones) reach replicas again: still dropped.
    expect(await post(replicas[2]!, body, "application/json", { "x-slack-retry-num": "3", "x-slack-retry-reason": "http_timeout" })).toBe(200);
    await until(() => countDrops(replicas, "EvREPLICA0001") === 3, "the late retry to be dropped");
    const answers = slack.callsTo("chat.postMessage").filter((c) => c.body.thread_ts === ts);
    console.log(`[replicas] one event to 3 replicas (1 delivery + 3 retries): ${answers.length} answer, ${countDrops(replicas, "EvREPLICA0001")} dropped`);
    expect(answers).toHaveLength(1);
  });

  it("a slash command delivered to every replica with the same trigger_id is answered once, and every copy acked", async () => {
    const command = slashCommandBody(ALICE, "/lesson", "职业倦怠", slack.responseUrl("dup-command"));
    const trigger = new URLSearchParams(command).get("trigger_id")!;
    const statuses = await Promise.all(replicas.map((r) => post(r, command, "application/x-www-form-urlencoded")));
    expect(statuses).toEqual([200, 200, 200]);
    await slack.waitForResponse("dup-command");
    await until(() => drops("duplicate command or action dropped", trigger) === 2, "two replicas to drop the command");
    const answers = slack.responses.filter((r) => r.id === "dup-command");
    console.log(`[replicas] one slash command (same trigger_id) to 3 replicas: ${answers.length} answer`);
    expect(answers).toHaveLength(1);
  });

  it("one message arriving as app_mention at one replica and message.channels at another is answered once", async () => {
    const ts = "1767000000.000200";
    const event = { user: ALICE.userId, text: `<@${slack.botUserId}> 职业倦怠`, channel: ALICE.channelId, ts, channel_type: "channel" as const };
    await Promise.all([
      post(replicas[0]!, eventBody(ALICE.teamId, slack.botUserId, { ...event, type: "app_mention" }, "EvMENTION0001"), "application/json"),
      post(replicas[1]!, eventBody(ALICE.teamId, slack.botUserId, { ...event, type: "message" }, "EvMESSAGE0001"), "application/json"),
    ]);
    await slack.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts);
    // Give a second answer, were one coming, the time the first one took and then some.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(slack.callsTo("chat.postMessage").filter((c) => c.body.thread_ts === ts)).toHaveLength(1);
  });
});

function countDrops(replicas: Replica[], id: string): number {
  return replicas
    .flatMap((r) => logLines(r.bot.stdout()))
    .filter((l) => l.msg === "duplicate event dropped" && String(l.deliveryId).endsWith(id)).length;
}

describe.runIf(available)("Slack Socket Mode across two replicas on PostgreSQL", () => {
  const APP_TOKEN = "xapp-1-A0000001-1111-replicazqxleakAPPtail";
  let schema: TestSchema;
  let slack: FakeSlack;
  let replicas: Replica[] = [];

  beforeAll(async () => {
    schema = await createSchema("lessonbot_socket");
    slack = await FakeSlack.start({ botToken: BOT_TOKEN, appToken: APP_TOKEN, users: [{ id: ALICE.userId, name: "alice" }] });
    replicas = await Promise.all(
      ["s1", "s2"].map((name) => startReplica(name, { SLACK_API_URL: slack.apiUrl, SLACK_APP_TOKEN: APP_TOKEN, DATABASE_URL: schema.url })),
    );
  }, 120_000);

  afterAll(async () => {
    for (const r of replicas) r.bot.cleanup();
    await slack?.close();
    await schema?.drop();
  });

  it("an envelope (and its retry) that reaches both connected replicas is answered once", async () => {
    // The fake sends each envelope down every connection: both replicas get every copy.
    const ts = "1767000000.000300";
    const payload = JSON.parse(eventBody(ALICE.teamId, slack.botUserId, { type: "app_mention", user: ALICE.userId, text: `<@${slack.botUserId}> 职业倦怠`, channel: ALICE.channelId, ts }, "EvSOCKREP001")) as Record<string, unknown>;
    const first = slack.sendEnvelope("events_api", payload);
    const retry = slack.sendEnvelope("events_api", payload, { retry_attempt: 1, retry_reason: "timeout" });
    await until(() => slack.acks.filter((a) => a.envelope_id === first || a.envelope_id === retry).length === 4, "both replicas to ack both copies");
    await slack.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts);
    await until(() => countDrops(replicas, "EvSOCKREP001") === 3, "three of the four copies to be dropped");
    const answers = slack.callsTo("chat.postMessage").filter((c) => c.body.thread_ts === ts);
    console.log(`[replicas] Socket Mode: one event + retry to 2 replicas (4 copies): ${answers.length} answer`);
    expect(answers).toHaveLength(1);
  });

  it("a slash command envelope reaching both replicas is answered once and acked by both", async () => {
    const envelope = slack.sendEnvelope("slash_commands", slashCommandPayload(ALICE, "/lesson", "职业倦怠", slack.responseUrl("sock-command")));
    await until(() => slack.acks.filter((a) => a.envelope_id === envelope).length === 2, "both replicas to ack");
    await slack.waitForResponse("sock-command");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(slack.responses.filter((r) => r.id === "sock-command")).toHaveLength(1);
  });
});
