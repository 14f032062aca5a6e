/**
 * Malformed Socket Mode frames from the fake Slack to the real Bolt app: frames that aren't objects,
 * envelopes without a payload or with a broken one, an envelope type named `error`. None may escape as an
 * uncaught error (each used to, inside the Socket Mode client); every one with an envelope id is acked so
 * Slack won't redeliver it; the bot still answers afterwards.
 */
import { describe, expect, test } from "vitest";
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { useSlackHarness, ALICE, type Harness } from "../slack/harness.ts";
import { blockActionPayload, eventPayload, slashCommandPayload } from "../fakes/slack/payloads.ts";
import { mutated } from "./mutate.ts";
import { collectEscapes } from "./escapes.ts";

let h: Harness;
const escaped = collectEscapes();

useSlackHarness(async (_real, started) => {
  h = started;
  await h.fake.waitForSocket();
}, { socket: true });

async function stillAnswers(): Promise<void> {
  const responseId = randomUUID();
  const envelope = h.fake.sendEnvelope("slash_commands", slashCommandPayload(h.actor(), "/lesson", "职业倦怠", h.fake.responseUrl(responseId)));
  await h.fake.waitForAck(envelope);
  expect(JSON.stringify((await h.fake.waitForResponse(responseId)).body)).toContain("倦怠");
}

const mention = eventPayload("T0000001", "UBOT0001", { type: "app_mention", user: ALICE.id, text: "<@UBOT0001> 职业倦怠", channel: "C0SOCKFUZZ", ts: "1700004000.000100" });

describe("malformed Socket Mode frames", () => {
  test("null, non-objects, missing or broken payloads, an `error` envelope type: acked by id, nothing escapes", async () => {
    const withIds: [string, Record<string, unknown>][] = [
      ["events_api without payload", { type: "events_api" }],
      ["events_api payload null", { type: "events_api", payload: null }],
      ["events_api event null", { type: "events_api", payload: { ...mention, event: null } }],
      ["events_api event string", { type: "events_api", payload: { ...mention, event: "str" } }],
      ["events_api event type error", { type: "events_api", payload: { ...mention, event: { type: "error" } } }],
      ["slash_commands payload null", { type: "slash_commands", payload: null }],
      ["slash_commands text array", { type: "slash_commands", payload: { ...slashCommandPayload(h.actor(), "/lesson", "x", h.fake.responseUrl()), text: ["a"] } }],
      ["interactive user null", { type: "interactive", payload: { ...blockActionPayload(h.actor(), { action_id: "lesson:more:0", value: "m|q|1" }, h.fake.responseUrl(), { ts: "1.1", ephemeral: true }), user: null } }],
      ["envelope type error", { type: "error", payload: {} }],
      ["envelope type number", { type: 5, payload: {} }],
    ];
    const ids = withIds.map(([, envelope]) => {
      const id = randomUUID();
      h.fake.sendRaw(JSON.stringify({ envelope_id: id, ...envelope }));
      return id;
    });
    for (const frame of ["null", "42", '"hello"', "[]", "{", JSON.stringify({ type: "events_api", payload: mention })]) h.fake.sendRaw(frame);
    for (const id of ids) await h.fake.waitForAck(id);
    await stillAnswers();
    expect(escaped).toEqual([]);
    expect(h.logs.filter((l) => l.includes("malformed socket mode envelope acknowledged and dropped")).length).toBeGreaterThanOrEqual(9);
  });

  test("400 mutated envelopes: every one acked, nothing escapes, the bot still answers", async () => {
    const command = slashCommandPayload(h.actor(), "/lesson", "职业倦怠", "http://127.0.0.1:9/response/x");
    const envelopes = fc.sample(
      fc.oneof(
        mutated({ type: "events_api", payload: mention }),
        mutated({ type: "slash_commands", payload: command }),
        mutated({ type: "interactive", payload: blockActionPayload(h.actor(), { action_id: "lesson:helpful:0", value: "h|p:1|q" }, "http://127.0.0.1:9/response/x", { ts: "1.1", ephemeral: true }) }),
      ),
      { seed: 1603, numRuns: 400 },
    );
    const ids = envelopes.map((envelope) => {
      const id = randomUUID();
      h.fake.sendRaw(JSON.stringify({ ...(envelope as object), envelope_id: id }));
      return id;
    });
    for (const id of ids) await h.fake.waitForAck(id);
    await stillAnswers();
    expect(escaped).toEqual([]);
  });
});
