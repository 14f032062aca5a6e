/**
 * Time-zone suggestions for people typing a zone (Discord autocomplete): input help only, the daily
 * command validates the zone it gets.
 */

/** Offered before anything is typed: zones of the corpus' readers first. */
const COMMON_ZONES = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Taipei",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Los_Angeles",
  "UTC",
];

let zones: string[] | undefined;

function allZones(): string[] {
  zones ??= [...new Set([...Intl.supportedValuesOf("timeZone"), "UTC"])];
  return zones;
}

/**
 * IANA zones matching what the user typed: whole-name prefix first (`asia/sh`), then the city's prefix
 * (`shang`, `new york`), then anywhere in the name. Input help only; the core validates the zone.
 */
export function matchTimeZones(partial: string, limit = 25): string[] {
  const needle = partial.trim().toLowerCase().replace(/\s+/g, "_");
  if (needle === "") return COMMON_ZONES.slice(0, limit);
  const ranked: [number, string][] = [];
  for (const zone of allZones()) {
    const name = zone.toLowerCase();
    const city = name.slice(name.lastIndexOf("/") + 1);
    const rank = name.startsWith(needle) ? 0 : city.startsWith(needle) ? 1 : name.includes(needle) ? 2 : -1;
    if (rank >= 0) ranked.push([rank, zone]);
  }
  return ranked
    .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]))
    .slice(0, limit)
    .map(([, zone]) => zone);
}
