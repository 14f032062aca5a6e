/**
 * The Slack adapter end to end over HTTP: the real Bolt app (HTTP receiver on an ephemeral port) driving
 * the real core on the bundled corpus, talking to a fake Slack (Web API + response_url) over sockets.
 * Requests are signed like Slack's; we assert what the bot posted, where, and to whom.
 */
import { describe, expect, test } from "vitest";
import Database from "better-sqlite3";
import { useSlackHarness, ADMIN, ALICE, LISTED, SECRETS, blockText, buttonsOf, type Harness, type RealCore, type FoundButton } from "./harness.ts";
import { slashCommandBody } from "../fakes/slack/payloads.ts";
import type { ApiCall } from "../fakes/slack/server.ts";
import { violations } from "./invariants.ts";

let real: RealCore;
let h: Harness;

useSlackHarness((r, started) => {
  real = r;
  h = started;
});

let tsCounter = 0;
/** A fresh message timestamp, Slack-style. */
function nextTs(): string {
  tsCounter += 1;
  return `1700001${String(tsCounter).padStart(3, "0")}.000${String(tsCounter).padStart(3, "0")}`;
}

function sections(body: Record<string, unknown>): string[] {
  const blocks = (body.blocks ?? []) as { type: string; text?: { text: string } }[];
  return blocks.filter((b) => b.type === "section").map((b) => b.text?.text ?? "");
}

function contexts(body: Record<string, unknown>): string[] {
  const blocks = (body.blocks ?? []) as { type: string; elements?: { text: string }[] }[];
  return blocks.filter((b) => b.type === "context").flatMap((b) => (b.elements ?? []).map((e) => e.text));
}

function quoteSections(body: Record<string, unknown>): string[] {
  return sections(body).filter((t) => t.startsWith(">"));
}

function button(body: Record<string, unknown>, kind: string): FoundButton {
  const found = buttonsOf(body).find((b) => b.action_id.startsWith(`lesson:${kind}:`));
  if (!found) throw new Error(`no ${kind} button in ${blockText(body)}`);
  return found;
}

/** A mention, answered in its thread; resolves with the bot's reply. */
async function mention(text: string, channel = "C0QA00001"): Promise<{ ts: string; reply: ApiCall }> {
  const ts = nextTs();
  await h.event({ type: "app_mention", user: ALICE.id, text: `<@${h.fake.botUserId}> ${text}`, channel, ts });
  const reply = await h.fake.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts);
  return { ts, reply };
}

function repliesTo(ts: string): ApiCall[] {
  return h.fake.calls.filter((c) => c.method === "chat.postMessage" && c.body.thread_ts === ts);
}

describe("/lesson over HTTP", () => {
  let first: Record<string, unknown>;

  test("/lesson 职业倦怠 is acked with an empty 200, then answered privately with quotes, attribution and buttons", async () => {
    const { status, responseId } = await h.command("职业倦怠");
    expect(status).toBe(200);
    first = (await h.fake.waitForResponse(responseId)).body;

    expect(first.response_type).toBe("ephemeral");
    expect(first.replace_original).toBe(false);
    const quotes = quoteSections(first);
    expect(quotes.length).toBeGreaterThanOrEqual(1);
    expect(quotes.length).toBeLessThanOrEqual(3);
    expect(quotes.some((q) => q.includes("倦怠"))).toBe(true);
    // The matched term is bold inside the quote.
    expect(quotes.join("\n")).toMatch(/\*[^*\n]*倦怠[^*\n]*\*/);
    // speaker · article · section (· link): the Envoy article's author says it.
    expect(contexts(first).some((c) => c.includes("Matt Klein") && c.includes(" · ") && c.includes("Envoy"))).toBe(true);
    for (const kind of ["share", "helpful", "not_helpful"]) expect(button(first, kind).value).not.toBe("");
    expect(String(first.text)).toContain("职业倦怠");
    expect(violations(first)).toEqual([]);
  });

  test("More replaces the original message with the next page", async () => {
    const more = button(first, "more");
    const { status, responseId } = await h.press(more, { ts: "1700000000.000001", ephemeral: true });
    expect(status).toBe(200);
    const page2 = (await h.fake.waitForResponse(responseId)).body;
    expect(page2.replace_original).toBe(true);
    const quotes = quoteSections(page2);
    expect(quotes.length).toBeGreaterThan(0);
    // A different page: none of page 1's quotes again.
    for (const quote of quotes) expect(quoteSections(first)).not.toContain(quote);
    expect(violations(page2)).toEqual([]);
  });

  test("Share to channel posts that quote in the channel, naming the sharer without a mention", async () => {
    const before = h.fake.callsTo("chat.postMessage").length;
    const share = button(first, "share");
    await h.press(share, { ts: "1700000000.000001", ephemeral: true });
    const post = await h.fake.waitFor(() => h.fake.callsTo("chat.postMessage")[before], "the shared post");

    expect(post.body.channel).toBe("C0GENERAL");
    expect(post.body.thread_ts).toBeUndefined();
    expect(post.headers.authorization).toBe(`Bearer ${SECRETS.botToken}`);
    const shared = quoteSections(post.body);
    expect(shared).toHaveLength(1);
    expect(quoteSections(first)).toContain(shared[0]);
    const text = blockText(post.body);
    expect(text).toContain("Alice Chen");
    expect(text).not.toContain(`<@${ALICE.id}>`);
    expect(violations(post.body)).toEqual([]);
  });

  test("sharing in a channel the bot hasn't joined falls back to the response_url, in channel", async () => {
    h.fake.failNext("chat.postMessage", { error: "not_in_channel" });
    const share = button(first, "share");
    const { responseId } = await h.press(share, { ts: "1700000000.000001", ephemeral: true });
    const posted = (await h.fake.waitForResponse(responseId)).body;
    expect(posted.response_type).toBe("in_channel");
    expect(posted.replace_original).toBe(false);
    expect(blockText(posted)).toContain("Alice Chen");
    expect(quoteSections(posted)).toHaveLength(1);
  });

  test("helpful / not helpful are recorded in the store and acknowledged privately", async () => {
    const helpful = button(first, "helpful");
    const up = await h.press(helpful, { ts: "1700000000.000001", ephemeral: true });
    const thanks = (await h.fake.waitForResponse(up.responseId)).body;
    expect(thanks.response_type).toBe("ephemeral");
    expect(thanks.replace_original).toBe(false);
    expect(quoteSections(thanks)).toEqual([]);

    const notHelpful = buttonsOf(first).filter((b) => b.action_id.startsWith("lesson:not_helpful:"))[1] ?? button(first, "not_helpful");
    const down = await h.press(notHelpful, { ts: "1700000000.000001", ephemeral: true }, ADMIN);
    await h.fake.waitForResponse(down.responseId);

    const db = new Database(real.dbPath, { readonly: true });
    try {
      const rows = db.prepare("SELECT user_id, passage_id, query, helpful, channel_id FROM feedback ORDER BY user_id").all() as {
        user_id: string;
        passage_id: string;
        query: string;
        helpful: number;
        channel_id: string;
      }[];
      expect(rows).toEqual([
        expect.objectContaining({ user_id: ADMIN.id, helpful: 0, query: "职业倦怠", channel_id: "C0GENERAL" }),
        expect.objectContaining({ user_id: ALICE.id, helpful: 1, query: "职业倦怠", channel_id: "C0GENERAL" }),
      ]);
      expect(helpful.value).toContain(rows[1]!.passage_id);
    } finally {
      db.close();
    }
  });

  test("/lesson and /lesson help show the usage", async () => {
    for (const text of ["", "help"]) {
      const { responseId } = await h.command(text);
      const usage = (await h.fake.waitForResponse(responseId)).body;
      expect(usage.response_type).toBe("ephemeral");
      const all = sections(usage).join("\n");
      expect(all).toContain("/lesson random");
      expect(all).toContain("/lesson config respond");
      expect(quoteSections(usage)).toEqual([]);
      expect(violations(usage)).toEqual([]);
    }
  });

  test("/lesson random gives one quote with its attribution", async () => {
    const { responseId } = await h.command("random");
    const body = (await h.fake.waitForResponse(responseId)).body;
    expect(quoteSections(body)).toHaveLength(1);
    expect(contexts(body).some((c) => c.includes(" · "))).toBe(true);
    expect(violations(body)).toEqual([]);
  });

  test("/lesson config respond is refused for a member, allowed for a workspace admin and an allow-listed user", async () => {
    const channel = { platform: "slack" as const, channelId: "C0CONFIG1" };
    const refused = await h.command("config respond questions", ALICE, channel.channelId);
    const no = (await h.fake.waitForResponse(refused.responseId)).body;
    expect(no.response_type).toBe("ephemeral");
    expect(await real.core.store.getChannelSettings(channel)).toEqual({ respondMode: "mentions" });

    const byAdmin = await h.command("config respond questions", ADMIN, channel.channelId);
    const yes = (await h.fake.waitForResponse(byAdmin.responseId)).body;
    expect(sections(yes).join()).not.toEqual(sections(no).join());
    expect(await real.core.store.getChannelSettings(channel)).toEqual({ respondMode: "questions" });

    const byListed = await h.command("config respond all", LISTED, channel.channelId);
    await h.fake.waitForResponse(byListed.responseId);
    expect(await real.core.store.getChannelSettings(channel)).toEqual({ respondMode: "all" });
    // users.info told us who is an admin; the allow-list needs no lookup to be honoured.
    expect(h.fake.callsTo("users.info").some((c) => c.body.user === ADMIN.id)).toBe(true);
  });
});

describe("channel Q&A", () => {
  test("an @mention is answered in the message's thread, with the bot's mention stripped", async () => {
    const { ts, reply } = await mention("开源社区怎么运营");
    expect(reply.body.channel).toBe("C0QA00001");
    expect(reply.body.thread_ts).toBe(ts);
    expect(quoteSections(reply.body).length).toBeGreaterThan(0);
    expect(quoteSections(reply.body).join()).toMatch(/\*[^*]*社区[^*]*\*/);
    expect(blockText(reply.body)).not.toContain(h.fake.botUserId);
    expect(violations(reply.body)).toEqual([]);
  });

  test("a mention inside a thread is answered in that thread", async () => {
    const root = nextTs();
    const ts = nextTs();
    await h.event({ type: "app_mention", user: ALICE.id, text: `<@${h.fake.botUserId}> 开源社区怎么运营`, channel: "C0QA00001", ts, thread_ts: root });
    const reply = await h.fake.waitForCall("chat.postMessage", (c) => c.body.thread_ts === root);
    expect(reply.body.channel).toBe("C0QA00001");
  });

  test("when the answer can't be posted, the asker is told privately in the thread", async () => {
    h.fake.failNext("chat.postMessage", { error: "channel_not_found" });
    const ts = nextTs();
    await h.event({ type: "app_mention", user: ALICE.id, text: `<@${h.fake.botUserId}> 开源社区怎么运营`, channel: "C0LOCKED1", ts });
    const notice = await h.fake.waitForCall("chat.postEphemeral", (c) => c.body.thread_ts === ts);
    expect(notice.body).toMatchObject({ channel: "C0LOCKED1", user: ALICE.id });
    expect(String(notice.body.text)).toMatch(/ref [0-9a-f]{8}/);
    // The reference is the request id of the failed interaction's log lines.
    const ref = /ref ([0-9a-f]{8})/.exec(String(notice.body.text))![1]!;
    expect(h.logs.some((l) => l.includes(`"reqId":"${ref}"`) && l.includes("slack interaction failed"))).toBe(true);
  });

  test("a direct message is answered in its thread", async () => {
    const ts = nextTs();
    await h.event({ type: "message", channel_type: "im", user: ALICE.id, text: "开源社区怎么运营", channel: "D0ALICE01", ts });
    const reply = await h.fake.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts);
    expect(reply.body.channel).toBe("D0ALICE01");
    expect(quoteSections(reply.body).length).toBeGreaterThan(0);
  });

  test("an off-topic mention gets a short no-match note, never an unrelated quote", async () => {
    const { reply } = await mention("今天天气怎么样");
    expect(quoteSections(reply.body)).toEqual([]);
    expect(sections(reply.body).join("").length).toBeGreaterThan(0);
    expect(sections(reply.body).join("").length).toBeLessThan(200);
    expect(violations(reply.body)).toEqual([]);
  });

  test("in a `questions` channel, questions are answered without a mention and other chatter is not", async () => {
    const channel = "C0QUESTN1";
    const set = await h.command("config respond questions", ADMIN, channel);
    await h.fake.waitForResponse(set.responseId);

    const chatter = nextTs();
    await h.event({ type: "message", channel_type: "channel", user: ALICE.id, text: "我们下午三点开会", channel, ts: chatter });
    const question = nextTs();
    await h.event({ type: "message", channel_type: "channel", user: ALICE.id, text: "开源社区应该怎么运营？", channel, ts: question });
    const reply = await h.fake.waitForCall("chat.postMessage", (c) => c.body.thread_ts === question);
    expect(reply.body.channel).toBe(channel);
    expect(quoteSections(reply.body).length).toBeGreaterThan(0);
    expect(repliesTo(chatter)).toEqual([]);
  });

  test("in a default (`mentions`) channel, an unaddressed question gets no reply", async () => {
    const unaddressed = nextTs();
    await h.event({ type: "message", channel_type: "channel", user: ALICE.id, text: "开源社区应该怎么运营？", channel: "C0QUIET01", ts: unaddressed });
    await mention("开源社区怎么运营", "C0QUIET01");
    expect(repliesTo(unaddressed)).toEqual([]);
  });

  test("edits, joins and other bots' messages are ignored; a mention delivered as two events is answered once", async () => {
    const channel = "C0ALLMODE";
    const set = await h.command("config respond all", ADMIN, channel);
    await h.fake.waitForResponse(set.responseId);

    const edited = nextTs();
    await h.event({ type: "message", subtype: "message_changed", channel_type: "channel", text: "开源社区怎么运营", channel, ts: edited });
    const joined = nextTs();
    await h.event({ type: "message", subtype: "channel_join", user: ALICE.id, text: "<@UALICE001> has joined", channel, ts: joined });
    const fromBot = nextTs();
    await h.event({ type: "message", bot_id: "BOTHER001", user: "UOTHERBOT", text: "开源社区怎么运营", channel, ts: fromBot });
    const own = nextTs();
    await h.event({ type: "message", user: h.fake.botUserId, text: "开源社区怎么运营", channel, ts: own });

    // Slack sends a channel mention both as app_mention and as message.channels.
    const twice = nextTs();
    const text = `<@${h.fake.botUserId}> 开源社区怎么运营`;
    await h.event({ type: "message", channel_type: "channel", user: ALICE.id, text, channel, ts: twice });
    await h.event({ type: "app_mention", user: ALICE.id, text, channel, ts: twice });
    await h.fake.waitForCall("chat.postMessage", (c) => c.body.thread_ts === twice);
    await mention("开源社区怎么运营", channel); // everything before it has been handled

    for (const ts of [edited, joined, fromBot, own]) expect(repliesTo(ts)).toEqual([]);
    expect(repliesTo(twice)).toHaveLength(1);
  });
});

describe("request safety", () => {
  test("a bad signature gets 401 and nothing is posted", async () => {
    const body = slashCommandBody(h.actor(), "/lesson", "职业倦怠", h.fake.responseUrl("forged"));
    const forged = await h.post(body, "application/x-www-form-urlencoded", { signature: "v0=deadbeef" });
    expect(forged.status).toBe(401);
    const unsigned = await h.post(body, "application/x-www-form-urlencoded", { signature: "" });
    expect(unsigned.status).toBe(401);

    const { responseId } = await h.command("职业倦怠");
    await h.fake.waitForResponse(responseId);
    expect(h.fake.responses.filter((r) => r.id === "forged")).toEqual([]);
  });

  test("a correctly signed request older than five minutes is rejected", async () => {
    const body = slashCommandBody(h.actor(), "/lesson", "职业倦怠", h.fake.responseUrl("stale"));
    const stale = await h.post(body, "application/x-www-form-urlencoded", { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);

    const { responseId } = await h.command("职业倦怠");
    await h.fake.waitForResponse(responseId);
    expect(h.fake.responses.filter((r) => r.id === "stale")).toEqual([]);
  });

  test("a correctly signed request dated more than five minutes ahead is rejected too (a replay kept for later)", async () => {
    const body = slashCommandBody(h.actor(), "/lesson", "职业倦怠", h.fake.responseUrl("future"));
    const future = await h.post(body, "application/x-www-form-urlencoded", { timestamp: Math.floor(Date.now() / 1000) + 10 * 60 });
    expect(future.status).toBe(401);

    const { responseId } = await h.command("职业倦怠");
    await h.fake.waitForResponse(responseId);
    expect(h.fake.responses.filter((r) => r.id === "future")).toEqual([]);
  });

  test("a correctly signed `null` body gets 400 and the bot keeps answering", async () => {
    expect((await h.post("null", "application/json")).status).toBe(400);
    expect((await h.post("payload=null", "application/x-www-form-urlencoded")).status).toBe(400);
    const { responseId } = await h.command("职业倦怠");
    await h.fake.waitForResponse(responseId);
  });

  test("an event Slack retries (X-Slack-Retry-Num) is answered once", async () => {
    const ts = nextTs();
    const event = { type: "app_mention" as const, user: ALICE.id, text: `<@${h.fake.botUserId}> 开源社区怎么运营`, channel: "C0RETRY01", ts };
    const firstTry = await h.event(event, "EvRETRY0001");
    expect(firstTry.status).toBe(200);
    await h.fake.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts);

    const retry = await h.event(event, "EvRETRY0001", { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" });
    expect(retry.status).toBe(200);
    await h.fake.waitFor(() => h.logs.find((l) => l.includes("duplicate event dropped") && l.includes("EvRETRY0001")), "the duplicate to be dropped");
    await mention("开源社区怎么运营", "C0RETRY01");
    expect(repliesTo(ts)).toHaveLength(1);
  });

  test("no log line carries the bot token or the signing secret", () => {
    const all = h.logs.join("");
    expect(all.length).toBeGreaterThan(1000); // debug logs were captured
    expect(all).toContain("users.info"); // including the Web API client's own lines
    expect(all).not.toContain(SECRETS.botToken);
    expect(all).not.toContain(SECRETS.signingSecret);
    expect(all).not.toMatch(/xoxb-[A-Za-z0-9-]+/);
  });
});
