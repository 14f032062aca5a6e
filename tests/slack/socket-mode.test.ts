/**
 * The Slack adapter in Socket Mode: the real Bolt app asks the fake Slack for a WebSocket URL
 * (`apps.connections.open` with the app token), connects to the local WebSocket server, acks every
 * envelope by id and answers through the Web API / response_url, with the real core behind it.
 */
import { describe, expect, test } from "vitest";
import { randomUUID } from "node:crypto";
import { useSlackHarness, ALICE, SECRETS, buttonsOf, type Harness } from "./harness.ts";
import { blockActionPayload, eventPayload, slashCommandPayload } from "../fakes/slack/payloads.ts";
import { violations } from "./invariants.ts";

let h: Harness;

useSlackHarness((_real, started) => {
  h = started;
}, {
  socket: true,
  customRoutes: [{ path: "/healthz", method: ["GET"], handler: (_req, res) => void res.writeHead(200).end("ok") }],
});

function quoteSections(body: Record<string, unknown>): string[] {
  const blocks = (body.blocks ?? []) as { type: string; text?: { text: string } }[];
  return blocks.filter((b) => b.type === "section" && b.text?.text.startsWith(">")).map((b) => b.text?.text ?? "");
}

describe("Socket Mode", () => {
  test("connects through apps.connections.open with the app-level token", async () => {
    expect(h.bot.transport).toBe("socket");
    const open = h.fake.callsTo("apps.connections.open");
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open[0]!.headers.authorization).toBe(`Bearer ${SECRETS.appToken}`);
    await h.fake.waitForSocket();
  });

  test("a slash-command envelope is acked by its envelope id and answered through response_url", async () => {
    const responseId = randomUUID();
    const envelopeId = h.fake.sendEnvelope("slash_commands", slashCommandPayload(h.actor(), "/lesson", "职业倦怠", h.fake.responseUrl(responseId)));
    const ack = await h.fake.waitForAck(envelopeId);
    expect(ack.envelope_id).toBe(envelopeId);

    const reply = (await h.fake.waitForResponse(responseId)).body;
    expect(reply.response_type).toBe("ephemeral");
    expect(quoteSections(reply).some((q) => q.includes("倦怠"))).toBe(true);
    expect(violations(reply)).toEqual([]);

    // A button from that reply, pressed over the socket: More replaces the message with page 2.
    const more = buttonsOf(reply).find((b) => b.action_id.startsWith("lesson:more:"));
    expect(more).toBeDefined();
    const pressId = randomUUID();
    const pressEnvelope = h.fake.sendEnvelope(
      "interactive",
      blockActionPayload(h.actor(), more!, h.fake.responseUrl(pressId), { ts: "1700000000.000001", ephemeral: true }),
    );
    await h.fake.waitForAck(pressEnvelope);
    const page2 = (await h.fake.waitForResponse(pressId)).body;
    expect(page2.replace_original).toBe(true);
    expect(quoteSections(page2).length).toBeGreaterThan(0);
  });

  test("an app_mention envelope is acked and answered in thread; its retry is not answered again", async () => {
    const ts = "1700002000.000100";
    const event = { type: "app_mention" as const, user: ALICE.id, text: `<@${h.fake.botUserId}> 开源社区怎么运营`, channel: "C0SOCKET1", ts };
    const payload = eventPayload(h.fake.teamId, h.fake.botUserId, event, "EvSOCKET001");
    const envelopeId = h.fake.sendEnvelope("events_api", payload);
    await h.fake.waitForAck(envelopeId);
    const reply = await h.fake.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts);
    expect(reply.body.channel).toBe("C0SOCKET1");
    expect(quoteSections(reply.body).length).toBeGreaterThan(0);

    const retryId = h.fake.sendEnvelope("events_api", payload, { retry_attempt: 1, retry_reason: "timeout" });
    await h.fake.waitForAck(retryId);
    await h.fake.waitFor(() => h.logs.find((l) => l.includes("duplicate event dropped") && l.includes("EvSOCKET001")), "the retry to be dropped");
    expect(h.fake.calls.filter((c) => c.method === "chat.postMessage" && c.body.thread_ts === ts)).toHaveLength(1);
  });

  test("ops routes are still served over HTTP on their own port", async () => {
    expect(h.bot.port).toBeGreaterThan(0);
    const response = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
  });

  test("no log line carries the app token, bot token or signing secret", () => {
    const all = h.logs.join("");
    expect(all).toContain("apps.connections.open");
    for (const secret of Object.values(SECRETS)) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/xapp-[A-Za-z0-9-]+|xoxb-[A-Za-z0-9-]+/);
  });
});
