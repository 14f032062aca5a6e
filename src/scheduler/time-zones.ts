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

/** Names people type for a zone that are not IANA names (cities, countries, abbreviations) → the zone. */
const ALIASES: Record<string, string> = {
  beijing: "Asia/Shanghai",
  peking: "Asia/Shanghai",
  北京: "Asia/Shanghai",
  上海: "Asia/Shanghai",
  china: "Asia/Shanghai",
  中国: "Asia/Shanghai",
  prc: "Asia/Shanghai",
  hongkong: "Asia/Hong_Kong",
  香港: "Asia/Hong_Kong",
  台北: "Asia/Taipei",
  taiwan: "Asia/Taipei",
  japan: "Asia/Tokyo",
  东京: "Asia/Tokyo",
  singapore: "Asia/Singapore",
  新加坡: "Asia/Singapore",
  london: "Europe/London",
  uk: "Europe/London",
  berlin: "Europe/Berlin",
  germany: "Europe/Berlin",
  paris: "Europe/Paris",
  newyork: "America/New_York",
  nyc: "America/New_York",
  sanfrancisco: "America/Los_Angeles",
  seattle: "America/Los_Angeles",
  losangeles: "America/Los_Angeles",
  pst: "America/Los_Angeles",
  pdt: "America/Los_Angeles",
  est: "America/New_York",
  edt: "America/New_York",
  gmt: "UTC",
};

/** `UTC+8`, `GMT+08:00`, `+8`, `UTC-5:30` → minutes east of UTC. */
function offsetMinutes(text: string): number | undefined {
  const match = /^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return minutes > 14 * 60 ? undefined : (match[1] === "-" ? -1 : 1) * minutes;
}

/** The zone's offset from UTC at `at`, in minutes east. */
function zoneOffset(zone: string, at: Date): number {
  const part = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  return offsetMinutes(part === "GMT" || part === undefined ? "+0" : part.replace(/^GMT/, "")) ?? 0;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * "Did you mean …" for a zone the daily command refused: a city or country name (`Beijing`), an offset
 * (`UTC+8` → the common zones at that offset now, then `Etc/GMT-8`), or a misspelling (`Asia/Shangai`).
 * At most `limit` names, best first; none when nothing is close.
 */
export function suggestTimeZones(input: string, limit = 3, now: Date = new Date()): string[] {
  const text = input.normalize("NFKC").trim();
  if (text === "" || text.length > 64) return [];
  const key = text.toLowerCase().replace(/[\s_\-./]+/g, "");
  const alias = ALIASES[key];
  if (alias) return [alias];

  const offset = offsetMinutes(text.replace(/\s+/g, ""));
  if (offset !== undefined) {
    let common = COMMON_ZONES.filter((zone) => zoneOffset(zone, now) === offset);
    // An offset none of the common zones has (e.g. +5:30): any zone at that offset now.
    if (common.length === 0) common = allZones().filter((zone) => zone.includes("/") && !zone.startsWith("Etc/") && zoneOffset(zone, now) === offset);
    // Etc/GMT zones have the sign the other way round (POSIX): UTC+8 is Etc/GMT-8.
    const hours = offset / 60;
    const etc = Number.isInteger(hours) && Math.abs(hours) <= 12 ? [hours === 0 ? "UTC" : `Etc/GMT${hours > 0 ? "-" : "+"}${Math.abs(hours)}`] : [];
    return [...new Set([...common, ...etc])].slice(0, limit);
  }

  const prefixed = matchTimeZones(text, limit);
  if (prefixed.length > 0 && text.length >= 3) return prefixed;
  const needle = text.toLowerCase().replace(/\s+/g, "_");
  const ranked: [number, string][] = [];
  for (const zone of allZones()) {
    const name = zone.toLowerCase();
    const city = name.slice(name.lastIndexOf("/") + 1);
    const distance = Math.min(editDistance(needle, name), needle.includes("/") ? Infinity : editDistance(needle, city));
    // A typo or two, not a different word: at most a quarter of the name, and never for tiny inputs.
    if (distance <= Math.max(1, Math.floor(needle.length / 4)) && needle.length >= 4) ranked.push([distance, zone]);
  }
  return ranked
    .sort((a, b) => a[0] - b[0] || Number(COMMON_ZONES.includes(b[1])) - Number(COMMON_ZONES.includes(a[1])) || a[1].localeCompare(b[1]))
    .slice(0, limit)
    .map(([, zone]) => zone);
}
