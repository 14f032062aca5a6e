/**
 * What every Store must do, whatever its backend: run by sqlite-store.test.ts and postgres-store.test.ts
 * alike. `fresh()` gives an empty store; `sibling()` a second connection to the same data (another
 * process or replica, as far as the store can tell).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PostClaim, Store } from "../../src/store/types.ts";
import type { HistoryStore } from "../../src/store/history.ts";

type FullStore = Store & HistoryStore;

export interface StoreFactory {
  fresh(): Promise<FullStore>;
  sibling(): Promise<FullStore>;
  /** Removes what fresh() made (closing the stores is done here). */
  cleanup(): Promise<void>;
}

const channel = { platform: "slack" as const, channelId: "C1" };
const t0 = new Date("2026-03-10T01:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

export function storeContract(name: string, factory: () => StoreFactory): void {
  describe(`${name}: the Store contract`, () => {
    let f: StoreFactory;
    let s: FullStore;
    beforeEach(async () => {
      f = factory();
      s = await f.fresh();
    });
    afterEach(async () => {
      await f.cleanup();
    });

    it("channel settings default to mentions and keep the latest mode per channel", async () => {
      expect(await s.getChannelSettings(channel)).toEqual({ respondMode: "mentions" });
      await s.setRespondMode(channel, "all");
      await s.setRespondMode({ platform: "discord", channelId: "C1" }, "questions");
      expect(await s.getChannelSettings(channel)).toEqual({ respondMode: "all" });
      expect(await s.getChannelSettings({ platform: "discord", channelId: "C1" })).toEqual({ respondMode: "questions" });
      expect(await (await f.sibling()).getChannelSettings(channel)).toEqual({ respondMode: "all" });
    });

    it("feedback: pressing again changes a vote instead of failing", async () => {
      const vote = { ...channel, userId: "U1", passageId: "envoy:3", query: "倦怠", helpful: true };
      await s.recordFeedback(vote);
      await s.recordFeedback({ ...vote, helpful: false });
      await s.recordFeedback({ ...vote, userId: "U2" });
    });

    it("remembered queries: same text, same short id, from any connection; unknown ids recall nothing", async () => {
      const long = "职业倦怠".repeat(2_000);
      const id = await s.rememberQuery(long);
      expect(id).toMatch(/^[A-Za-z0-9_-]{10}$/);
      expect(await s.rememberQuery(long)).toBe(id);
      expect(await s.rememberQuery("治理")).not.toBe(id);
      const other = await f.sibling();
      expect(await other.recallQuery(id)).toBe(long);
      expect(await other.rememberQuery(long)).toBe(id);
      expect(await other.recallQuery("nonexistent")).toBeUndefined();
      // A lone surrogate is stored (and keyed) as U+FFFD.
      const odd = await s.rememberQuery("a\uD800b");
      expect(await s.recallQuery(odd)).toBe("a\uFFFDb");
    });

    it("subscriptions: upsert, list in key order, read, remove", async () => {
      const since = new Date("2026-03-01T00:00:00Z");
      const nextDueAt = new Date("2026-03-02T08:30:00Z");
      await s.upsertSubscription({ ...channel, time: "09:00", timezone: "Asia/Shanghai", weekdays: false, createdBy: "U1", since });
      await s.upsertSubscription({ ...channel, time: "10:30", timezone: "Europe/Berlin", weekdays: true, createdBy: "U2", locale: "en", since, nextDueAt });
      await s.upsertSubscription({ platform: "discord", channelId: "9", time: "08:00", timezone: "UTC", weekdays: false, createdBy: "U3", since });
      expect(await s.getSubscription(channel)).toEqual({
        ...channel,
        time: "10:30",
        timezone: "Europe/Berlin",
        weekdays: true,
        createdBy: "U2",
        locale: "en",
        since,
        nextDueAt,
      });
      // Written without a due instant = due at once.
      expect((await s.getSubscription({ platform: "discord", channelId: "9" }))?.nextDueAt).toEqual(new Date(0));
      expect((await s.listSubscriptions()).map((x) => x.channelId)).toEqual(["9", "C1"]);
      expect(await s.removeSubscription(channel)).toBe(true);
      expect(await s.removeSubscription(channel)).toBe(false);
      expect(await s.getSubscription(channel)).toBeUndefined();
    });

    it("due subscriptions: only those due by now on the given platforms, earliest first, limited", async () => {
      const base = { time: "09:00", timezone: "UTC", weekdays: false, createdBy: "U1", since: t0 };
      await s.upsertSubscription({ ...base, platform: "slack", channelId: "late", nextDueAt: at(60_000) });
      await s.upsertSubscription({ ...base, platform: "slack", channelId: "b", nextDueAt: at(-1_000) });
      await s.upsertSubscription({ ...base, platform: "slack", channelId: "a", nextDueAt: at(-5_000) });
      await s.upsertSubscription({ ...base, platform: "slack", channelId: "now", nextDueAt: t0 });
      await s.upsertSubscription({ ...base, platform: "discord", channelId: "d", nextDueAt: at(-9_000) });

      const due = await s.dueSubscriptions(t0, ["slack"], 10);
      expect(due.map((x) => x.channelId)).toEqual(["a", "b", "now"]);
      expect((await s.dueSubscriptions(t0, ["slack", "discord"], 2)).map((x) => x.channelId)).toEqual(["d", "a"]);
      expect(await s.dueSubscriptions(t0, [], 10)).toEqual([]);
      expect(await s.earliestDue(["slack"])).toEqual(at(-5_000));
      expect(await s.earliestDue(["console"])).toBeUndefined();
    });

    it("advancing a subscription succeeds once, from the instant it was read", async () => {
      const sub = { ...channel, time: "09:00", timezone: "UTC", weekdays: false, createdBy: "U1", since: t0, nextDueAt: t0 };
      await s.upsertSubscription(sub);
      const other = await f.sibling();
      const results = await Promise.all([s.advanceSubscription(channel, t0, at(86_400_000)), other.advanceSubscription(channel, t0, at(86_400_000))]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await s.getSubscription(channel))?.nextDueAt).toEqual(at(86_400_000));
      expect(await s.advanceSubscription(channel, t0, at(1))).toBe(false);
      expect(await s.advanceSubscription({ ...channel, channelId: "gone" }, t0, at(1))).toBe(false);
    });

    describe("posts", () => {
      const claim = (owner: string, lessonId = "L1"): PostClaim => ({
        ...channel,
        localDate: "2026-03-10",
        lessonId,
        cycle: 0,
        owner,
        leaseUntil: at(60_000),
        claimedAt: t0,
      });
      const key = { ...channel, localDate: "2026-03-10" };

      it("lets exactly one of two connections claim a channel's day", async () => {
        const other = await f.sibling();
        const results = await Promise.all([s.claimPost(claim("A", "L1")), other.claimPost(claim("B", "L2"))]);
        expect(results.filter(Boolean)).toHaveLength(1);
        const row = await other.getPost(key);
        expect(row?.owner).toBe(results[0] ? "A" : "B");
        expect(row).toMatchObject({ status: "claimed", attempts: 0, cycle: 0, claimedAt: t0, leaseUntil: at(60_000) });
        expect(await other.claimPost({ ...claim("B"), localDate: "2026-03-11" })).toBe(true);
        expect(await other.claimPost({ ...claim("B"), channelId: "C2" })).toBe(true);
      });

      it("only the owner updates; others resume an unsent post only after its lease lapses", async () => {
        expect(await s.claimPost(claim("A"))).toBe(true);
        expect(await s.updatePost(key, "B", { status: "posted" })).toBe(false);
        expect(await s.resumePost(key, "B", at(120_000), t0)).toBe(false);
        expect(await s.resumePost(key, "A", at(120_000), t0)).toBe(true);
        expect(await s.resumePost(key, "B", at(181_000), at(121_000))).toBe(true);
        expect(await s.updatePost(key, "A", { status: "sending" })).toBe(false);
        expect(await s.updatePost(key, "B", { status: "failed", attempts: 2, error: "boom" })).toBe(true);
        expect(await s.getPost(key)).toMatchObject({ owner: "B", status: "failed", attempts: 2, error: "boom" });
      });

      it("never resumes a post that is being sent or was posted", async () => {
        await s.claimPost(claim("A"));
        const later = at(3_600_000);
        await s.updatePost(key, "A", { status: "sending", attempts: 1 });
        expect(await s.resumePost(key, "B", at(3_660_000), later)).toBe(false);
        await s.updatePost(key, "A", { status: "posted", postedAt: t0 });
        expect(await s.resumePost(key, "B", at(3_660_000), later)).toBe(false);
        const row = await s.getPost(key);
        expect(row).toMatchObject({ status: "posted", attempts: 1, postedAt: t0 });
        expect(row?.error).toBeUndefined();
      });

      it("lists a channel's posts oldest first", async () => {
        await s.claimPost({ ...claim("A", "L2"), localDate: "2026-03-12" });
        await s.claimPost({ ...claim("A", "L1"), localDate: "2026-03-11" });
        await s.claimPost({ ...claim("A", "L9"), channelId: "other" });
        expect((await s.listPosts(channel)).map((p) => [p.localDate, p.lessonId])).toEqual([
          ["2026-03-11", "L1"],
          ["2026-03-12", "L2"],
        ]);
      });

      it("hands each lapsed unfinished post to exactly one of several takers, keeping its status", async () => {
        const channels = Array.from({ length: 30 }, (_, i) => `C${i}`);
        for (const [i, channelId] of channels.entries()) {
          await s.claimPost({ ...claim("dead"), channelId, leaseUntil: at(i) });
          if (i % 3 === 1) await s.updatePost({ ...key, channelId }, "dead", { status: "sending", attempts: 1 });
          if (i % 3 === 2) await s.updatePost({ ...key, channelId }, "dead", { status: "failed", attempts: 6 });
        }
        await s.claimPost({ ...claim("dead"), channelId: "posted", leaseUntil: t0 });
        await s.updatePost({ ...key, channelId: "posted" }, "dead", { status: "posted", postedAt: t0 });
        await s.claimPost({ ...claim("alive"), channelId: "fresh", leaseUntil: at(3_600_000) });
        await s.claimPost({ ...claim("dead"), platform: "discord", channelId: "d1", leaseUntil: t0 });

        const now = at(1_000);
        expect(await s.earliestLeaseEnd(["slack"], 6)).toEqual(t0);
        const takers = [s, await f.sibling(), await f.sibling()];
        const taken = (
          await Promise.all(takers.map((store, i) => store.takeOverLapsedPosts(`T${i}`, at(61_000), now, ["slack"], 6, 100)))
        ).flat();
        // Failed with all 6 attempts used, posted, a live lease and another platform: none taken.
        const expected = channels.filter((_, i) => i % 3 !== 2);
        expect(taken.map((p) => p.channelId).sort()).toEqual([...expected].sort());
        expect(new Set(taken.map((p) => p.channelId)).size).toBe(taken.length);
        for (const post of taken) {
          expect(post.leaseUntil).toEqual(at(61_000));
          expect(post.status).toBe(Number(post.channelId.slice(1)) % 3 === 1 ? "sending" : "claimed");
          expect((await s.getPost(post))?.owner).toBe(post.owner);
        }
        expect(await s.takeOverLapsedPosts("T9", at(61_000), now, ["slack"], 6, 100)).toEqual([]);
        expect(await s.earliestLeaseEnd(["slack"], 6)).toEqual(at(61_000));
        expect((await s.takeOverLapsedPosts("T9", at(61_000), now, ["discord"], 6, 1)).map((p) => p.channelId)).toEqual(["d1"]);
        expect(await s.earliestLeaseEnd(["console"], 6)).toBeUndefined();
      });
    });

    it("claims a delivery id once across connections until it expires", async () => {
      const other = await f.sibling();
      const until = at(900_000);
      const first = await Promise.all([s.claimDelivery("event:Ev1", t0, until), other.claimDelivery("event:Ev1", t0, until)]);
      expect(first.filter(Boolean)).toHaveLength(1);
      expect(await s.claimDelivery("event:Ev1", at(899_000), at(1_800_000))).toBe(false);
      expect(await s.claimDelivery("trigger:Ev1", t0, until)).toBe(true);
      // After the window, the id may be used again (Slack no longer retries it).
      expect(await other.claimDelivery("event:Ev1", at(900_000), at(1_800_000))).toBe(true);
      expect(await s.claimDelivery("event:Ev1", at(901_000), at(1_800_000))).toBe(false);
    });

    describe("history (reports)", () => {
      const other = { platform: "discord" as const, channelId: "D1" };
      async function logSome() {
        const at = new Date(Date.now() - 60_000);
        await s.logQuery({ ...channel, source: "search", query: "Burnout", hits: 3, strongHits: 2, at });
        await s.logQuery({ ...channel, source: "message", query: " burnout ", hits: 3, strongHits: 1, at });
        await s.logQuery({ ...channel, source: "search", query: "quantum", hits: 0, strongHits: 0, at });
        await s.logQuery({ ...channel, source: "search", query: "etcd", hits: 2, strongHits: 0, at });
        await s.logQuery({ ...other, source: "search", query: "quantum", hits: 0, strongHits: 0, at });
      }

      it("counts questions, groups them by text, and lists what found nothing or only weak matches", async () => {
        await logSome();
        const all = await s.usage({ since: new Date(0), limit: 5 });
        expect({ questions: all.questions, nothingFound: all.nothingFound, weakOnly: all.weakOnly }).toEqual({ questions: 5, nothingFound: 2, weakOnly: 1 });
        expect(all.topQuestions[0]).toEqual({ query: expect.stringMatching(/burnout/i), count: 2 });
        expect(all.gaps.map((g) => [g.query, g.count, g.found])).toEqual([
          ["quantum", 2, "none"],
          ["etcd", 1, "weak"],
        ]);
        const one = await s.usage({ since: new Date(0), limit: 5, channel: other });
        expect(one.questions).toBe(1);
        expect(one.gaps).toEqual([{ query: "quantum", count: 1, found: "none" }]);
        expect((await s.usage({ since: new Date(Date.now() + 60_000), limit: 5 })).questions).toBe(0);
      });

      it("ranks quotes by votes and reports each channel's daily deliveries", async () => {
        const vote = { ...channel, passageId: "a:1", query: "q", helpful: true };
        await s.recordFeedback({ ...vote, userId: "U1" });
        await s.recordFeedback({ ...vote, userId: "U2" });
        await s.recordFeedback({ ...vote, userId: "U3", passageId: "a:2", helpful: false });
        const now = new Date();
        await s.claimPost({ ...channel, localDate: "2026-03-10", lessonId: "L1", cycle: 0, owner: "A", leaseUntil: now, claimedAt: now });
        await s.updatePost({ ...channel, localDate: "2026-03-10" }, "A", { status: "posted", postedAt: now });
        await s.claimPost({ ...channel, localDate: "2026-03-11", lessonId: "L2", cycle: 0, owner: "A", leaseUntil: now, claimedAt: now });
        await s.upsertSubscription({ ...other, time: "09:00", timezone: "UTC", weekdays: false, createdBy: "U1", since: now });
        const usage = await s.usage({ since: new Date(0), limit: 5 });
        expect(usage.mostHelpful).toEqual([{ passageId: "a:1", up: 2, down: 0 }]);
        expect(usage.leastHelpful).toEqual([{ passageId: "a:2", up: 0, down: 1 }]);
        expect(usage.deliveries).toEqual([
          { ...channel, posted: 1, failed: 0, pending: 1, lastDate: "2026-03-11", lastStatus: "claimed", subscribed: false },
          { ...other, posted: 0, failed: 0, pending: 0, subscribed: true },
        ]);
      });

      it("prunes questions, remembered queries and votes older than a date, keeping posts", async () => {
        await logSome();
        await s.rememberQuery("old");
        await s.recordFeedback({ ...channel, userId: "U1", passageId: "a:1", query: "q", helpful: true });
        const now = new Date();
        await s.claimPost({ ...channel, localDate: "2026-03-10", lessonId: "L1", cycle: 0, owner: "A", leaseUntil: now, claimedAt: now });
        expect(await s.pruneHistory(new Date(Date.now() - 3_600_000))).toEqual({ queries: 0, remembered: 0, feedback: 0 });
        expect(await s.pruneHistory(new Date(Date.now() + 60_000))).toEqual({ queries: 5, remembered: 1, feedback: 1 });
        expect((await s.usage({ since: new Date(0), limit: 5 })).questions).toBe(0);
        expect(await s.listPosts(channel)).toHaveLength(1);
      });
    });
  });
}
