import { describe, expect, it } from "vitest";
import { systemClock } from "../../src/scheduler/clock.ts";

describe("systemClock", () => {
  it("wakes at the given time, and not after being cancelled", async () => {
    const clock = systemClock();
    const fired: string[] = [];
    const soon = new Date(clock.now().getTime() + 5);
    clock.wakeAt(soon, () => fired.push("kept"));
    const cancel = clock.wakeAt(soon, () => fired.push("cancelled"));
    cancel();
    await new Promise<void>((resolve) => clock.wakeAt(new Date(soon.getTime() + 20), resolve));
    expect(fired).toEqual(["kept"]);
  });

  it("ends a sleep early when aborted", async () => {
    const clock = systemClock();
    const abort = new AbortController();
    const sleeping = clock.sleep(60_000, abort.signal);
    abort.abort();
    await expect(sleeping).resolves.toBeUndefined();
    await expect(clock.sleep(10_000, abort.signal)).resolves.toBeUndefined();
  });

  it("uses the injected now()", () => {
    const fixed = new Date("2026-03-10T01:00:00Z");
    expect(systemClock(() => fixed).now()).toBe(fixed);
  });
});
