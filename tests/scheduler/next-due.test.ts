/**
 * The scheduler reads only what is due: each subscription's next due instant is stored when it is set
 * and moved on after it fires, so a tick's work follows the due rows, not the number of subscriptions.
 * And a post whose sender died mid-request is settled by asking the platform, not by guessing.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/types.ts";
import type { Reply } from "../../src/reply/types.ts";
import { postRef } from "../../src/scheduler/daily-lessons.ts";
import { FakeClock, RecordingPublisher, tempDatabase } from "./helpers.ts";

let db: ReturnType<typeof tempDatabase>;
beforeEach(() => {
  db = tempDatabase();
});
afterEach(async () => {
  await db.cleanup();
});

/** The store, with a count of calls per method. */
function counting(store: Store): { store: Store; calls: Map<string, number>; rows: Map<string, number> } {
  const calls = new Map<string, number>();
  const rows = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== "function" || typeof name !== "string") return value;
      return async (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        const result = (await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) as unknown;
        if (Array.isArray(result)) rows.set(name, (rows.get(name) ?? 0) + result.length);
        return result;
      };
    },
  });
  return { store: proxy, calls, rows };
}

const publishers = (...list: RecordingPublisher[]) => new Map(list.map((p) => [p.platform, p]));

describe("next due instants", () => {
  it("stores each subscription's next due instant and moves it on after it fires", async () => {
    const clock = new FakeClock("2026-03-10T00:00:00Z");
    const store = db.open();
    const daily = db.service({ clock, store });
    const channel = { platform: "slack" as const, channelId: "C-SH" };
    await daily.subscribe({ ...channel, time: "09:00", timezone: "Asia/Shanghai", weekdays: false, createdBy: "U1" });
    expect((await store.getSubscription(channel))?.nextDueAt).toEqual(new Date("2026-03-10T01:00:00Z"));
    const slack = new RecordingPublisher();
    await daily.start(publishers(slack));
    clock.set("2026-03-10T01:00:30Z");
    await daily.tick();
    expect(slack.posts).toHaveLength(1);
    expect((await store.getSubscription(channel))?.nextDueAt).toEqual(new Date("2026-03-11T01:00:00Z"));
  });

  it("a tick with 2,000 subscriptions reads only the due ones and never lists them all", async () => {
    const clock = new FakeClock("2026-03-10T00:00:00Z");
    const { store, calls, rows } = counting(db.open());
    const daily = db.service({ clock, store });
    // Spread over the day in UTC: minute i % 1440.
    for (let i = 0; i < 2_000; i++) {
      const minute = i % 1440;
      const time = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
      await daily.subscribe({ platform: "slack", channelId: `C${i}`, time, timezone: "UTC", weekdays: false, createdBy: "U1" });
    }
    const slack = new RecordingPublisher();
    await daily.start(publishers(slack));
    // 00:00 is due at start (subscribed at 00:00 exactly): C0 and C1440.
    expect(slack.posts.map((p) => p.channelId).sort()).toEqual(["C0", "C1440"]);
    calls.clear();
    rows.clear();
    clock.set("2026-03-10T00:02:00Z");
    await daily.tick();
    expect(slack.posts.map((p) => p.channelId).sort()).toEqual(["C0", "C1", "C1440", "C1441", "C1442", "C2"]);
    expect(calls.get("listSubscriptions")).toBeUndefined();
    expect(rows.get("dueSubscriptions")).toBe(4);
    expect(calls.get("getSubscription")).toBeUndefined();
    // Arming the next wake (once claims are made, again once sends are done) is aggregate reads only.
    expect(calls.get("earliestDue")).toBeLessThanOrEqual(2);
    expect(calls.get("earliestLeaseEnd")).toBeLessThanOrEqual(2);
    expect(clock.pendingWake()).toEqual(new Date("2026-03-10T00:03:00Z"));
  });

  it("a subscribe while running brings the timer forward without a store-wide read", async () => {
    const clock = new FakeClock("2026-03-10T00:00:00Z");
    const { store, calls } = counting(db.open());
    const daily = db.service({ clock, store });
    await daily.subscribe({ platform: "slack", channelId: "LATE", time: "20:00", timezone: "UTC", weekdays: false, createdBy: "U1" });
    await daily.start(publishers(new RecordingPublisher()));
    expect(clock.pendingWake()).toEqual(new Date("2026-03-10T20:00:00Z"));
    calls.clear();
    await daily.subscribe({ platform: "slack", channelId: "SOON", time: "06:30", timezone: "UTC", weekdays: false, createdBy: "U1" });
    expect(clock.pendingWake()).toEqual(new Date("2026-03-10T06:30:00Z"));
    // Later than the timer: left alone.
    await daily.subscribe({ platform: "slack", channelId: "LATER", time: "07:00", timezone: "UTC", weekdays: false, createdBy: "U1" });
    expect(clock.pendingWake()).toEqual(new Date("2026-03-10T06:30:00Z"));
    expect(calls.get("earliestDue")).toBeUndefined();
    expect(calls.get("listSubscriptions")).toBeUndefined();
  });

  it("subscriptions written without a due instant (older databases) are due at once and then scheduled", async () => {
    const clock = new FakeClock("2026-03-10T05:00:00Z"); // 13:00 in Shanghai
    const store = db.open();
    const channel = { platform: "slack" as const, channelId: "C-OLD" };
    await store.upsertSubscription({ ...channel, time: "09:00", timezone: "Asia/Shanghai", weekdays: false, createdBy: "U1", since: new Date("2026-03-01T00:00:00Z") });
    const slack = new RecordingPublisher();
    const daily = db.service({ clock, store });
    await daily.start(publishers(slack));
    expect(slack.posts).toHaveLength(1); // today's 09:00 had come: caught up
    expect((await store.getSubscription(channel))?.nextDueAt).toEqual(new Date("2026-03-11T01:00:00Z"));
  });
});

describe("a sender that died mid-request", () => {
  class CheckingPublisher extends RecordingPublisher {
    readonly asked: { channelId: string; ref: string; since: Date }[] = [];
    constructor(readonly answer: boolean | undefined) {
      super();
    }
    async findPublished(channelId: string, ref: string, since: Date): Promise<boolean | undefined> {
      this.asked.push({ channelId, ref, since });
      return this.answer;
    }
  }

  async function deadSender(answer: boolean | undefined) {
    const clock = new FakeClock("2026-03-10T01:10:00Z");
    const store = db.open();
    const channel = { platform: "slack" as const, channelId: "C-SH" };
    await store.upsertSubscription({ ...channel, time: "09:00", timezone: "Asia/Shanghai", weekdays: false, createdBy: "U1", since: new Date("2026-03-01T00:00:00Z"), nextDueAt: new Date("2026-03-11T01:00:00Z") });
    const key = { ...channel, localDate: "2026-03-10" };
    const claimedAt = new Date("2026-03-10T01:00:00Z");
    await store.claimPost({ ...key, lessonId: "L2", cycle: 0, owner: "dead", leaseUntil: new Date("2026-03-10T01:05:00Z"), claimedAt });
    await store.updatePost(key, "dead", { status: "sending", attempts: 1 });
    const slack = new CheckingPublisher(answer);
    const daily = db.service({ clock, store, instanceId: "taker" });
    await daily.start(publishers(slack));
    expect(slack.asked).toEqual([{ channelId: "C-SH", ref: postRef(key), since: claimedAt }]);
    return { slack, post: await store.getPost(key) };
  }

  it("is not sent again when the platform has it", async () => {
    const { slack, post } = await deadSender(true);
    expect(slack.calls).toBe(0);
    expect(post).toMatchObject({ status: "posted", owner: "taker" });
  });

  it("is sent (once, the claimed lesson) when the platform never got it", async () => {
    const { slack, post } = await deadSender(false);
    expect(slack.posts.map((p) => p.reply.heading)).toEqual(["第 2 课"]);
    expect(post).toMatchObject({ status: "posted", owner: "taker", attempts: 2 });
  });

  it("is left alone, marked, when the platform can't tell", async () => {
    const { slack, post } = await deadSender(undefined);
    expect(slack.calls).toBe(0);
    expect(post).toMatchObject({ status: "failed", error: expect.stringMatching(/can't tell/) });
  });

  it("passes the post's reference to the platform with every send", async () => {
    const clock = new FakeClock("2026-03-10T00:00:00Z");
    const refs: (string | undefined)[] = [];
    const slack = new (class extends RecordingPublisher {
      override async publish(channelId: string, reply: Reply, options?: { ref?: string }): Promise<void> {
        refs.push(options?.ref);
        return super.publish(channelId, reply);
      }
    })();
    const daily = db.service({ clock, store: db.open() });
    await daily.subscribe({ platform: "slack", channelId: "C1", time: "00:00", timezone: "UTC", weekdays: false, createdBy: "U1" });
    await daily.start(publishers(slack));
    expect(refs).toEqual([postRef({ platform: "slack", channelId: "C1", localDate: "2026-03-10" })]);
  });
});

describe("a slow send", () => {
  it("does not hold back the timer for other channels while it hangs", async () => {
    const clock = new FakeClock("2026-03-10T09:00:00Z");
    let release!: () => void;
    const hanging = new Promise<void>((resolve) => (release = resolve));
    const slack = new (class extends RecordingPublisher {
      override async publish(channelId: string, reply: Reply): Promise<void> {
        if (channelId === "A") await hanging;
        return super.publish(channelId, reply);
      }
    })();
    const daily = db.service({ clock, store: db.open() });
    await daily.subscribe({ platform: "slack", channelId: "A", time: "09:00", timezone: "UTC", weekdays: false, createdBy: "U1" });
    await daily.subscribe({ platform: "slack", channelId: "B", time: "10:00", timezone: "UTC", weekdays: false, createdBy: "U1" });
    const started = daily.start(publishers(slack));
    try {
      // Armed while A hangs: at A's lease end (09:05, to look at it again) or B's 10:00, whichever first.
      for (let i = 0; i < 200 && clock.pendingWake() === undefined; i++) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(clock.pendingWake()).toEqual(new Date("2026-03-10T09:05:00Z"));
      expect(slack.posts).toHaveLength(0);
    } finally {
      release();
    }
    await started;
    expect(slack.posts.map((p) => p.channelId)).toEqual(["A"]);
  });
});

describe("a failing store", () => {
  it("keeps the schedule: a tick that fails is logged and tried again soon", async () => {
    const clock = new FakeClock("2026-03-10T09:00:30Z");
    const real = db.open();
    let failures = 1;
    const flaky = new Proxy(real, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (name === "dueSubscriptions") {
          return async (...args: Parameters<Store["dueSubscriptions"]>) => {
            if (failures-- > 0) throw new Error("connection terminated unexpectedly");
            return target.dueSubscriptions(...args);
          };
        }
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const slack = new RecordingPublisher();
    const daily = db.service({ clock, store: flaky });
    await daily.subscribe({ platform: "slack", channelId: "C1", time: "09:00", timezone: "UTC", weekdays: false, createdBy: "U1" });
    await real.upsertSubscription({ ...(await real.getSubscription({ platform: "slack", channelId: "C1" }))!, nextDueAt: new Date("2026-03-10T09:00:00Z"), since: new Date("2026-03-10T08:00:00Z") });
    await daily.start(publishers(slack)); // the first tick fails
    expect(slack.posts).toHaveLength(0);
    const retryAt = clock.pendingWake();
    expect(retryAt).toEqual(new Date("2026-03-10T09:00:45Z"));
    clock.set(retryAt!);
    clock.wakes.find((w) => !w.cancelled)!.fn();
    for (let i = 0; i < 200 && slack.posts.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(slack.posts.map((p) => p.channelId)).toEqual(["C1"]);
  });
});
