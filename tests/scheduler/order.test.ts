import { describe, expect, it } from "vitest";
import { cycleOrder, nextLesson } from "../../src/scheduler/order.ts";
import type { PostRecord, PostStatus } from "../../src/store/types.ts";

const channel = { platform: "slack" as const, channelId: "C1" };
const lessons = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `L${i}` }));

function post(lessonId: string, cycle: number, status: PostStatus = "posted", day = 1): PostRecord {
  return {
    ...channel,
    localDate: `2026-03-${String(day).padStart(2, "0")}`,
    lessonId,
    cycle,
    status,
    owner: "x",
    leaseUntil: new Date(0),
    attempts: 1,
    claimedAt: new Date(0),
  };
}

describe("cycleOrder", () => {
  it("is a permutation, the same every time, different per channel and per cycle", () => {
    const all = lessons(12);
    const order = cycleOrder(all, channel, 0).map((l) => l.id);
    expect([...order].sort()).toEqual(all.map((l) => l.id).sort());
    expect(cycleOrder(all, channel, 0).map((l) => l.id)).toEqual(order);
    expect(cycleOrder(all, channel, 1).map((l) => l.id)).not.toEqual(order);
    expect(cycleOrder(all, { platform: "discord", channelId: "C1" }, 0).map((l) => l.id)).not.toEqual(order);
  });

  it("keeps the others' relative order when a lesson is added or removed", () => {
    const before = cycleOrder(lessons(10), channel, 0).map((l) => l.id);
    const after = cycleOrder([...lessons(10), { id: "new" }], channel, 0).map((l) => l.id);
    expect(after.filter((id) => id !== "new")).toEqual(before);
    const fewer = cycleOrder(lessons(10).filter((l) => l.id !== "L3"), channel, 0).map((l) => l.id);
    expect(fewer).toEqual(before.filter((id) => id !== "L3"));
  });
});

describe("nextLesson", () => {
  it("takes the first unseen lesson of the current cycle", () => {
    const all = lessons(4);
    const order = cycleOrder(all, channel, 0);
    expect(nextLesson(all, [], channel)).toEqual({ lesson: order[0], cycle: 0, shown: 0 });
    expect(nextLesson(all, [post(order[0]!.id, 0)], channel)).toEqual({ lesson: order[1], cycle: 0, shown: 1 });
  });

  it("does not count a post that failed for good; counts one that may have gone out", () => {
    const all = lessons(4);
    const order = cycleOrder(all, channel, 0);
    expect(nextLesson(all, [post(order[0]!.id, 0, "failed")], channel)?.lesson).toEqual(order[0]);
    expect(nextLesson(all, [post(order[0]!.id, 0, "sending")], channel)?.lesson).toEqual(order[1]);
  });

  it("starts the next cycle when all are shown, never repeating the last lesson first", () => {
    for (let n = 2; n <= 8; n++) {
      const all = lessons(n);
      const order = cycleOrder(all, channel, 0);
      const history = order.map((l, i) => post(l.id, 0, "posted", i + 1));
      const next = nextLesson(all, history, channel)!;
      expect(next.cycle).toBe(1);
      expect(next.lesson.id).not.toBe(order.at(-1)!.id);
    }
  });

  it("ignores lessons that left the corpus and has nothing without lessons", () => {
    const all = lessons(2);
    const history = [post("gone", 0), post("L0", 0, "posted", 2)];
    expect(nextLesson(all, history, channel)?.lesson.id).toBe("L1");
    expect(nextLesson([], history, channel)).toBeUndefined();
  });
});
