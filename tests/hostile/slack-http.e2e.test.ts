/**
 * Hostile requests that carry a valid signature, against the bot as a real process (`src/main.ts` through
 * tsx, as `npm start` runs it) on a fake Slack: `null` bodies, wrongly typed payloads, and 2,000+ fuzzed
 * JSON and form bodies. None may crash the process or get a 5xx; /healthz stays up, the refusals are
 * counted in /metrics, and a real command is still answered afterwards.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import fc from "fast-check";
import { FakeSlack } from "../fakes/slack/server.ts";
import { postSigned } from "../fakes/slack/signer.ts";
import { blockActionPayload, eventPayload, slashCommandPayload, type Actor } from "../fakes/slack/payloads.ts";
import { startBot, type BotProcess } from "../console/bot-process.ts";
import { hostileValue, mutated } from "./mutate.ts";
import { loggedPort } from "../support/logs.ts";

const BOT_TOKEN = "xoxb-1111-2222-hostilezqxleakBOTtail";
const SIGNING_SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0hostilezqxleak";
const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

let slack: FakeSlack;
let bot: BotProcess;
let base: string;

beforeAll(async () => {
  slack = await FakeSlack.start({ botToken: BOT_TOKEN, users: [{ id: "UALICE001", name: "alice" }] });
  bot = startBot([], { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: "0", LOG_LEVEL: "info" });
  base = `http://127.0.0.1:${await loggedPort(bot, "slack adapter listening")}`;
  await bot.waitFor(/"msg":"index ready"/);
});

afterAll(async () => {
  bot?.cleanup();
  await slack?.close();
});

const actor: Actor = { userId: "UALICE001", userName: "alice", channelId: "C0HOSTILE", teamId: "T0000001" };

async function post(body: string, contentType: string, timestamp?: number): Promise<number> {
  return (await postSigned(`${base}/slack/events`, SIGNING_SECRET, body, contentType, { timestamp })).status;
}

function form(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) params.append(key, v);
  return params.toString();
}

async function alive(): Promise<void> {
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
  expect(bot.child.exitCode).toBeNull();
}

/** A real command still gets its answer. */
async function stillAnswers(id: string): Promise<void> {
  const body = form(slashCommandPayload(actor, "/lesson", "职业倦怠", slack.responseUrl(id)));
  expect(await post(body, FORM)).toBe(200);
  expect(JSON.stringify((await slack.waitForResponse(id)).body)).toContain("倦怠");
}

const command = slashCommandPayload(actor, "/lesson", "职业倦怠", "http://127.0.0.1:9/response/x");
const press = blockActionPayload(actor, { action_id: "lesson:helpful:0", value: "h|p:1|q" }, "http://127.0.0.1:9/response/x", { ts: "1700000000.000001", ephemeral: true });
const mention = eventPayload("T0000001", "UBOT0001", { type: "app_mention", user: "UALICE001", text: "<@UBOT0001> 职业倦怠", channel: "C0HOSTILE", ts: "1700000000.000100" });

describe("signed but malformed requests against a running bot", () => {
  test("the bodies that used to kill it or get a 500 are refused with 400, or acked when they are events", async () => {
    const cases: [string, string, string, number][] = [
      ["JSON null", "null", JSON_TYPE, 400],
      ["form payload=null", form({ payload: "null" }), FORM, 400],
      ["JSON number", "42", JSON_TYPE, 400],
      ["JSON string", '"ssl_check"', JSON_TYPE, 400],
      ["JSON array", "[]", JSON_TYPE, 400],
      ["empty object", "{}", JSON_TYPE, 400],
      ["unparseable JSON", "{", JSON_TYPE, 400],
      ["event: null", JSON.stringify({ ...mention, event: null }), JSON_TYPE, 200],
      ["event: \"str\"", JSON.stringify({ ...mention, event: "str" }), JSON_TYPE, 200],
      ["event without channel", JSON.stringify({ ...mention, event: { type: "app_mention", ts: "1.2", text: "hi" } }), JSON_TYPE, 200],
      ["event.item null", JSON.stringify({ ...mention, event: { type: "reaction_added", item: null } }), JSON_TYPE, 200],
      ["event.user object null", JSON.stringify({ ...mention, event: { ...(mention.event as object), user: null } }), JSON_TYPE, 200],
      ["block_actions without user", form({ payload: JSON.stringify({ ...press, user: undefined }) }), FORM, 400],
      ["block_actions user: null", form({ payload: JSON.stringify({ ...press, user: null }) }), FORM, 400],
      ["block_actions channel: null", form({ payload: JSON.stringify({ ...press, channel: null }) }), FORM, 400],
      ["block_actions actions: \"x\"", form({ payload: JSON.stringify({ ...press, actions: "x" }) }), FORM, 400],
      ["block_actions actions: [null]", form({ payload: JSON.stringify({ ...press, actions: [null] }) }), FORM, 400],
      ["block_actions value: 5", form({ payload: JSON.stringify({ ...press, actions: [{ type: "button", action_id: "lesson:helpful:0", value: 5 }] }) }), FORM, 400],
      ["view_submission without view", form({ payload: JSON.stringify({ type: "view_submission", user: { id: "U1" } }) }), FORM, 400],
      ["command text repeated (array)", form({ ...command, text: ["a", "b"] }), FORM, 400],
      ["command without user_id", form({ ...command, user_id: "" }), FORM, 400],
      ["command response_url not a URL", form({ ...command, response_url: "javascript:alert(1)" }), FORM, 400],
      ["another app's command", form({ ...command, command: "/other" }), FORM, 400],
      ["command JSON with numbers", JSON.stringify({ ...command, channel_id: 5 }), JSON_TYPE, 400],
      ["url_verification without challenge", JSON.stringify({ type: "url_verification" }), JSON_TYPE, 400],
    ];
    for (const [name, body, type, expected] of cases) {
      const status = await post(body, type);
      if (status !== expected) throw new Error(`${name}: HTTP ${status}, expected ${expected}`);
    }
    await alive();
    await stillAnswers("after-hand-written");
    // Each refusal was logged with a request id and a reason, never with the body.
    // (The child's stdout can trail its HTTP answers: wait for the lines.)
    const refusals = () => bot.stdout().split("\n").filter((l) => l.includes("not a well-formed Slack payload") || l.includes("malformed event acknowledged"));
    for (const deadline = Date.now() + 10_000; refusals().length < cases.length - 1 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
    const lines = refusals();
    // Every case but the unparseable one (logged as such) says why it was refused.
    expect(lines).toHaveLength(cases.length - 1);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ reqId: expect.stringMatching(/^[0-9a-f]{8}$/), reason: expect.any(String) });
  });

  test("a signed timestamp 10 minutes in the future is refused like a stale one, and nothing is answered", async () => {
    const now = Math.floor(Date.now() / 1000);
    const body = (id: string) => form(slashCommandPayload(actor, "/lesson", "职业倦怠", slack.responseUrl(id)));
    expect(await post(body("future"), FORM, now + 10 * 60)).toBe(401);
    expect(await post(body("stale"), FORM, now - 10 * 60)).toBe(401);
    // Inside the window either way is fine (clocks drift).
    expect(await post(body("slightly-ahead"), FORM, now + 60)).toBe(200);
    await slack.waitForResponse("slightly-ahead");
    expect(slack.responses.filter((r) => r.id === "future" || r.id === "stale")).toEqual([]);
    await bot.waitFor(/"skewSeconds":(599|600),"msg":"signed timestamp outside the 5-minute window/);
  });

  test("2,400 fuzzed signed JSON and form bodies: no 5xx, no crash, /healthz up, refusals counted, commands still answered", async () => {
    const url = "http://127.0.0.1:9/response/fuzz";
    const jsonBodies = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      mutated(mention).map((v) => JSON.stringify(v)),
      mutated({ ...mention, event: { type: "message", channel_type: "im", user: "UALICE001", text: "hi", channel: "D0HOSTILE", ts: "1.1" } }).map((v) => JSON.stringify(v)),
      mutated(command).map((v) => JSON.stringify(v)),
    );
    const formBodies = fc.oneof(
      mutated(press).map((v) => form({ payload: JSON.stringify(v) ?? "undefined" })),
      hostileValue.map((v) => form({ payload: JSON.stringify(v) ?? "" })),
      mutated(slashCommandPayload(actor, "/lesson", "职业倦怠", url)).map((v) => formOf(v)),
      fc.dictionary(fc.constantFrom("command", "text", "user_id", "channel_id", "team_id", "payload", "ssl_check", "type", "response_url"), fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }))).map((v) => form(v)),
    );
    const samples = [
      ...fc.sample(jsonBodies, { seed: 1601, numRuns: 1200 }).map((body) => [body, JSON_TYPE] as const),
      ...fc.sample(formBodies, { seed: 1602, numRuns: 1200 }).map((body) => [body, FORM] as const),
    ];
    expect(samples.length).toBeGreaterThanOrEqual(2000);

    const statuses = new Map<number, number>();
    const failures: string[] = [];
    // A few at a time, as Slack would send them.
    for (let i = 0; i < samples.length; i += 8) {
      await Promise.all(
        samples.slice(i, i + 8).map(async ([body, type]) => {
          const status = await post(body, type);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 500) failures.push(`${status} for ${type} ${body.slice(0, 300)}`);
        }),
      );
    }
    expect(failures).toEqual([]);
    // The fuzz reached both the door (400) and the listeners (200).
    expect(statuses.get(400) ?? 0).toBeGreaterThan(500);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
    await alive();
    await stillAnswers("after-fuzz");

    const metrics = await (await fetch(`${base}/metrics`)).text();
    const rejected = Number(/lessonbot_rejected_requests_total\{platform="slack",reason="malformed"\} (\d+)/.exec(metrics)?.[1] ?? 0);
    expect(rejected).toBeGreaterThanOrEqual(statuses.get(400) ?? 0);
    // Nothing reached the last-resort handler: the door stopped it all.
    expect(bot.stdout()).not.toContain("unhandled error caught");
    expect(bot.stdout() + bot.stderr()).not.toMatch(/zqxleak/i);
  }, 180_000);
});

function formOf(value: unknown): string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return form({ payload: JSON.stringify(value) ?? "" });
  const fields: Record<string, string | string[]> = {};
  for (const [key, v] of Object.entries(value)) fields[key] = Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : JSON.stringify(x) ?? "")) : typeof v === "string" ? v : (JSON.stringify(v) ?? "");
  return form(fields);
}
