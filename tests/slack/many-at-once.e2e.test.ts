/**
 * Many slash commands at once, through the real Bolt HTTP receiver and core against the fake Slack: every
 * one is acknowledged (200) and answered exactly once at its own response_url, with the answer
 * to its own question — answers wait their turn (src/util/turns.ts) and none is lost, repeated or mixed up
 * on the way. The reply posts share kept-alive connections (adapters/slack/response-url.ts).
 */
import { describe, expect, test } from "vitest";
import { useSlackHarness, type Harness } from "./harness.ts";
import { preloadCedict } from "../../src/text/cedict.ts";

let h: Harness;

useSlackHarness(async (_real, started) => {
  h = started;
  // A query asked while CC-CEDICT is still being read is answered without translations, so the same
  // question could get two answers within the burst: start it once the dictionary is in.
  await preloadCedict();
});

const QUESTIONS = ["职业倦怠", "开源社区怎么运营", "开源", "云原生", "商业化"];

describe("slash commands in a burst", () => {
  test("60 commands sent together: each acked, each answered once, with its own question's answer", async () => {
    const sent = Array.from({ length: 60 }, (_, i) => QUESTIONS[i % QUESTIONS.length]!);
    const results = await Promise.all(sent.map((text) => h.command(text)));
    expect(results.map((r) => r.status)).toEqual(sent.map(() => 200));
    const ids = results.map((r) => r.responseId);
    await h.fake.waitFor(() => (ids.every((id) => h.fake.responses.some((r) => r.id === id)) ? true : undefined), "every answer");
    for (const [i, id] of ids.entries()) {
      const posts = h.fake.responses.filter((r) => r.id === id);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
      // The same question always gets the same answer: each reply is the one for the question it answers.
      const first = h.fake.responses.find((r) => r.id === ids[i % QUESTIONS.length])!;
      expect(JSON.stringify(posts[0]!.body.blocks)).toBe(JSON.stringify(first.body.blocks));
    }
    expect(h.fake.responseAttempts.filter((a) => ids.includes(a.id)).every((a) => a.outcome === 200)).toBe(true);
  });
});
