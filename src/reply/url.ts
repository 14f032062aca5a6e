/**
 * A link the bot may show: plain `http(s)` only (no `javascript:`, no platform-internal schemes),
 * normalised by the WHATWG URL parser. `undefined` for anything else, so a bad `url:` in front matter
 * drops the link instead of breaking the message.
 */
export function httpUrl(raw: string | undefined): URL | undefined {
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    return undefined;
  }
  return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed : undefined;
}
