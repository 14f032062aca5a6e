/** Daily subscriptions that are due right now, whatever the hour the tests run at. */

/** A zone where it is not near midnight now, so "due a minute ago" is today there. */
export function zoneAwayFromMidnight(now: Date): string {
  for (const zone of ["UTC", "Asia/Shanghai", "America/New_York"]) {
    const [h, m] = hourMinute(now, zone).split(":").map(Number);
    if (h! * 60 + m! >= 10 && h! * 60 + m! <= 23 * 60 + 45) return zone;
  }
  return "UTC";
}

/** A subscription time that fell a minute ago (on the minute), in a zone where that is today. */
export function dueAMinuteAgo(now: Date): { timezone: string; time: string; dueAt: Date } {
  const timezone = zoneAwayFromMidnight(now);
  const dueAt = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - 60_000);
  return { timezone, time: hourMinute(dueAt, timezone), dueAt };
}

function hourMinute(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
}
