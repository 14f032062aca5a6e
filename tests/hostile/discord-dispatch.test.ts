/**
 * Malformed gateway dispatches sent by the fake Discord to the real discord.js Client: wrong types,
 * nulls, missing fields, in INTERACTION_CREATE, MESSAGE_CREATE and other events. Nothing may escape as an
 * uncaught error (vitest fails the run on one), and the bot still answers afterwards.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import fc from "fast-check";
import { startHarness, type Harness } from "../discord/harness.ts";
import { messageCreate, opt, slashCommand, buttonPress } from "../fakes/discord/payloads.ts";
import { ALICE, CHANNEL_ID } from "../fakes/discord/world.ts";
import { mutated } from "./mutate.ts";
import { collectEscapes } from "./escapes.ts";

let h: Harness;
const escaped = collectEscapes();

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function stillAnswers(): Promise<void> {
  const answer = await h.command([opt.sub("search", [opt.string("query", "职业倦怠")])]);
  expect(answer.type).toBe(4);
  expect(JSON.stringify(answer.data)).toContain("倦怠");
}

const search = () => slashCommand([opt.sub("search", [opt.string("query", "职业倦怠")])], { user: ALICE });

/** Hand-written breakage: each is a shape discord.js or our handlers could trip over. */
function handWritten(): [string, unknown][] {
  const cmd = search() as ReturnType<typeof search> & { member: Record<string, unknown> };
  const press = buttonPress("h|x:1|abc", { id: "1", channel_id: CHANNEL_ID }, { user: ALICE });
  const msg = messageCreate({ content: "<@1100000000000000001> 职业倦怠", author: ALICE, mentions: ["1100000000000000001"] });
  return [
    ["INTERACTION_CREATE", null],
    ["INTERACTION_CREATE", "str"],
    ["INTERACTION_CREATE", 42],
    ["INTERACTION_CREATE", []],
    ["INTERACTION_CREATE", {}],
    ["INTERACTION_CREATE", { ...cmd, data: null }],
    ["INTERACTION_CREATE", { ...cmd, data: "x" }],
    ["INTERACTION_CREATE", { ...cmd, data: { ...cmd.data, options: "x" } }],
    ["INTERACTION_CREATE", { ...cmd, data: { ...cmd.data, options: [null] } }],
    ["INTERACTION_CREATE", { ...cmd, data: { ...cmd.data, options: [{ name: "search", type: 1, options: [{ name: "query", type: 3, value: 5 }] }] } }],
    ["INTERACTION_CREATE", { ...cmd, member: null }],
    ["INTERACTION_CREATE", { ...cmd, member: { ...cmd.member, user: null } }],
    ["INTERACTION_CREATE", { ...cmd, user: null, member: undefined }],
    ["INTERACTION_CREATE", { ...cmd, channel: null, channel_id: null }],
    ["INTERACTION_CREATE", { ...cmd, type: 99 }],
    ["INTERACTION_CREATE", { ...cmd, type: "2" }],
    ["INTERACTION_CREATE", { ...press, data: { custom_id: null, component_type: 2 } }],
    ["INTERACTION_CREATE", { ...press, data: { custom_id: 5, component_type: 2 } }],
    ["INTERACTION_CREATE", { ...press, message: null }],
    ["INTERACTION_CREATE", { ...press, data: { custom_id: "x".repeat(5000), component_type: 2 } }],
    ["MESSAGE_CREATE", null],
    ["MESSAGE_CREATE", "str"],
    ["MESSAGE_CREATE", {}],
    ["MESSAGE_CREATE", { ...msg, author: null }],
    ["MESSAGE_CREATE", { ...msg, author: "x" }],
    ["MESSAGE_CREATE", { ...msg, content: 5 }],
    ["MESSAGE_CREATE", { ...msg, content: null }],
    ["MESSAGE_CREATE", { ...msg, channel_id: null }],
    ["MESSAGE_CREATE", { ...msg, mentions: null }],
    ["MESSAGE_CREATE", { ...msg, mentions: [null] }],
    ["MESSAGE_CREATE", { ...msg, member: "x" }],
    ["MESSAGE_CREATE", { ...msg, guild_id: "999" }],
    ["GUILD_CREATE", null],
    ["GUILD_CREATE", { id: null }],
    ["CHANNEL_CREATE", null],
    ["GUILD_MEMBER_UPDATE", null],
    ["NOT_A_REAL_EVENT", null],
    ["error", {}],
    // (A null READY breaks the session protocol inside @discordjs/ws itself, before any dispatch: that one
    // is left to the process's last-resort handler; see tests/hostile/process.e2e.test.ts.)
  ];
}

describe("malformed gateway dispatches", () => {
  test("hand-written breakage in interactions, messages and other events: nothing escapes, the bot still answers", async () => {
    for (const [t, d] of handWritten()) {
      if (d !== null && typeof d === "object" && "token" in d && "channel_id" in d && typeof d.channel_id === "string") h.fake.interact(d as { token: string; channel_id: string });
      else h.fake.dispatch(t, d);
    }
    await stillAnswers();
    expect(escaped).toEqual([]);
    // Each was dropped at the door or caught while handled, with a log line that names it.
    expect(h.logs.filter((l) => l.includes("malformed gateway dispatch dropped")).length).toBeGreaterThan(25);
  });

  test("600 mutated interactions and messages (fields replaced with wrong types, deleted): nothing escapes, the bot still answers", async () => {
    const press = buttonPress("h|x:1|abc", { id: "1300000000000000050", channel_id: CHANNEL_ID }, { user: ALICE });
    const msg = messageCreate({ content: "<@1100000000000000001> 职业倦怠", author: ALICE, mentions: ["1100000000000000001"] });
    const samples = [
      ...fc.sample(mutated(search()), { seed: 16, numRuns: 250 }).map((d) => ["INTERACTION_CREATE", d] as const),
      ...fc.sample(mutated(press), { seed: 17, numRuns: 150 }).map((d) => ["INTERACTION_CREATE", d] as const),
      ...fc.sample(mutated(msg), { seed: 18, numRuns: 200 }).map((d) => ["MESSAGE_CREATE", d] as const),
    ];
    expect(samples).toHaveLength(600);
    for (const [i, [t, d]] of samples.entries()) {
      h.fake.dispatch(t, d);
      // Let the bot keep up now and then, as a real session would.
      if (i % 50 === 49) await stillAnswers();
    }
    await stillAnswers();
    expect(escaped).toEqual([]);
  }, 120_000);
});
