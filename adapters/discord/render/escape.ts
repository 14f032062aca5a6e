/**
 * Plain text (user queries, corpus quotes, display names) → Discord text that shows exactly that text:
 * it can neither format nor ping, nor render as a mention pill.
 *
 * `allowed_mentions: { parse: [] }` on every message is what guarantees nobody is notified; breaking up
 * `@everyone` and `<@…>` here keeps the text honest too (no pill that looks like a ping, no "@everyone"
 * that a client or a bridge might still act on).
 */
import { stripInvisible } from "../../../src/reply/clip.ts";
import { httpUrl } from "../../../src/reply/url.ts";

/** Invisible separator that stops Discord from reading `@everyone` or `<@id>` as a mention. */
const BREAK = "\u200B";

/** `<@id>`, `<@!id>`, `<@&id>`, `<#id>`, `</cmd:id>`, `<id:…>`: everything Discord renders as a pill. */
const PILL = /<(?=[@#/]|id:)/g;
const BROADCAST = /@(?=(?:everyone|here)(?![A-Za-z0-9_]))/gi;

/** Text for fields Discord shows verbatim (footers, author names, button labels, choices). */
export function plainText(text: string): string {
  return stripInvisible(text).replace(PILL, `<${BREAK}`).replace(BROADCAST, `@${BREAK}`);
}

/** Characters that format anywhere in a line: emphasis, code, strike, spoiler, masked links, and `\\` itself. */
const INLINE_MARKUP = /[\\*_~`|[\]]/g;

/** Line starts that format the whole line: block quote, heading, subtext (`-#`), lists (`-`, `+`, `1.`). */
const LINE_MARKUP = /^([^\S\n]*)(?:([>#+-])|(\d+)\.)/gm;

/**
 * Text for fields Discord renders as markdown (content, titles, descriptions): every markup character
 * escaped. Discord reads a backslash before any ASCII punctuation as "this character is text", so escaping
 * each one is simpler and safer than recognising every construct (discord.js `escapeMarkdown` misses runs
 * such as four backticks).
 */
export function markdownText(text: string): string {
  const escaped = stripInvisible(text)
    .replace(INLINE_MARKUP, "\\$&")
    .replace(LINE_MARKUP, (_, indent: string, mark: string | undefined, digits: string | undefined) =>
      mark !== undefined ? `${indent}\\${mark}` : `${indent}${digits}\\.`,
    );
  return escaped.replace(PILL, `<${BREAK}`).replace(BROADCAST, `@${BREAK}`);
}

/** Bold for already-escaped text (empty stays empty: `****` would show as asterisks). */
export function bold(escaped: string): string {
  return escaped === "" ? "" : `**${escaped}**`;
}

/** An `http(s)` URL that fits `max`, normalised; `undefined` for anything else. */
export function safeUrl(url: string | undefined, max: number): string | undefined {
  const href = httpUrl(url)?.href;
  return href !== undefined && href.length <= max ? href : undefined;
}

/**
 * A URL standing alone in message text (Discord links it; masked links are never sent): as `safeUrl`, with
 * the characters that format even inside a bare link percent-encoded — the same address, no markup.
 */
export function bareUrl(url: string | undefined, max: number): string | undefined {
  const href = httpUrl(url)?.href.replace(/[*~`|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return href !== undefined && href.length <= max ? href : undefined;
}
