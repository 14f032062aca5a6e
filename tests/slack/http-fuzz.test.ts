/**
 * Hostile input through the whole path — signed HTTP request → Bolt → real core → renderer → fake Slack:
 * every reply arrives, stays within Slack's limits and never carries a live mention or broadcast.
 */
import { expect, test } from "vitest";
import fc from "fast-check";
import { useSlackHarness, ALICE, type Harness } from "./harness.ts";
import { HOSTILE, violations } from "./invariants.ts";

let h: Harness;

useSlackHarness((_real, started) => {
  h = started;
});

const query = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: "grapheme", maxLength: 8 })), { maxLength: 12 }).map((p) => p.join("")),
  fc.tuple(fc.constantFrom(...HOSTILE), fc.integer({ min: 100, max: 800 })).map(([s, n]) => s.repeat(n)),
);

test("300 hostile slash commands and mentions: every reply is delivered, within limits, with nothing live", async () => {
  const inputs = fc.sample(query, { seed: 4242, numRuns: 300 });
  for (const [i, text] of inputs.entries()) {
    let body: Record<string, unknown>;
    if (i % 2 === 0) {
      const { status, responseId } = await h.command(text);
      expect(status).toBe(200);
      body = (await h.fake.waitForResponse(responseId)).body;
    } else {
      const ts = `1700009${String(i).padStart(3, "0")}.000100`;
      const event = { type: "app_mention" as const, user: ALICE.id, text: `<@${h.fake.botUserId}> ${text}`, channel: "C0FUZZ001", ts };
      expect((await h.event(event)).status).toBe(200);
      body = (await h.fake.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts)).body;
    }
    const problems = violations(body);
    if (problems.length > 0) throw new Error(`input ${JSON.stringify(text.slice(0, 200))}: ${problems.join("; ")}`);
  }
  // No reply was an error apology: hostile input gets a real answer (quotes, no-match or usage).
  // (The core logs through the request logger the adapter hands it, so its failures would show here too.)
  expect(h.logs.filter((l) => l.includes("slack interaction failed") || l.includes("command failed"))).toEqual([]);
});
