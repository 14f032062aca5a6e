/**
 * Hostile input through the whole Discord query path. End to end: a few hundred `/lesson search` commands
 * and @mentions reach the real discord.js Client over the fake gateway, the real core answers, and every
 * message the bot POSTs back stays within Discord's limits, pings nobody and is a real answer (quotes,
 * no match with suggestions, or usage), never an error apology. In process: thousands more queries
 * through the same command layer and renderer, and the autocomplete choices built from them.
 */
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import fc from "fast-check";
import { startHarness, type Harness } from "./harness.ts";
import { HOSTILE, violations } from "./invariants.ts";
import { botMessage, opt } from "../fakes/discord/payloads.ts";
import { ALICE, BOT_ID, CHANNEL_ID } from "../fakes/discord/world.ts";
import { hostileArbitraries } from "../support/hostile-replies.ts";
import { COLOURS, renderReply } from "../../adapters/discord/render/message.ts";
import { toChoices } from "../../adapters/discord/handlers/interactions.ts";
import { LIMITS } from "../../adapters/discord/render/limits.ts";
import { createCommandLayer } from "../../src/commands/layer.ts";
import { createLogger } from "../../src/log/logger.ts";
import type { CommandContext } from "../../src/commands/types.ts";
import type { Reply, ReplyKind } from "../../src/reply/types.ts";

type Json = Record<string, unknown>;

/** Hostile pieces, plus words and question marks the library answers to (so some answers quote). */
const PIECES = [
  ...HOSTILE,
  "?",
  "？",
  "职业倦怠",
  "开源社区",
  "怎么运营",
  "為什麼",
  "Envoy",
  "Kubernetes",
  "open source",
  "burnout",
];

const { hostileString, hugeString } = hostileArbitraries({
  pieces: PIECES,
  hugeRepeats: { min: 20, max: 1000 },
  // Only strings are used here; the reply parts of the arbitraries are for renderer fuzzing.
  tokens: fc.constant(""),
  urls: [],
  maxQuotes: 0,
  maxActions: 0,
});

/** A query a person might paste, capped at what Discord lets through (UTF-16 units, possibly cutting a pair). */
function queries(max: number): fc.Arbitrary<string> {
  return fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: hugeString }).map((q) => q.slice(0, max));
}

/** The slash option is registered with setMaxLength(1000); a message is ≤ 2,000 with the mention in front. */
const OPTION_MAX = 1000;
const MENTION = `<@${BOT_ID}> `;
const MESSAGE_MAX = LIMITS.content - MENTION.length;

/** Log lines that mean a request failed instead of being answered (core: "command failed"; adapter: "could not answer …"). */
const FAILURE = /"msg":"(command failed|could not answer[^"]*|autocomplete failed)"/;

/** What a hostile query may get back: quotes, a no-match with suggestions, or usage (empty query / bare mention). */
const ANSWERS: readonly ReplyKind[] = ["quotes", "no_match", "notice", "help"];

function problemsOf(input: string, message: Json): string[] {
  return violations(message).map((p) => `input ${JSON.stringify(input.slice(0, 120))}: ${p}`);
}

let h: Harness;
beforeAll(async () => {
  // Answers go out directly (type 4) so each callback carries the message; deferring is defer.e2e's job.
  h = await startHarness({ deferAfterMs: 10_000 });
});
afterAll(async () => {
  await h?.close();
});

describe("Discord query path under fuzzing", () => {
  test("300 hostile /lesson search commands and @mentions over the gateway: real answers, within limits, pinging nobody", async () => {
    const slash = fc.sample(queries(OPTION_MAX), { seed: 4343, numRuns: 150 });
    const mentions = fc.sample(queries(MESSAGE_MAX), { seed: 4344, numRuns: 150 });
    const problems: string[] = [];
    const colours: number[] = [];
    for (let i = 0; i < slash.length; i++) {
      const query = slash[i]!;
      const answer = await h.command([opt.sub("search", [opt.string("query", query)])]);
      expect(answer.type).toBe(4);
      problems.push(...problemsOf(query, answer.data));
      colours.push(Number((answer.data.embeds as Json[] | undefined)?.[0]?.color));

      const text = mentions[i]!;
      const reply = await h.say({ content: MENTION + text, author: ALICE, mentions: [BOT_ID] });
      if (!reply) throw new Error(`no reply to the @mention ${JSON.stringify(text.slice(0, 120))}`);
      expect(reply.path).toBe(`/channels/${CHANNEL_ID}/messages`);
      problems.push(...problemsOf(text, reply.body as Json));
    }
    expect(problems).toEqual([]);
    // Hostile input got real answers: no request failed or was apologised for.
    expect(h.logs.filter((l) => FAILURE.test(l))).toEqual([]);
    expect(h.logs.filter((l) => l.includes('"msg":"answered slash command"')).length).toBeGreaterThanOrEqual(slash.length);
    // Not vacuous: the sample reached both quotes and no-match answers (told apart by embed colour).
    expect(colours.filter((c) => c === COLOURS.quotes).length).toBeGreaterThan(30);
    expect(colours.filter((c) => c === COLOURS.no_match).length).toBeGreaterThan(30);
  });

  test("a query with a lone surrogate is answered, and its More button pages (the store keeps it as U+FFFD)", async () => {
    const first = await h.command([opt.sub("search", [opt.string("query", "职业倦怠\uD83D")])]);
    expect(first.data.content).toContain("职业倦怠");
    const more = ((first.data.components ?? []) as Json[])
      .flatMap((row) => (row.components ?? []) as Json[])
      .map((b) => String(b.custom_id))
      .find((id) => id.startsWith("m|"));
    expect(more).toBeDefined();
    const next = await h.press(more!, botMessage({ ...first.data, flags: 64 }));
    expect(next.type).toBe(7);
    expect(next.data.content).toContain("4–6");
    expect(violations(next.data)).toEqual([]);
  });
});

describe("the command layer and renderer under thousands of hostile queries", () => {
  const lines: string[] = [];
  const log = createLogger({
    level: "info",
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString("utf8"));
        done();
      },
    }),
  });
  const ctx = (locale: string): CommandContext => ({
    platform: "discord",
    actor: { id: ALICE.id, name: "Alice", canManageChannel: false },
    channelId: CHANNEL_ID,
    locale,
    requestId: "fuzz",
    log,
  });

  /** Renders a reply and lists what is wrong with it (an error apology included). */
  function check(input: string, reply: Reply): { message: Json; problems: string[] } {
    const message = renderReply(reply) as unknown as Json;
    const problems = problemsOf(input, message);
    if (!ANSWERS.includes(reply.kind)) problems.push(`input ${JSON.stringify(input.slice(0, 120))}: reply kind ${reply.kind}`);
    return { message, problems };
  }

  test("3,000 queries as searches, @mentions and autocomplete: rendered within limits, pinging nobody, never an error", async () => {
    const inputs = fc.sample(queries(MESSAGE_MAX), { seed: 20250101, numRuns: 3000 });
    const problems: string[] = [];
    const kinds: Record<string, number> = {};
    let echoed = 0;
    for (const [i, input] of inputs.entries()) {
      const c = ctx(i % 3 === 0 ? "zh-CN" : "en-US");
      const reply =
        i % 2 === 0
          ? await h.core.commands.run({ name: "search", query: input.slice(0, OPTION_MAX) }, c)
          : await h.core.commands.message({ text: input, mentioned: true, direct: false }, c);
      if (!reply) {
        problems.push(`input ${JSON.stringify(input.slice(0, 120))}: an @mention got no answer`);
        continue;
      }
      const checked = check(input, reply);
      problems.push(...checked.problems);
      kinds[reply.kind] = (kinds[reply.kind] ?? 0) + 1;
      // The broadcast reached the message as text (escaped), so the ping checks had something to check.
      if (/@everyone/i.test(input) && /everyone/i.test(JSON.stringify(checked.message))) echoed++;

      // Autocomplete for every third input (it costs as much as a search; a third is plenty).
      if (i % 3 !== 0) continue;
      const choices = toChoices(h.core.commands.autocomplete(input.slice(0, OPTION_MAX), c));
      if (choices.length > LIMITS.choices) problems.push(`autocomplete: ${choices.length} choices`);
      for (const { name, value } of choices) {
        if (name.length < 1 || name.length > LIMITS.choiceName || value.length < 1 || value.length > LIMITS.choiceValue) {
          problems.push(`autocomplete for ${JSON.stringify(input.slice(0, 60))}: choice ${JSON.stringify(name)}`);
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(lines.filter((l) => FAILURE.test(l))).toEqual([]);
    // Not vacuous: quotes and no-match answers both occurred, and hostile text was echoed into what was rendered.
    expect(kinds.quotes ?? 0).toBeGreaterThan(300);
    expect(kinds.no_match ?? 0).toBeGreaterThan(300);
    expect(echoed).toBeGreaterThan(100);
  });

  test("the failure checks are not vacuous: a command that throws is logged as failed and answered with an error", async () => {
    const broken = createCommandLayer({
      engine: () => {
        throw new Error("index on fire");
      },
      store: h.core.store,
      daily: h.core.daily,
      locale: () => "en",
      now: () => new Date(),
    });
    const before = lines.length;
    const reply = await broken.run({ name: "search", query: "@everyone 职业倦怠" }, ctx("en-US"));
    expect(check("@everyone 职业倦怠", reply).problems).toEqual([expect.stringContaining("reply kind error")]);
    expect(lines.slice(before).filter((l) => FAILURE.test(l))).toHaveLength(1);
  });
});
