import { describe, expect, it } from "vitest";
import { canonicalTimeZone, localDate, localDateTime, nextOccurrence, occurrenceToday, parseTime } from "../../src/scheduler/schedule.ts";

describe("parseTime", () => {
  it("accepts HH:MM and H:MM (also full-width), giving HH:MM", () => {
    expect(parseTime("09:00")).toBe("09:00");
    expect(parseTime("9:05")).toBe("09:05");
    expect(parseTime("23:59")).toBe("23:59");
    expect(parseTime("００:３０")).toBe("00:30");
    expect(parseTime(" 18:30 ")).toBe("18:30");
  });

  it.each(["25:00", "24:00", "9am", "9:5", "09:60", "0900", "09:00:00", "", "-1:00", "１２３:00"])("rejects %j", (input) => {
    expect(parseTime(input)).toBeUndefined();
  });
});

describe("canonicalTimeZone", () => {
  it("accepts IANA names in any case and returns the canonical spelling", () => {
    expect(canonicalTimeZone("Asia/Shanghai")).toBe("Asia/Shanghai");
    expect(canonicalTimeZone("asia/shanghai")).toBe("Asia/Shanghai");
    expect(canonicalTimeZone("America/Argentina/Buenos_Aires")).toMatch(/Buenos_Aires$/);
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(canonicalTimeZone("Etc/GMT-8")).toBe("Etc/GMT-8");
  });

  it.each(["Mars/Base", "+08:00", "", "Asia/Shanghai ; rm", "../etc/passwd", "Asia/"])("rejects %j", (input) => {
    expect(canonicalTimeZone(input)).toBeUndefined();
  });
});

describe("occurrences", () => {
  const daily = (time: string, timezone: string, weekdays = false) => ({ time, timezone, weekdays });

  it("lands on the asked local time every day of a year, in zones with and without DST", () => {
    for (const timezone of ["Asia/Shanghai", "America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata"]) {
      const sub = daily("09:15", timezone);
      let at = new Date("2026-01-01T00:00:00Z");
      const seen = new Set<string>();
      for (let i = 0; i < 365; i++) {
        const next = nextOccurrence(sub, at)!;
        expect(localDateTime(next.dueAt, timezone)).toBe(`${next.localDate} 09:15`);
        seen.add(next.localDate);
        at = next.dueAt;
      }
      expect(seen.size).toBe(365); // one per local day, none skipped or doubled
    }
  });

  it("today's occurrence exists from its time until local midnight", () => {
    const sub = daily("09:00", "Asia/Shanghai");
    expect(occurrenceToday(sub, new Date("2026-03-10T00:59:59Z"))).toBeUndefined();
    expect(occurrenceToday(sub, new Date("2026-03-10T01:00:00Z"))).toEqual({ localDate: "2026-03-10", dueAt: new Date("2026-03-10T01:00:00Z") });
    expect(occurrenceToday(sub, new Date("2026-03-10T15:59:59Z"))?.localDate).toBe("2026-03-10");
    expect(occurrenceToday(sub, new Date("2026-03-10T16:00:00Z"))).toBeUndefined(); // 00:00 on the 11th
  });

  it("skips weekends in the subscription's zone", () => {
    const sub = daily("09:00", "Asia/Shanghai", true);
    // Friday 2026-03-13 09:00 Shanghai → next is Monday 2026-03-16.
    expect(nextOccurrence(sub, new Date("2026-03-13T01:00:00Z"))?.localDate).toBe("2026-03-16");
    expect(occurrenceToday(sub, new Date("2026-03-14T05:00:00Z"))).toBeUndefined(); // Saturday
  });

  it("moves a time in the spring-forward gap past the gap and posts the doubled hour once", () => {
    const gap = nextOccurrence(daily("02:30", "America/New_York"), new Date("2026-03-08T00:00:00Z"))!;
    expect(gap).toEqual({ localDate: "2026-03-08", dueAt: new Date("2026-03-08T07:30:00Z") });
    expect(localDateTime(gap.dueAt, "America/New_York")).toBe("2026-03-08 03:30");

    const sub = daily("01:30", "America/New_York");
    const first = nextOccurrence(sub, new Date("2026-11-01T00:00:00Z"))!;
    expect(first.dueAt).toEqual(new Date("2026-11-01T05:30:00Z")); // 01:30 EDT
    expect(nextOccurrence(sub, first.dueAt)?.localDate).toBe("2026-11-02");
  });

  it("formats local dates in the zone, not in UTC", () => {
    expect(localDate(new Date("2026-03-10T20:00:00Z"), "Asia/Shanghai")).toBe("2026-03-11");
    expect(localDate(new Date("2026-03-10T20:00:00Z"), "America/New_York")).toBe("2026-03-10");
  });
});
