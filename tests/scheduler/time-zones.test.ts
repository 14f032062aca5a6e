import { describe, expect, it } from "vitest";
import { matchTimeZones } from "../../src/scheduler/time-zones.ts";

describe("matchTimeZones", () => {
  it("offers common zones before anything is typed", () => {
    expect(matchTimeZones("")[0]).toBe("Asia/Shanghai");
    expect(matchTimeZones("", 3)).toHaveLength(3);
  });

  it("ranks a whole-name prefix, then a city prefix, then a match anywhere", () => {
    expect(matchTimeZones("asia/sh")[0]).toBe("Asia/Shanghai");
    expect(matchTimeZones("new york")).toContain("America/New_York");
    expect(matchTimeZones("shang")[0]).toBe("Asia/Shanghai");
    expect(matchTimeZones("berl")).toEqual(["Europe/Berlin"]);
  });

  it("stays within Discord's 25 choices and finds nothing for nonsense", () => {
    expect(matchTimeZones("a").length).toBeLessThanOrEqual(25);
    expect(matchTimeZones("zzzz-not-a-zone")).toEqual([]);
  });
});
