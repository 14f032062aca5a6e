/**
 * Slack message markup → the plain text the user typed, for the core. Slack sends mentions, channels
 * and links as `<…>` tokens and escapes `&`, `<`, `>` as entities; the core must see words, not markup.
 */

/**
 * `botUserId`'s own mention is removed (it addresses the bot, it isn't part of the question); other
 * users become `@U…`, channels `#name`, links their label (or URL), broadcasts `@here` etc.
 */
export function plainFromSlack(text: string, botUserId?: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => token(inner, botUserId))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
}

/** True when `text` contains a mention of `botUserId`. */
export function mentions(text: string, botUserId: string | undefined): boolean {
  if (!botUserId) return false;
  return new RegExp(`<@${escapeRegExp(botUserId)}(?:\\|[^>]*)?>`).test(text);
}

function token(inner: string, botUserId: string | undefined): string {
  const [target = "", label] = splitLabel(inner);
  if (target.startsWith("@")) {
    return target.slice(1) === botUserId ? " " : `@${label ?? target.slice(1)}`;
  }
  if (target.startsWith("#")) return `#${label ?? target.slice(1)}`;
  if (target.startsWith("!subteam^")) return `@${label?.replace(/^@/, "") ?? "team"}`;
  if (target.startsWith("!")) return `@${label ?? target.slice(1).split("^")[0]}`;
  return label ?? target;
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf("|");
  return bar === -1 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

/** `text` as a literal inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
