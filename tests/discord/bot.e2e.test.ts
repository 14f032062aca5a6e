/**
 * The Discord adapter end to end: a real discord.js Client on the real core (bundled corpus, temp SQLite
 * file), talking over real sockets to a fake Discord (REST + gateway). Every assertion is on what the bot
 * sent back: interaction callbacks, webhook calls and channel messages, as Discord would receive them.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import Database from "better-sqlite3";
import { GatewayIntentBits } from "discord.js";
import { ALICE, MALLORY, MOD, TOKEN, sentMessages, startHarness, type Answer, type Harness } from "./harness.ts";
import { violations } from "./invariants.ts";
import { botMessage, opt } from "../fakes/discord/payloads.ts";
import { BOT_ID, BOT_ROLE_ID, CHANNEL_ID, DM_CHANNEL_ID, GUILD_ID, botUser } from "../fakes/discord/world.ts";
import { COLOURS } from "../../adapters/discord/render/message.ts";
import type { CommandContext } from "../../src/commands/types.ts";
import { silentLogger } from "../../src/log/logger.ts";

type Json = Record<string, unknown>;
const EPHEMERAL = 64;

let h: Harness;
beforeAll(async () => {
  // Every answer here goes out directly (type 4/7/8); deferring is covered by defer.e2e.test.ts.
  h = await startHarness({ deferAfterMs: 10_000 });
});
afterAll(async () => {
  await h?.close();
});

const search = (query: string) => [opt.sub("search", [opt.string("query", query)])];
const embeds = (data: Json) => (data.embeds ?? []) as Json[];
const buttons = (data: Json) => ((data.components ?? []) as Json[]).flatMap((row) => (row.components ?? []) as Json[]);
const ids = (data: Json) => buttons(data).map((b) => String(b.custom_id));
const isEphemeral = (data: Json) => ((Number(data.flags ?? 0) & EPHEMERAL) === EPHEMERAL);
const allText = (data: Json) => JSON.stringify([data.content, embeds(data)]);

function coreContext(channelId = CHANNEL_ID): CommandContext {
  return { platform: "discord", actor: { id: ALICE.id, canManageChannel: false }, channelId, requestId: "test", log: silentLogger(), locale: "en-US" };
}

describe("gateway session", () => {
  test("identifies with the bot token and exactly the intents it uses, and is ready in the server", () => {
    const identify = h.fake.received.find((f) => f.op === 2)?.d as { token: string; intents: number };
    expect(identify.token).toBe(TOKEN);
    const expected = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages | GatewayIntentBits.MessageContent;
    expect(identify.intents).toBe(expected);
    expect(h.fake.requests.find((r) => r.path === "/gateway/bot")?.authorized).toBe(true);
    expect(h.bot.botUserId).toBe(BOT_ID);
    expect(h.bot.client.guilds.cache.get(GUILD_ID)?.channels.cache.has(CHANNEL_ID)).toBe(true);
  });
});

describe("/lesson search and its buttons", () => {
  let first: Answer;

  test("answers privately with one embed per quote: a > block with the term bold, attribution, and the reply's buttons", async () => {
    first = await h.command(search("职业倦怠"));
    expect(first.type).toBe(4);
    expect(isEphemeral(first.data)).toBe(true);
    expect(first.data.content).toContain("职业倦怠");
    const [top] = embeds(first.data);
    expect(top!.color).toBe(COLOURS.quotes);
    const description = String(top!.description);
    expect(description.startsWith("> ")).toBe(true);
    expect(description).toContain("**职业倦怠**");
    // Attribution: speaker · section under the quote, the article as the title.
    expect(description).toMatch(/\n— Matt Klein · .+/);
    expect(String(top!.title)).toContain("Envoy");

    // The buttons are exactly the core's action tokens, in order.
    const reply = await h.core.commands.run({ name: "search", query: "职业倦怠" }, coreContext());
    const tokens = [...reply.quotes.flatMap((q) => q.actions ?? []), ...reply.actions].map((a) => a.token);
    expect(ids(first.data)).toEqual(tokens);
    expect(ids(first.data).at(-1)).toMatch(/^m\|/);
    expect(embeds(first.data)).toHaveLength(reply.quotes.length);
  });

  test("More replaces the message with the next page (callback type 7)", async () => {
    const more = ids(first.data).find((id) => id.startsWith("m|"))!;
    const next = await h.press(more, botMessage({ ...first.data, flags: EPHEMERAL }));
    expect(next.type).toBe(7);
    expect(next.data.content).toContain("4–6");
    expect(embeds(next.data).length).toBeGreaterThan(0);
    // A different page: none of the first page's quote buttons again.
    const firstQuotes = ids(first.data).filter((id) => id.startsWith("s|"));
    expect(ids(next.data).filter((id) => firstQuotes.includes(id))).toEqual([]);
  });

  test("Share posts the quote publicly, signed with the sharer's display name", async () => {
    const share = ids(first.data).find((id) => id.startsWith("s|"))!;
    const shared = await h.press(share, botMessage({ ...first.data, flags: EPHEMERAL }));
    expect(shared.type).toBe(4);
    expect(isEphemeral(shared.data)).toBe(false);
    const [quote] = embeds(shared.data);
    expect(String(quote!.description)).toContain("**职业倦怠**");
    expect((quote!.footer as Json).text).toBe("Shared by Alice Chen");
    expect(allText(shared.data)).not.toContain(`<@${ALICE.id}>`);
  });

  test("a display name that tries to ping is shown, never executed", async () => {
    const share = ids(first.data).find((id) => id.startsWith("s|"))!;
    const shared = await h.press(share, botMessage({ ...first.data, flags: EPHEMERAL }), { user: MALLORY });
    const footer = String(((embeds(shared.data)[0]!.footer ?? {}) as Json).text);
    expect(footer).toContain("everyone");
    expect(footer).not.toMatch(/@everyone/);
    expect(footer).not.toMatch(/<@&/);
    expect(shared.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  test("👍 / 👎 are recorded in the store (one vote per person) and acknowledged privately", async () => {
    const helpful = ids(first.data).find((id) => id.startsWith("h|"))!;
    const passageId = helpful.split("|")[1]!;
    const up = await h.press(helpful, botMessage({ ...first.data, flags: EPHEMERAL }));
    expect(up.type).toBe(4);
    expect(isEphemeral(up.data)).toBe(true);
    expect(String(embeds(up.data)[0]!.description)).toContain("Thanks");

    const db = new Database(h.dbPath, { readonly: true });
    try {
      const votes = () => db.prepare("SELECT platform, channel_id, passage_id, query, helpful FROM feedback WHERE user_id = ?").all(ALICE.id);
      expect(votes()).toEqual([{ platform: "discord", channel_id: CHANNEL_ID, passage_id: passageId, query: "职业倦怠", helpful: 1 }]);
      await h.press(`n|${passageId}|${helpful.split("|")[2]}`, botMessage({ ...first.data, flags: EPHEMERAL }));
      expect(votes()).toEqual([{ platform: "discord", channel_id: CHANNEL_ID, passage_id: passageId, query: "职业倦怠", helpful: 0 }]);
    } finally {
      db.close();
    }
  });

  test("a forged or stale button gets a private 'expired' notice", async () => {
    const answer = await h.press("m|nosuchquery|1", botMessage({ flags: EPHEMERAL }));
    expect(answer.type).toBe(4);
    expect(isEphemeral(answer.data)).toBe(true);
    expect(embeds(answer.data)[0]!.color).toBe(COLOURS.error);
    expect(String(embeds(answer.data)[0]!.description)).toMatch(/expired/i);
  });

  test("a query with nothing in the library says so, with suggestions", async () => {
    const answer = await h.command(search("zzqxj vvkrw"));
    expect(isEphemeral(answer.data)).toBe(true);
    const [embed] = embeds(answer.data);
    expect(embed!.color).toBe(COLOURS.no_match);
    expect(String(embed!.description)).toContain("zzqxj vvkrw");
    expect(String(embed!.description)).toContain("🔎");
  });

  test("Chinese users get the fixed strings in Chinese (interaction locale)", async () => {
    const answer = await h.command(search("职业倦怠"), { user: ALICE, locale: "zh-CN" });
    expect(answer.data.content).toMatch(/第 1–3 条/);
    expect(buttons(answer.data).map((b) => b.label)).toContain("1 · 分享到频道");
  });
});

describe("other subcommands", () => {
  test("random: one quote, privately, with share and feedback buttons", async () => {
    const answer = await h.command([opt.sub("random")]);
    expect(answer.type).toBe(4);
    expect(isEphemeral(answer.data)).toBe(true);
    expect(embeds(answer.data)).toHaveLength(1);
    expect(String(embeds(answer.data)[0]!.description).startsWith("> ")).toBe(true);
    expect(ids(answer.data).map((id) => id[0])).toEqual(["s", "h", "n"]);
  });

  test("help: a private embed with the usage and the library's size", async () => {
    const answer = await h.command([opt.sub("help")]);
    expect(isEphemeral(answer.data)).toBe(true);
    const [embed] = embeds(answer.data);
    expect(embed!.color).toBe(COLOURS.help);
    expect(embed!.title).toBe("How to use lessonbot");
    expect(String(embed!.description)).toMatch(/5 articles/);
  });

  test("today: the channel's lesson of the day", async () => {
    const answer = await h.command([opt.sub("today")]);
    expect(answer.type).toBe(4);
    const [embed] = embeds(answer.data);
    expect(embed!.color).toBe(COLOURS.lesson);
    expect(String(embed!.description).startsWith("> ")).toBe(true);
  });

  test("daily set / status / off map to the core; changing it takes Manage Channels", async () => {
    const set = [opt.group("daily", opt.sub("set", [opt.string("time", "09:00"), opt.string("timezone", "Asia/Shanghai"), opt.boolean("weekdays", true)]))];
    const refused = await h.command(set, { user: ALICE });
    expect(isEphemeral(refused.data)).toBe(true);
    expect(embeds(refused.data)[0]!.color).toBe(COLOURS.error);

    const done = await h.command(set, { user: MOD });
    expect(isEphemeral(done.data)).toBe(false);
    expect(String(embeds(done.data)[0]!.description)).toMatch(/09:00.*Asia\/Shanghai.*weekdays/);
    expect((embeds(done.data)[0]!.footer as Json).text).toBe("Set by Morgan (mod)");
    expect((await h.core.store.getSubscription({ platform: "discord", channelId: CHANNEL_ID }))?.timezone).toBe("Asia/Shanghai");

    const status = await h.command([opt.group("daily", opt.sub("status"))], { user: ALICE });
    expect(isEphemeral(status.data)).toBe(true);
    expect(String(embeds(status.data)[0]!.description)).toContain("09:00");

    const off = await h.command([opt.group("daily", opt.sub("off"))], { user: MOD });
    expect(isEphemeral(off.data)).toBe(false);
    expect(await h.core.store.getSubscription({ platform: "discord", channelId: CHANNEL_ID })).toBeUndefined();
  });

  test("daily set with a bad zone explains it privately", async () => {
    const answer = await h.command([opt.group("daily", opt.sub("set", [opt.string("time", "09:00"), opt.string("timezone", "Mars/Olympus")]))], { user: MOD });
    expect(isEphemeral(answer.data)).toBe(true);
    expect(String(embeds(answer.data)[0]!.description)).toContain("Mars/Olympus");
  });
});

describe("autocomplete", () => {
  test("search suggestions from the index: callback type 8, at most 25 choices", async () => {
    const answer = await h.autocomplete([opt.sub("search", [opt.string("query", "开", true)])]);
    expect(answer.type).toBe(8);
    const choices = answer.data.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toContain("开源");
    for (const choice of choices) {
      expect(choice.name.length).toBeGreaterThan(0);
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
  });

  test("time zones for daily set", async () => {
    const answer = await h.autocomplete([opt.group("daily", opt.sub("set", [opt.string("time", "09:00"), opt.string("timezone", "shang", true)]))]);
    expect(answer.type).toBe(8);
    expect((answer.data.choices as { value: string }[]).map((c) => c.value)).toEqual(["Asia/Shanghai"]);
  });
});

describe("config and channel Q&A", () => {
  const respond = (mode: string) => [opt.sub("config", [opt.string("respond", mode)])];
  const settings = () => h.core.store.getChannelSettings({ platform: "discord", channelId: CHANNEL_ID });

  test("a member without Manage Channels is refused; a moderator changes the mode", async () => {
    const refused = await h.command(respond("questions"), { user: ALICE });
    expect(isEphemeral(refused.data)).toBe(true);
    expect(embeds(refused.data)[0]!.color).toBe(COLOURS.error);
    expect(String(embeds(refused.data)[0]!.description)).toMatch(/manage this channel/);
    expect((await settings()).respondMode).toBe("mentions");

    const done = await h.command(respond("questions"), { user: MOD });
    expect(String(embeds(done.data)[0]!.description)).toMatch(/now answers questions/);
    expect((await settings()).respondMode).toBe("questions");

    const shown = await h.command([opt.sub("config")], { user: ALICE });
    expect(String(embeds(shown.data)[0]!.description)).toMatch(/This channel answers: questions/);
  });

  test("in questions mode a question is answered unasked and chatter is not; back in mentions mode, neither", async () => {
    const question = "开源社区应该怎么运营?";
    const reply = await h.say({ content: question, author: ALICE });
    expect(reply).toBeDefined();
    expect(await h.say({ content: "good morning everyone", author: ALICE })).toBeUndefined();

    await h.command(respond("mentions"), { user: MOD });
    expect((await settings()).respondMode).toBe("mentions");
    expect(await h.say({ content: question, author: ALICE })).toBeUndefined();
  });

  test("an @mention gets a reply to that message with the best quotes, pinging nobody", async () => {
    const reply = await h.say({ content: `<@${BOT_ID}> 开源社区怎么运营?`, author: ALICE, mentions: [BOT_ID] });
    expect(reply).toBeDefined();
    const body = reply!.body as Json;
    expect((body.message_reference as Json).message_id).toBeDefined();
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const quotes = embeds(body);
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.length).toBeLessThanOrEqual(2);
    for (const quote of quotes) expect(String(quote.description)).toMatch(/^> .*\*\*(开源|社区|运营)/);
    // In a thread answer the quotes are already public: feedback buttons, no share.
    expect(ids(body).every((id) => /^[hn]\|/.test(id))).toBe(true);
    expect(reply!.authorized).toBe(true);
  });

  test("the <@!id> form and the bot's role mention count as mentions too", async () => {
    expect(await h.say({ content: `<@!${BOT_ID}> 职业倦怠`, author: ALICE })).toBeDefined();
    expect(await h.say({ content: `<@&${BOT_ROLE_ID}> 职业倦怠`, author: ALICE, mentionRoles: [BOT_ROLE_ID] })).toBeDefined();
  });

  test("an off-topic @mention gets a short 'no good match' with suggestions, not an unrelated quote", async () => {
    const reply = await h.say({ content: `<@${BOT_ID}> will it rain on Mars next Tuesday?`, author: ALICE, mentions: [BOT_ID] });
    const body = reply!.body as Json;
    const [embed, ...rest] = embeds(body);
    expect(rest).toEqual([]);
    expect(embed!.color).toBe(COLOURS.no_match);
    expect(String(embed!.description)).not.toMatch(/^> /m);
    expect(String(embed!.description)).toContain("🔎");
  });

  test("a bare @mention gets a hint; a DM is answered without one", async () => {
    const hint = await h.say({ content: `<@${BOT_ID}>`, author: ALICE, mentions: [BOT_ID] });
    expect(embeds(hint!.body as Json)[0]!.color).toBe(COLOURS.help);

    const dm = await h.say({ content: "职业倦怠", author: ALICE, dm: true });
    expect(dm?.path).toBe(`/channels/${DM_CHANNEL_ID}/messages`);
    expect(String(embeds(dm!.body as Json)[0]!.description)).toContain("**职业倦怠**");
  });

  test("messages from bots (itself included) and webhooks are ignored", async () => {
    expect(await h.say({ content: `<@${BOT_ID}> 职业倦怠`, author: botUser() })).toBeUndefined();
    expect(await h.say({ content: `<@${BOT_ID}> 职业倦怠`, author: ALICE, webhookId: "1700000000000000001" })).toBeUndefined();
  });
});

describe("safety over the whole session", () => {
  test("every message the bot sent pings nobody and fits Discord's limits", () => {
    const sent = sentMessages(h.fake);
    expect(sent.length).toBeGreaterThan(25);
    for (const { request, message } of sent) {
      expect(violations(message), `${request.method} ${request.path}`).toEqual([]);
    }
  });

  test("interaction responses are unauthenticated callbacks; 204 answers were accepted (no retries)", () => {
    const callbacks = h.fake.requests.filter((r) => r.path.endsWith("/callback"));
    expect(callbacks.every((r) => !r.authorized)).toBe(true);
    // One callback per interaction: discord.js did not retry or fail on the empty 204 bodies.
    const perInteraction = new Map<string, number>();
    for (const r of callbacks) perInteraction.set(r.path, (perInteraction.get(r.path) ?? 0) + 1);
    expect([...perInteraction.values()].every((n) => n === 1)).toBe(true);
  });

  test("neither the bot token nor any interaction token reaches the logs", () => {
    const logs = h.logs.join("");
    expect(logs).toContain("answered slash command");
    expect(logs).not.toContain(TOKEN);
    expect(logs).not.toContain(TOKEN.split(".")[2]!);
    const tokens = h.fake.requests.filter((r) => r.path.endsWith("/callback")).map((r) => r.path.split("/")[3]!);
    expect(tokens.length).toBeGreaterThan(10);
    for (const token of tokens) expect(logs).not.toContain(token);
  });
});
