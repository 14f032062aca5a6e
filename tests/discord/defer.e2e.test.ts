/**
 * Slow answers: when the core takes longer than `deferAfterMs`, the interaction is deferred within
 * Discord's deadline (type 5 for commands, 6 for buttons) and the answer follows as an edit of the
 * original response or as a follow-up, with the visibility the reply asks for. The real core is slowed
 * down by a wrapper; the deferral timer (50 ms) always fires long before the delayed answer (400 ms).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Core } from "../../src/app/core.ts";
import type { Reply } from "../../src/reply/types.ts";
import type { DiscordCore } from "../../adapters/discord/client.ts";
import { ALICE, MOD, sentMessages, startHarness, type Answer, type Harness } from "./harness.ts";
import { violations } from "./invariants.ts";
import { botMessage, opt } from "../fakes/discord/payloads.ts";
import { APP_ID } from "../fakes/discord/world.ts";
import type { RecordedRequest } from "../fakes/discord/server.ts";

type Json = Record<string, unknown>;
const EPHEMERAL = 64;
const DELAY_MS = 400;

/** Changes the next replies (e.g. to make one public), to reach every delivery path. */
let override: ((reply: Reply) => Reply) | undefined;

function slow(core: Core): DiscordCore {
  const later = async (work: () => Promise<Reply>) => {
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
    const reply = await work();
    return override ? override(reply) : reply;
  };
  const commands = core.commands;
  return {
    commands: {
      ...commands,
      run: (invocation, ctx) => later(() => commands.run(invocation, ctx)),
      action: (token, ctx) => later(() => commands.action(token, ctx)),
    },
  };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ deferAfterMs: 50, wrap: slow });
});
afterAll(async () => {
  await h?.close();
});

const flagsOf = (body: unknown) => Number((body as Json).flags ?? (((body as Json).data ?? {}) as Json).flags ?? 0);
const ephemeral = (body: unknown) => (flagsOf(body) & EPHEMERAL) === EPHEMERAL;
const webhook = (answer: Answer) => `/webhooks/${APP_ID}/${answer.interaction.token}`;

/** The requests for one interaction after its callback, once `count` of them have arrived. */
async function followUps(answer: Answer, count: number): Promise<RecordedRequest[]> {
  const mine = () => h.fake.forInteraction(answer.interaction).filter((r) => !r.path.endsWith("/callback"));
  await h.fake.until(() => mine().length >= count, `${count} follow-up request(s)`);
  return mine();
}

describe("slow slash commands are deferred (type 5), then answered", () => {
  test("search: deferred privately, then the original response is edited with the results", async () => {
    const answer = await h.command([opt.sub("search", [opt.string("query", "职业倦怠")])]);
    expect(answer.type).toBe(5);
    expect(ephemeral(answer.callback.body)).toBe(true);
    const [edit] = await followUps(answer, 1);
    expect(edit!.method).toBe("PATCH");
    expect(edit!.path).toBe(`${webhook(answer)}/messages/@original`);
    const body = edit!.body as Json;
    expect(String((body.embeds as Json[])[0]!.description)).toContain("**职业倦怠**");
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  test("daily set by a moderator: deferred publicly, edited with the announcement", async () => {
    const set = [opt.group("daily", opt.sub("set", [opt.string("time", "08:30"), opt.string("timezone", "Europe/Berlin")]))];
    const answer = await h.command(set, { user: MOD });
    expect(answer.type).toBe(5);
    expect(ephemeral(answer.callback.body)).toBe(false);
    const [edit] = await followUps(answer, 1);
    expect(edit!.method).toBe("PATCH");
    expect(JSON.stringify(edit!.body)).toContain("Europe/Berlin");
  });

  test("daily set refused: the public placeholder is replaced by a private follow-up and deleted", async () => {
    const set = [opt.group("daily", opt.sub("set", [opt.string("time", "08:30"), opt.string("timezone", "Europe/Berlin")]))];
    const answer = await h.command(set, { user: ALICE });
    expect(answer.type).toBe(5);
    expect(ephemeral(answer.callback.body)).toBe(false);
    const [followUp, removal] = await followUps(answer, 2);
    expect(followUp!.method).toBe("POST");
    expect(followUp!.path).toBe(webhook(answer));
    expect(ephemeral(followUp!.body)).toBe(true);
    expect(removal!.method).toBe("DELETE");
    expect(removal!.path).toBe(`${webhook(answer)}/messages/@original`);
  });

  test("a reply public after a private deferral is followed up publicly and the placeholder deleted", async () => {
    override = (reply) => ({ ...reply, visibility: "channel" });
    try {
      const answer = await h.command([opt.sub("help")]);
      expect(answer.type).toBe(5);
      expect(ephemeral(answer.callback.body)).toBe(true);
      const [followUp, removal] = await followUps(answer, 2);
      expect(followUp!.method).toBe("POST");
      expect(ephemeral(followUp!.body)).toBe(false);
      expect(removal!.method).toBe("DELETE");
    } finally {
      override = undefined;
    }
  });
});

describe("slow buttons are acknowledged (type 6), then answered", () => {
  let page: Json;

  test("More: the message the button was on is edited with the next page", async () => {
    const first = await h.command([opt.sub("search", [opt.string("query", "开源")])]);
    const [edit] = await followUps(first, 1);
    page = edit!.body as Json;
    const more = ((page.components as Json[]).at(-1)!.components as Json[])[0]!.custom_id as string;
    expect(more).toMatch(/^m\|/);

    const answer = await h.press(more, botMessage({ ...page, flags: EPHEMERAL }));
    expect(answer.type).toBe(6);
    const [next] = await followUps(answer, 1);
    expect(next!.method).toBe("PATCH");
    expect(next!.path).toBe(`${webhook(answer)}/messages/@original`);
    expect(String((next!.body as Json).content)).toContain("4–6");
  });

  test("Share: a public follow-up naming the sharer", async () => {
    const share = ((page.components as Json[])[0]!.components as Json[])[0]!.custom_id as string;
    const answer = await h.press(share, botMessage({ ...page, flags: EPHEMERAL }));
    expect(answer.type).toBe(6);
    const [followUp] = await followUps(answer, 1);
    expect(followUp!.method).toBe("POST");
    expect(ephemeral(followUp!.body)).toBe(false);
    expect(JSON.stringify(followUp!.body)).toContain("Shared by Alice Chen");
  });

  test("👍: a private follow-up thanks the voter", async () => {
    const helpful = ((page.components as Json[])[0]!.components as Json[])[1]!.custom_id as string;
    expect(helpful).toMatch(/^h\|/);
    const answer = await h.press(helpful, botMessage({ ...page, flags: EPHEMERAL }));
    expect(answer.type).toBe(6);
    const [followUp] = await followUps(answer, 1);
    expect(ephemeral(followUp!.body)).toBe(true);
  });

  test("every deferred answer fits the limits and pings nobody", () => {
    const sent = sentMessages(h.fake);
    expect(sent.length).toBeGreaterThanOrEqual(8);
    for (const { request, message } of sent) expect(violations(message), `${request.method} ${request.path}`).toEqual([]);
  });
});
