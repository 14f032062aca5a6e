import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RateLimitedError } from "../../src/reply/publisher.ts";
import type { Subscription } from "../../src/store/types.ts";
import { FakeClock, RecordingPublisher, makeLessons, tempDatabase } from "./helpers.ts";

let db: ReturnType<typeof tempDatabase>;
beforeEach(() => {
  db = tempDatabase();
});
afterEach(async () => {
  await db.cleanup();
});

const shanghai = { platform: "slack" as const, channelId: "C-SH" };
const newYork = { platform: "slack" as const, channelId: "C-NY" };

function sub(key: typeof shanghai, time: string, timezone: string, weekdays = false): Subscription {
  return { ...key, time, timezone, weekdays, createdBy: "U-admin" };
}

const publishers = (...list: RecordingPublisher[]) => new Map(list.map((p) => [p.platform, p]));

describe("posting at the right local time", () => {
  it("posts at 09:00 in Shanghai and at 09:00 in New York, each once", async () => {
    const clock = new FakeClock("2026-03-09T20:00:00Z");
    const daily = db.service({ clock, store: db.open() });
    const slack = new RecordingPublisher();
    await daily.subscribe(sub(shanghai, "09:00", "Asia/Shanghai"));
    await daily.subscribe(sub(newYork, "09:00", "America/New_York"));
    await daily.start(publishers(slack));
    expect(slack.posts).toHaveLength(0);
    // The timer is set for the first due time: 09:00 in Shanghai is 01:00 UTC.
    expect(clock.pendingWake()).toEqual(new Date("2026-03-10T01:00:00Z"));

    clock.set("2026-03-10T00:59:59Z");
    await daily.tick();
    expect(slack.posts).toHaveLength(0);

    clock.set("2026-03-10T01:00:00Z");
    await daily.tick();
    expect(slack.posts.map((p) => p.channelId)).toEqual(["C-SH"]);
    expect(clock.pendingWake()).toEqual(new Date("2026-03-10T13:00:00Z"));

    // New York is on daylight time since 2026-03-08: 09:00 EDT = 13:00 UTC.
    clock.set("2026-03-10T12:59:00Z");
    await daily.tick();
    expect(slack.posts).toHaveLength(1);
    clock.set("2026-03-10T13:00:00Z");
    await daily.tick();
    clock.set("2026-03-10T18:00:00Z");
    await daily.tick();
    expect(slack.posts.map((p) => p.channelId)).toEqual(["C-SH", "C-NY"]);
    expect(slack.posts.every((p) => p.reply.kind === "lesson" && p.reply.visibility === "channel")).toBe(true);
  });

  it("wakes itself through the clock's timer, and ticks at least hourly", async () => {
    const clock = new FakeClock("2026-03-10T00:00:00Z");
    const daily = db.service({ clock, store: db.open(), maxSleepMs: 3_600_000 });
    const slack = new RecordingPublisher();
    await daily.subscribe(sub(shanghai, "09:00", "Asia/Shanghai"));
    await daily.start(publishers(slack));
    const wake = clock.wakes.find((w) => !w.cancelled)!;
    expect(wake.at).toEqual(new Date("2026-03-10T01:00:00Z"));
    clock.set(wake.at);
    wake.fn();
    await vi_waitFor(() => slack.posts.length === 1);
    // Re-armed: the hourly safety tick comes before tomorrow's 09:00.
    await vi_waitFor(() => clock.pendingWake()?.getTime() !== wake.at.getTime());
    expect(clock.pendingWake()).toEqual(new Date("2026-03-10T02:00:00Z"));
  });
});

/** Polls until `condition` holds (the timer callback runs the tick in the background). */
async function vi_waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

describe("daylight saving time (America/New_York)", () => {
  it("posts a time that does not exist on the spring-forward day at the same time after the gap (02:30 → 03:30 EDT)", async () => {
    const clock = new FakeClock("2026-03-07T12:00:00Z");
    const daily = db.service({ clock, store: db.open() });
    const slack = new RecordingPublisher();
    await daily.subscribe(sub(newYork, "02:30", "America/New_York"));
    await daily.start(publishers(slack));

    clock.set("2026-03-08T07:29:59Z"); // 01:29:59 EST; 02:00 jumps to 03:00
    await daily.tick();
    expect(slack.posts).toHaveLength(0);
    clock.set("2026-03-08T07:30:00Z"); // 03:30 EDT
    await daily.tick();
    expect(slack.posts).toHaveLength(1);
    clock.set("2026-03-08T23:00:00Z");
    await daily.tick();
    expect(slack.posts).toHaveLength(1);
    // The next day it is 02:30 EDT again = 06:30 UTC.
    expect(clock.pendingWake()).toEqual(new Date("2026-03-09T06:30:00Z"));
    clock.set("2026-03-09T06:30:00Z");
    await daily.tick();
    expect(slack.posts).toHaveLength(2);
  });

  it("posts a time that happens twice on the fall-back day once, at the first (01:30 EDT)", async () => {
    const clock = new FakeClock("2026-10-31T12:00:00Z");
    const daily = db.service({ clock, store: db.open() });
    const slack = new RecordingPublisher();
    await daily.subscribe(sub(newYork, "01:30", "America/New_York"));
    await daily.start(publishers(slack));

    clock.set("2026-11-01T05:29:00Z"); // 01:29 EDT
    await daily.tick();
    expect(slack.posts).toHaveLength(0);
    clock.set("2026-11-01T05:30:00Z"); // 01:30 EDT, the first 01:30
    await daily.tick();
    expect(slack.posts).toHaveLength(1);
    clock.set("2026-11-01T06:30:00Z"); // 01:30 EST, the second 01:30
    await daily.tick();
    clock.set("2026-11-01T07:00:00Z");
    await daily.tick();
    expect(slack.posts).toHaveLength(1);
    // The next day 01:30 EST = 06:30 UTC.
    clock.set("2026-11-02T06:29:00Z");
    await daily.tick();
    expect(slack.posts).toHaveLength(1);
    clock.set("2026-11-02T06:30:00Z");
    await daily.tick();
    expect(slack.posts).toHaveLength(2);
  });
});

describe("restarts and several instances", () => {
  it("catches up a missed post after a restart the same day, once, and never the next day", async () => {
    const clock = new FakeClock("2026-03-10T00:00:00Z");
    const first = db.service({ clock, store: db.open(), instanceId: "first" });
    await first.subscribe(sub(shanghai, "09:00", "Asia/Shanghai"));
    await first.stop(); // the bot was down at 09:00

    clock.set("2026-03-10T03:00:00Z"); // 11:00 in Shanghai
    const slack = new RecordingPublisher();
    const second = db.service({ clock, store: db.open(), instanceId: "second" });
    await second.start(publishers(slack));
    expect(slack.posts).toHaveLength(1);
    await second.stop();

    clock.set("2026-03-10T04:00:00Z");
    const third = db.service({ clock, store: db.open(), instanceId: "third" });
    await third.start(publishers(slack));
    await third.tick();
    expect(slack.posts).toHaveLength(1);
    await third.stop();

    // Down from before 09:00 on the 11th until after midnight: the 11th's lesson is not posted late.
    clock.set("2026-03-11T16:30:00Z"); // 00:30 on the 12th in Shanghai
    const fourth = db.service({ clock, store: db.open(), instanceId: "fourth" });
    await fourth.start(publishers(slack));
    expect(slack.posts).toHaveLength(1);
  });

  it("two instances on one database file post once between them", async () => {
    const clock = new FakeClock("2026-03-10T00:00:00Z");
    const a = db.service({ clock, store: db.open(), instanceId: "a" });
    const b = db.service({ clock, store: db.open(), instanceId: "b" });
    const pa = new RecordingPublisher();
    const pb = new RecordingPublisher();
    await a.subscribe(sub(shanghai, "09:00", "Asia/Shanghai"));
    await a.start(publishers(pa));
    await b.start(publishers(pb));

    clock.set("2026-03-10T01:00:00Z");
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    await Promise.all([b.tick(), a.tick()]);
    expect(pa.posts.length + pb.posts.length).toBe(1);
  });

  it("resumes a claim whose owner died before sending, once its lease lapsed", async () => {
    const clock = new FakeClock("2026-03-10T01:00:00Z");
    const store = db.open();
    const daily = db.service({ clock, store, instanceId: "alive", leaseMs: 60_000 });
    await store.upsertSubscription({ ...sub(shanghai, "09:00", "Asia/Shanghai"), since: new Date("2026-03-01T00:00:00Z") });
    await store.claimPost({
      ...shanghai,
      localDate: "2026-03-10",
      lessonId: "L3",
      cycle: 0,
      owner: "dead",
      leaseUntil: new Date("2026-03-10T01:01:00Z"),
      claimedAt: new Date("2026-03-10T01:00:00Z"),
    });
    const slack = new RecordingPublisher();
    await daily.start(publishers(slack));
    expect(slack.posts).toHaveLength(0); // the lease still holds
    expect(clock.pendingWake()).toEqual(new Date("2026-03-10T01:01:00Z"));

    clock.set("2026-03-10T01:01:00Z");
    await daily.tick();
    expect(slack.posts).toHaveLength(1);
    expect(slack.posts[0]!.reply.heading).toBe("第 3 课"); // the claimed lesson, not a new pick
    expect(await store.getPost({ ...shanghai, localDate: "2026-03-10" })).toMatchObject({ owner: "alive", status: "posted" });
  });

  it("never resends a post whose owner died while sending (it may have gone out)", async () => {
    const clock = new FakeClock("2026-03-10T05:00:00Z");
    const store = db.open();
    await store.upsertSubscription({ ...sub(shanghai, "09:00", "Asia/Shanghai"), since: new Date("2026-03-01T00:00:00Z") });
    const key = { ...shanghai, localDate: "2026-03-10" };
    await store.claimPost({ ...key, lessonId: "L1", cycle: 0, owner: "dead", leaseUntil: new Date("2026-03-10T01:05:00Z"), claimedAt: new Date("2026-03-10T01:00:00Z") });
    await store.updatePost(key, "dead", { status: "sending", attempts: 1 });
    const slack = new RecordingPublisher();
    const daily = db.service({ clock, store });
    await daily.start(publishers(slack));
    await daily.tick();
    expect(slack.calls).toBe(0);
  });
});

describe("failed sends", () => {
  it("waits out a 429's Retry-After, then posts once; the claim is kept meanwhile", async () => {
    const clock = new FakeClock("2026-03-10T01:00:00Z");
    const store = db.open();
    await store.upsertSubscription({ ...sub(shanghai, "09:00", "Asia/Shanghai"), since: new Date("2026-03-01T00:00:00Z") });
    const a = db.service({ clock, store, instanceId: "a" });
    const b = db.service({ clock, store: db.open(), instanceId: "b" });
    const pa = new RecordingPublisher();
    const pb = new RecordingPublisher();
    pa.failures.push(new RateLimitedError(30_000));
    // While `a` waits out the 429, a second instance starts and ticks: it must leave the post alone.
    clock.onSleep = async () => {
      await b.start(publishers(pb));
      await b.tick();
    };
    await a.start(publishers(pa));
    expect(clock.sleeps).toEqual([30_000]);
    expect(pa.calls).toBe(2);
    expect(pa.posts).toHaveLength(1);
    expect(pb.calls).toBe(0);
    expect(await store.getPost({ ...shanghai, localDate: "2026-03-10" })).toMatchObject({ owner: "a", status: "posted", attempts: 2 });
  });

  it("backs off exponentially on other errors, gives up after the attempt budget and never sends twice", async () => {
    const clock = new FakeClock("2026-03-10T01:00:00Z");
    const store = db.open();
    await store.upsertSubscription({ ...sub(shanghai, "09:00", "Asia/Shanghai"), since: new Date("2026-03-01T00:00:00Z") });
    const slack = new RecordingPublisher();
    for (let i = 0; i < 4; i++) slack.failures.push(new Error("503 from the platform"));
    const daily = db.service({ clock, store, retry: { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 3_000 } });
    await daily.start(publishers(slack));
    expect(slack.calls).toBe(4);
    expect(clock.sleeps).toEqual([1_000, 2_000, 3_000]);
    const post = await store.getPost({ ...shanghai, localDate: "2026-03-10" });
    expect(post).toMatchObject({ status: "failed", attempts: 4, error: "503 from the platform" });
    await daily.tick();
    expect(slack.calls).toBe(4);

    // The lesson was never seen, so it is the next day's lesson.
    clock.set("2026-03-11T01:00:00Z");
    await daily.tick();
    expect(slack.posts).toHaveLength(1);
    expect((await store.getPost({ ...shanghai, localDate: "2026-03-11" }))?.lessonId).toBe(post!.lessonId);
  });
});

describe("lesson order", () => {
  async function postDays(channel: typeof shanghai, days: number, lessons = 5, store = db.open()): Promise<string[]> {
    const clock = new FakeClock("2026-03-01T00:00:00Z");
    const daily = db.service({ clock, store, lessons: () => makeLessons(lessons) });
    const slack = new RecordingPublisher();
    await daily.subscribe(sub(channel, "09:00", "Asia/Shanghai"));
    await daily.start(publishers(slack));
    for (let day = 1; day <= days; day++) {
      clock.set(new Date(Date.UTC(2026, 2, day, 2)));
      await daily.tick();
    }
    await daily.stop();
    return slack.posts.map((p) => p.reply.heading!);
  }

  it("shows every lesson once before any repeats, then starts a new order", async () => {
    const titles = await postDays(shanghai, 12);
    expect(titles).toHaveLength(12);
    const all = makeLessons(5).map((l) => l.title).sort();
    expect([...titles.slice(0, 5)].sort()).toEqual(all);
    expect([...titles.slice(5, 10)].sort()).toEqual(all);
    expect(titles.slice(5, 10)).not.toEqual(titles.slice(0, 5));
    // No lesson twice in a row across the cycle boundary.
    expect(titles[5]).not.toBe(titles[4]);
  });

  it("is deterministic per channel, and channels differ", async () => {
    const once = await postDays(shanghai, 10, 8);
    const again = await postDays(shanghai, 10, 8, tempDatabaseStore());
    const elsewhere = await postDays(newYork, 10, 8, tempDatabaseStore());
    expect(again).toEqual(once);
    expect(elsewhere).not.toEqual(once);
  });

  function tempDatabaseStore() {
    const other = tempDatabase();
    extra.push(other);
    return other.open();
  }
});

const extra: ReturnType<typeof tempDatabase>[] = [];
afterEach(async () => {
  await Promise.all(extra.splice(0).map((d) => d.cleanup()));
});

describe("weekdays and subscription changes", () => {
  it("skips Saturday and Sunday in the channel's zone", async () => {
    const clock = new FakeClock("2026-03-12T12:00:00Z");
    const daily = db.service({ clock, store: db.open() });
    const slack = new RecordingPublisher();
    await daily.subscribe(sub(shanghai, "09:00", "Asia/Shanghai", true));
    await daily.start(publishers(slack));
    const posted: string[] = [];
    for (const day of ["2026-03-13", "2026-03-14", "2026-03-15", "2026-03-16"]) {
      const before = slack.posts.length;
      clock.set(`${day}T01:00:00Z`);
      await daily.tick();
      clock.set(`${day}T10:00:00Z`);
      await daily.tick();
      if (slack.posts.length > before) posted.push(day);
    }
    expect(posted).toEqual(["2026-03-13", "2026-03-16"]); // Friday and Monday
    // After Monday's post the next wake is Tuesday 09:00, not the weekend.
    expect(clock.pendingWake()).toEqual(new Date("2026-03-17T01:00:00Z"));
  });

  it("a subscription made after today's time starts tomorrow; unsubscribing stops posts", async () => {
    const clock = new FakeClock("2026-03-10T05:00:00Z"); // 13:00 in Shanghai
    const daily = db.service({ clock, store: db.open() });
    const slack = new RecordingPublisher();
    await daily.start(publishers(slack));
    const status = await daily.subscribe(sub(shanghai, "09:00", "Asia/Shanghai"));
    expect(status.nextAt).toEqual(new Date("2026-03-11T01:00:00Z"));
    await daily.tick();
    expect(slack.posts).toHaveLength(0);
    clock.set("2026-03-11T01:00:00Z");
    await daily.tick();
    expect(slack.posts).toHaveLength(1);
    expect(await daily.unsubscribe(shanghai)).toBe(true);
    clock.set("2026-03-12T01:00:00Z");
    await daily.tick();
    expect(slack.posts).toHaveLength(1);
    expect(await daily.unsubscribe(shanghai)).toBe(false);
  });

  it("only posts on platforms it has a publisher for", async () => {
    const clock = new FakeClock("2026-03-10T00:00:00Z");
    const daily = db.service({ clock, store: db.open() });
    const discord = new RecordingPublisher("discord");
    await daily.subscribe(sub(shanghai, "09:00", "Asia/Shanghai")); // a Slack channel
    await daily.subscribe({ ...sub(shanghai, "09:00", "Asia/Shanghai"), platform: "discord", channelId: "123" });
    await daily.start(publishers(discord));
    clock.set("2026-03-10T01:00:00Z");
    await daily.tick();
    expect(discord.posts.map((p) => p.channelId)).toEqual(["123"]);
    // The Slack day is still unclaimed: a Slack-connected instance can post it.
    const slack = new RecordingPublisher();
    const slackSide = db.service({ clock, store: db.open() });
    await slackSide.start(publishers(slack));
    expect(slack.posts.map((p) => p.channelId)).toEqual(["C-SH"]);
  });
});

describe("today", () => {
  it("is the lesson that will be posted, then the one that was", async () => {
    const clock = new FakeClock("2026-03-10T00:00:00Z");
    const daily = db.service({ clock, store: db.open(), lessons: () => makeLessons(7) });
    const slack = new RecordingPublisher();
    await daily.subscribe(sub(shanghai, "09:00", "Asia/Shanghai"));
    await daily.start(publishers(slack));
    for (let day = 10; day < 17; day++) {
      clock.set(`2026-03-${day}T00:30:00Z`);
      const before = await daily.today(shanghai);
      clock.set(`2026-03-${day}T01:00:00Z`);
      await daily.tick();
      const after = await daily.today(shanghai);
      expect(slack.posts.at(-1)!.reply.heading).toBe(before!.title);
      expect(after!.id).toBe(before!.id);
    }
  });

  it("rotates daily for a channel without a subscription", async () => {
    const clock = new FakeClock("2026-03-10T00:00:00Z");
    const daily = db.service({ clock, store: db.open(), lessons: () => makeLessons(7) });
    const first = await daily.today(newYork);
    expect(await daily.today(newYork)).toEqual(first);
    clock.set("2026-03-11T00:00:00Z");
    expect((await daily.today(newYork))!.id).not.toBe(first!.id);
  });

  it("has nothing to offer while there are no lessons", async () => {
    const clock = new FakeClock("2026-03-10T00:00:00Z");
    const daily = db.service({ clock, store: db.open(), lessons: () => [] });
    expect(await daily.today(shanghai)).toBeUndefined();
    expect((await daily.status(shanghai)).total).toBe(0);
  });
});
