import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openSqliteStore } from "../../src/store/sqlite-store.ts";
import { MIGRATIONS } from "../../src/store/migrations.ts";
import type { PostClaim, Store } from "../../src/store/types.ts";

let dir: string;
const open: Store[] = [];
function store(path = join(dir, "nested", "deeper", "bot.db")): Store {
  const s = openSqliteStore(path);
  open.push(s);
  return s;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lessonbot-store-"));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

const channel = { platform: "slack" as const, channelId: "C1" };

describe("openSqliteStore", () => {
  it("creates the directory, migrates to the latest version and uses WAL", async () => {
    const path = join(dir, "a", "b.db");
    await store(path).close();
    expect(existsSync(path)).toBe(true);
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma("user_version", { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
  });

  it("reopens an existing file without re-running migrations, keeping data", async () => {
    const path = join(dir, "bot.db");
    const first = store(path);
    await first.setRespondMode(channel, "questions");
    await first.close();
    const second = store(path);
    expect(await second.getChannelSettings(channel)).toEqual({ respondMode: "questions" });
  });

  it("refuses a database written by a newer schema", () => {
    const path = join(dir, "future.db");
    const raw = new Database(path);
    raw.pragma("user_version = 999");
    raw.close();
    expect(() => openSqliteStore(path)).toThrow(/newer/);
  });
});

describe("channel settings", () => {
  it("defaults to mentions and keeps the latest mode per channel", async () => {
    const s = store();
    expect(await s.getChannelSettings(channel)).toEqual({ respondMode: "mentions" });
    await s.setRespondMode(channel, "all");
    await s.setRespondMode({ platform: "discord", channelId: "C1" }, "questions");
    expect(await s.getChannelSettings(channel)).toEqual({ respondMode: "all" });
    expect(await s.getChannelSettings({ platform: "discord", channelId: "C1" })).toEqual({ respondMode: "questions" });
  });
});

describe("feedback", () => {
  it("keeps one vote per person, passage and query; pressing again changes it", async () => {
    const path = join(dir, "bot.db");
    const s = store(path);
    const vote = { ...channel, userId: "U1", passageId: "envoy:3", query: "倦怠", helpful: true };
    await s.recordFeedback(vote);
    await s.recordFeedback({ ...vote, helpful: false });
    await s.recordFeedback({ ...vote, userId: "U2" });
    const raw = new Database(path, { readonly: true });
    const rows = raw.prepare("SELECT user_id, helpful FROM feedback ORDER BY user_id").all();
    raw.close();
    expect(rows).toEqual([
      { user_id: "U1", helpful: 0 },
      { user_id: "U2", helpful: 1 },
    ]);
  });
});

describe("remembered queries", () => {
  it("gives the same short id for the same text, across reopen, and recalls it", async () => {
    const path = join(dir, "bot.db");
    const s = store(path);
    const long = "职业倦怠".repeat(2_000);
    const id = await s.rememberQuery(long);
    expect(id).toMatch(/^[A-Za-z0-9_-]{10}$/);
    expect(await s.rememberQuery(long)).toBe(id);
    const other = await s.rememberQuery("治理");
    expect(other).not.toBe(id);
    await s.close();
    const again = store(path);
    expect(await again.recallQuery(id)).toBe(long);
    expect(await again.rememberQuery(long)).toBe(id);
    expect(await again.recallQuery("nonexistent")).toBeUndefined();
  });
});

describe("subscriptions", () => {
  it("upserts, lists, reads and removes", async () => {
    const s = store();
    const since = new Date("2026-03-01T00:00:00Z");
    await s.upsertSubscription({ ...channel, time: "09:00", timezone: "Asia/Shanghai", weekdays: false, createdBy: "U1", since });
    await s.upsertSubscription({ ...channel, time: "10:30", timezone: "Europe/Berlin", weekdays: true, createdBy: "U2", locale: "en", since });
    await s.upsertSubscription({ platform: "discord", channelId: "9", time: "08:00", timezone: "UTC", weekdays: false, createdBy: "U3", since });
    expect(await s.getSubscription(channel)).toEqual({
      ...channel,
      time: "10:30",
      timezone: "Europe/Berlin",
      weekdays: true,
      createdBy: "U2",
      locale: "en",
      since,
    });
    expect((await s.listSubscriptions()).map((x) => x.channelId)).toEqual(["9", "C1"]);
    expect(await s.removeSubscription(channel)).toBe(true);
    expect(await s.removeSubscription(channel)).toBe(false);
    expect(await s.getSubscription(channel)).toBeUndefined();
  });
});

describe("posts", () => {
  const t0 = new Date("2026-03-10T01:00:00Z");
  const claim = (owner: string, lessonId = "L1"): PostClaim => ({
    ...channel,
    localDate: "2026-03-10",
    lessonId,
    cycle: 0,
    owner,
    leaseUntil: new Date(t0.getTime() + 60_000),
    claimedAt: t0,
  });
  const key = { ...channel, localDate: "2026-03-10" };

  it("lets exactly one of two connections to one file claim a channel's day", async () => {
    const path = join(dir, "shared.db");
    const a = store(path);
    const b = store(path);
    const results = await Promise.all([a.claimPost(claim("A", "L1")), b.claimPost(claim("B", "L2"))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const row = await b.getPost(key);
    expect(row?.owner).toBe(results[0] ? "A" : "B");
    expect(row?.status).toBe("claimed");
    // A different day or channel is a different claim.
    expect(await b.claimPost({ ...claim("B"), localDate: "2026-03-11" })).toBe(true);
    expect(await b.claimPost({ ...claim("B"), channelId: "C2" })).toBe(true);
  });

  it("only the owner updates; others resume an unsent post only after its lease lapses", async () => {
    const s = store();
    expect(await s.claimPost(claim("A"))).toBe(true);
    expect(await s.updatePost(key, "B", { status: "posted" })).toBe(false);
    expect(await s.resumePost(key, "B", new Date(t0.getTime() + 120_000), t0)).toBe(false);
    expect(await s.resumePost(key, "A", new Date(t0.getTime() + 120_000), t0)).toBe(true);

    const lapsed = new Date(t0.getTime() + 121_000);
    expect(await s.resumePost(key, "B", new Date(lapsed.getTime() + 60_000), lapsed)).toBe(true);
    expect(await s.updatePost(key, "A", { status: "sending" })).toBe(false);
    expect(await s.updatePost(key, "B", { status: "failed", attempts: 2, error: "boom" })).toBe(true);
    expect(await s.getPost(key)).toMatchObject({ owner: "B", status: "failed", attempts: 2, error: "boom" });
  });

  it("never hands over a post that is being sent or was posted", async () => {
    const s = store();
    await s.claimPost(claim("A"));
    const later = new Date(t0.getTime() + 3_600_000);
    await s.updatePost(key, "A", { status: "sending", attempts: 1 });
    expect(await s.resumePost(key, "B", new Date(later.getTime() + 60_000), later)).toBe(false);
    await s.updatePost(key, "A", { status: "posted", postedAt: t0 });
    expect(await s.resumePost(key, "B", new Date(later.getTime() + 60_000), later)).toBe(false);
    const row = await s.getPost(key);
    expect(row).toMatchObject({ status: "posted", attempts: 1, postedAt: t0 });
    expect(row?.error).toBeUndefined();
  });

  it("lists a channel's posts oldest first", async () => {
    const s = store();
    await s.claimPost({ ...claim("A", "L2"), localDate: "2026-03-12" });
    await s.claimPost({ ...claim("A", "L1"), localDate: "2026-03-11" });
    await s.claimPost({ ...claim("A", "L9"), channelId: "other" });
    expect((await s.listPosts(channel)).map((p) => [p.localDate, p.lessonId])).toEqual([
      ["2026-03-11", "L1"],
      ["2026-03-12", "L2"],
    ]);
  });
});
