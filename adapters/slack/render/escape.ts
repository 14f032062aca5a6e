/**
 * Turning plain text (user queries, corpus quotes, names) into Slack mrkdwn that shows exactly that text.
 *
 * Slack parses `<…>` as mentions/links and `&…;` as entities, so `&`, `<`, `>` are always escaped: with them
 * gone, `<!channel>`, `<!here>` or `<@U…>` in user text is shown, never executed. mrkdwn has no escape for
 * its formatting characters, so `*`, `~` and backticks are swapped for look-alikes that format nothing;
 * `_` is left alone because Slack only reads it as italic at word boundaries and identifiers use it.
 */
import { stripInvisible } from "../../../src/reply/clip.ts";
import { httpUrl } from "../../../src/reply/url.ts";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** mrkdwn formatting characters → characters that look alike and format nothing. */
const LOOKALIKES: Record<string, string> = { "*": "\u2217", "~": "\u223C", "`": "\u02CB" };

/** Invisible, non-breaking: splits `@here` so no client or integration reads it as a broadcast. */
const WORD_JOINER = "\u2060";

/** Zero-width space: lets `*bold*` start/end inside a word (CJK has no spaces around terms). */
const ZWSP = "\u200B";

/** Plain text → mrkdwn that renders as the same text and can neither ping nor format. */
export function escapeMrkdwn(text: string): string {
  // Half of a surrogate pair on its own is not text; Slack's JSON parser may reject it.
  return stripInvisible(text)
    .toWellFormed()
    .replace(/[&<>]/g, (c) => ENTITIES[c] ?? c)
    .replace(/[*~`]/g, (c) => LOOKALIKES[c] ?? c)
    .replace(/@(?=(?:channel|here|everyone)(?![A-Za-z0-9_]))/gi, `@${WORD_JOINER}`);
}

/**
 * Bold for already-escaped text. Whitespace stays outside the markers (Slack ignores `* x*`), and
 * zero-width spaces around them make it work mid-sentence.
 */
export function bold(escaped: string): string {
  const inner = escaped.trim();
  if (inner === "") return escaped;
  const start = escaped.length - escaped.trimStart().length;
  const end = start + inner.length;
  return `${escaped.slice(0, start)}${ZWSP}*${inner}*${ZWSP}${escaped.slice(end)}`;
}

/** Prefixes every line with `>` so the whole text renders as a block quote. */
export function quoteLines(mrkdwn: string): string {
  return mrkdwn
    .split("\n")
    .map((line) => `>${line}`)
    .join("\n");
}

/**
 * A `<url|label>` link, or `undefined` when the URL is not plain http(s) (no `javascript:`, no
 * Slack-internal schemes). The URL is normalised and has `|`/`>` percent-encoded so it can't end the link early.
 */
export function link(url: string, label: string): string | undefined {
  const href = linkHref(url);
  return href === undefined ? undefined : `<${href}|${escapeMrkdwn(label)}>`;
}

/** The target of a `<href|label>` link: the parsed http(s) URL with `|`, `<`, `>` and `&` made safe. */
export function linkHref(url: string): string | undefined {
  return httpUrl(url)
    ?.href.replace(/\|/g, "%7C")
    .replace(/</g, "%3C")
    .replace(/>/g, "%3E")
    .replace(/&/g, "&amp;");
}
