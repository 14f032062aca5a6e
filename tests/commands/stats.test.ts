/**
 * What the bot keeps for the library's keepers and what `/lesson stats` shows a channel's manager: the
 * question log (channel, text, how well it was answered, never who asked), votes, daily delivery; and
 * that history older than the retention period is deleted.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/app/core.ts";
import type { CommandContext } from "../../src/commands/types.ts";
import type { Reply } from "../../src/reply/types.ts";
import { parsePeriod } from "../../src/commands/usage-report.ts";
import { startPruning } from "../../src/store/retention.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { loadConfig } from "../../src/config/config.ts";

const corpusDir = join(import.meta.dirname, "../../corpus");
const DAY = 86_400_000;
let dir: string;
let dbPath: string;
let core: Core;
let now = new Date();

const ctx = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  platform: "slack",
  actor: { id: "USECRET42", name: "Ana", canManageChannel: true },
  channelId: "C1",
  requestId: "req",
  log: silentLogger(),
  locale: "en-US",
  ...overrides,
});
const text = (reply: Reply) => [reply.heading, ...reply.body, reply.footer].filter(Boolean).join("\n");

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lessonbot-stats-"));
  dbPath = join(dir, "bot.db");
  core = await createCore({ corpusDir, dbPath, log: silentLogger(), now: () => now, historyDays: 30, snapshotDir: false });
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the question log", () => {
  it("logs each question once with its channel and how well it was answered, never who asked", async () => {
    const first = await core.commands.runText("职业倦怠", ctx());
    // Paging through the answers is not asking again.
    await core.commands.action(first.actions.find((a) => a.kind === "more")!.token, ctx());
    await core.commands.runText("火箭", ctx()); // nothing in the library
    await core.commands.runText("公司", ctx()); // hits, none strong enough to volunteer
    await core.commands.message({ text: "开源维护者如何避免职业倦怠？", mentioned: true, direct: false }, ctx());
    await core.commands.runText("职业倦怠", ctx({ channelId: "C2" }));

    const raw = new Database(dbPath, { readonly: true });
    const columns = (raw.prepare("PRAGMA table_info(query_log)").all() as { name: string }[]).map((c) => c.name);
    const rows = raw.prepare("SELECT * FROM query_log ORDER BY rowid").all() as Record<string, unknown>[];
    raw.close();
    expect(columns.some((c) => /user|actor|name/.test(c))).toBe(false);
    expect(JSON.stringify(rows)).not.toContain("USECRET42");
    expect(rows.map((r) => [r.channel_id, r.source, r.query])).toEqual([
      ["C1", "search", "职业倦怠"],
      ["C1", "search", "火箭"],
      ["C1", "search", "公司"],
      ["C1", "message", "开源维护者如何避免职业倦怠?"],
      ["C2", "search", "职业倦怠"],
    ]);
    expect(rows[1]).toMatchObject({ hits: 0, strong_hits: 0 });
    expect(Number(rows[2]!.hits)).toBeGreaterThan(0);
    expect(rows[2]!.strong_hits).toBe(0);
    expect(Number(rows[0]!.strong_hits)).toBeGreaterThan(0);
  });
});

describe("/lesson stats", () => {
  it("shows a manager this channel's top questions, gaps, voted quotes and daily delivery, and nothing of other channels", async () => {
    await core.commands.runText("职业倦怠", ctx());
    const answer = await core.commands.runText("职业倦怠", ctx());
    const [up, down] = answer.quotes;
    const press = async (kind: string, card: typeof up, userId: string) =>
      core.commands.action(card!.actions!.find((a) => a.kind === kind)!.token, ctx({ actor: { id: userId, canManageChannel: false } }));
    await press("helpful", up, "U1");
    await press("helpful", up, "U2");
    await press("not_helpful", down, "U1");
    // Another channel's votes and questions stay there.
    const elsewhere = await core.commands.runText("开源", ctx({ channelId: "C2" }));
    await core.commands.action(elsewhere.quotes[0]!.actions!.find((a) => a.kind === "helpful")!.token, ctx({ channelId: "C2" }));
    // A daily post that went out and one that failed.
    const key = { platform: "slack" as const, channelId: "C1" };
    for (const [localDate, status] of [["2026-03-08", "posted"], ["2026-03-09", "failed"]] as const) {
      const claim = { ...key, localDate, lessonId: "l", cycle: 0, owner: "o", leaseUntil: new Date(now.getTime() + DAY), claimedAt: new Date(now.getTime() - DAY) };
      expect(await core.store.claimPost(claim)).toBe(true);
      await core.store.updatePost({ ...key, localDate }, "o", { status });
    }

    const stats = await core.commands.runText("stats", ctx());
    expect(stats.visibility).toBe("ephemeral");
    const body = text(stats);
    expect(stats.heading).toBe("This channel over the last 7 days");
    expect(body).toContain("6 questions: 1 found nothing, 1 found only weak matches.");
    expect(body).toMatch(/Asked most:\n1\. 职业倦怠 \(3×\)/);
    expect(body).toMatch(/The library's gaps \(nothing or only weak matches\):\n(1\. (火箭 \(1×, nothing\)|公司 \(1×, weak\))\n?){1}2\. (火箭|公司)/);
    // Quotes are shown as the library has them now (the passage's own best sentences).
    const upQuote = core.engine().quoteOf(up!.passageId)!.quote.slice(0, 20);
    expect(body).toMatch(new RegExp(`Quotes with the most 👍:\\n1\\. 「${upQuote.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[^\\n]*\\(2 👍\\)`));
    expect(body).toMatch(/Quotes with the most 👎:\n1\. 「[^\n]*\(1 👎\)/);
    expect(body).toContain("Daily lesson:\nThis channel: 1 posted, 1 failed, 0 pending; last 2026-03-09 (failed) (unsubscribed)");
    expect(body).not.toContain("开源 (");
    expect(stats.footer).toBe("Questions are kept without who asked, for 30 days.");

    // The whole report stays inside a message: every paragraph is short.
    expect(stats.body.every((p) => p.length < 2500)).toBe(true);
  });

  it("is for channel managers only, explains a bad period, and counts only the period asked for", async () => {
    const denied = await core.commands.runText("stats", ctx({ actor: { id: "U9", canManageChannel: false } }));
    expect(denied.kind).toBe("error");
    expect(text(denied)).toContain("Only people who manage this channel");
    const bad = await core.commands.runText("stats forever", ctx());
    expect(text(bad)).toContain("“forever” is not a period");
    const zh = await core.commands.runText("统计 24h", ctx({ locale: "zh-CN" }));
    expect(zh.heading).toBe("本频道最近 24 小时的使用情况");
    // Two days later, a 24-hour window is empty.
    now = new Date(now.getTime() + 2 * DAY);
    expect(text(await core.commands.runText("stats 24h", ctx()))).toContain("0 questions: 0 found nothing, 0 found only weak matches.");
    expect(text(await core.commands.runText("stats 7d", ctx()))).toContain("6 questions");
  });

  it("shows a question as it was last asked when only case or spacing differ, counted together", async () => {
    const c = ctx({ channelId: "C7" });
    await core.commands.runText("burnout", c);
    now = new Date(now.getTime() + 60_000);
    await core.commands.runText("Burnout", c);
    expect(text(await core.commands.runText("stats 24h", c))).toMatch(/Asked most:\n1\. Burnout \(2×\)/);
  });

  it("parses periods in hours, days and weeks, up to a year", () => {
    expect(parsePeriod("24h")?.ms).toBe(DAY);
    expect(parsePeriod("2w")?.ms).toBe(14 * DAY);
    expect(parsePeriod("30")?.label).toBe("30d");
    for (const bad of ["", "0d", "7y", "-1d", "400d", "1e3d"]) expect(parsePeriod(bad)).toBeUndefined();
  });
});

describe("retention", () => {
  it("is HISTORY_DAYS (default 90); a bad value stops start-up with a message naming it", () => {
    expect(loadConfig({}).historyDays).toBe(90);
    expect(loadConfig({ HISTORY_DAYS: "14" }).historyDays).toBe(14);
    for (const bad of ["0", "-3", "two weeks", "99999"]) expect(() => loadConfig({ HISTORY_DAYS: bad })).toThrow(/HISTORY_DAYS must be a whole number of days/);
  });

  it("deletes questions, remembered queries and votes older than the retention period, keeps daily posts and recent history", async () => {
    const old = await core.commands.runText("职业倦怠", ctx());
    // Everything so far becomes 40 days old.
    const aged = Date.now() - 40 * DAY;
    const writer = new Database(dbPath);
    writer.prepare("UPDATE query_log SET at = ?").run(aged);
    writer.prepare("UPDATE feedback SET created_at = ?").run(aged);
    writer.prepare("UPDATE queries SET created_at = ?").run(aged);
    writer.close();
    now = new Date();
    const fresh = await core.commands.runText("开源", ctx());
    const pruner = startPruning(core.history, 30, silentLogger());
    await pruner.prune();
    pruner.stop();

    const raw = new Database(dbPath, { readonly: true });
    const count = (sql: string) => (raw.prepare(sql).get() as { n: number }).n;
    expect(count("SELECT count(*) AS n FROM query_log")).toBe(1);
    expect(count("SELECT count(*) AS n FROM feedback")).toBe(0);
    expect(count("SELECT count(*) AS n FROM queries")).toBe(1);
    expect(count("SELECT count(*) AS n FROM posts")).toBe(2);
    raw.close();
    // An old button now says it expired; today's still pages.
    expect(text(await core.commands.action(old.actions.find((a) => a.kind === "more")!.token, ctx()))).toContain("expired");
    expect((await core.commands.action(fresh.actions.find((a) => a.kind === "more")!.token, ctx())).quotes.length).toBeGreaterThan(0);
  });
});
