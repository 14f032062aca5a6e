/**
 * Plain text (user queries, corpus quotes, display names) → Discord text that shows exactly that text:
 * it can neither format nor ping, nor render as a mention pill.
 *
 * `allowed_mentions: { parse: [] }` on every message is what guarantees nobody is notified; breaking up
 * `@everyone` and `<@…>` here keeps the text honest too (no pill that looks like a ping, no "@everyone"
 * that a client or a bridge might still act on).
 */
import { escapeMarkdown } from "discord.js";
import { stripInvisible } from "../../../src/reply/clip.ts";

/** Invisible separator that stops Discord from reading `@everyone` or `<@id>` as a mention. */
const BREAK = "\u200B";

/** `<@id>`, `<@!id>`, `<@&id>`, `<#id>`, `</cmd:id>`, `<id:…>`: everything Discord renders as a pill. */
const PILL = /<(?=[@#/]|id:)/g;
const BROADCAST = /@(?=(?:everyone|here)(?![A-Za-z0-9_]))/gi;

/** Text for fields Discord shows verbatim (footers, author names, button labels, choices). */
export function plainText(text: string): string {
  return stripInvisible(text).replace(PILL, `<${BREAK}`).replace(BROADCAST, `@${BREAK}`);
}

/** Text for fields Discord renders as markdown (content, titles, descriptions): every markup character escaped. */
export function markdownText(text: string): string {
  const escaped = escapeMarkdown(stripInvisible(text), {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  })
    // Block quotes and `-#` subtext start a line; discord.js leaves both alone.
    .replace(/^(\s*)>/gm, "$1\\>")
    .replace(/^(\s*)-#/gm, "$1\\-#");
  return escaped.replace(PILL, `<${BREAK}`).replace(BROADCAST, `@${BREAK}`);
}

/** Bold for already-escaped text (empty stays empty: `****` would show as asterisks). */
export function bold(escaped: string): string {
  return escaped === "" ? "" : `**${escaped}**`;
}

/** An `http(s)` URL that fits `max`, normalised; `undefined` for anything else (no `javascript:`, no garbage). */
export function safeUrl(url: string | undefined, max: number): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  return parsed.href.length <= max ? parsed.href : undefined;
}
