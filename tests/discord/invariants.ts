/**
 * What every message body the bot sends to Discord must satisfy, whatever the input: Discord's limits,
 * `allowed_mentions` that ping nobody, no mention or broadcast text, and no markup from user or corpus
 * text (only our own bold and block quotes). Returns the violations (empty = fine), so a failing fuzz
 * case says what broke.
 */
import { LIMITS } from "../../adapters/discord/render/limits.ts";
import { BOT_ID } from "../fakes/discord/world.ts";

type Json = Record<string, unknown>;

const BROADCAST = /@(?:everyone|here)(?![A-Za-z0-9_])/i;
const PILL = /<(?:[@#/]|id:)/;
/** Line starts that make Discord format a whole line: heading, subtext, quote, list. */
const LINE_MARKUP = /^\s*(?:#{1,3}\s|-#\s|>|[*-]\s|\d+\.\s)/;

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * Problems in markdown text: unescaped markup besides our `**` pairs (and, where `quoted`, our `> ` block
 * quotes: user text starting with `>` is escaped, so only ours start a line with it), mentions, broadcasts.
 */
export function markdownProblems(where: string, md: string, quoted = false): string[] {
  const problems = pingProblems(where, md);
  for (const [i, raw] of md.split("\n").entries()) {
    const line = quoted ? raw.replace(/^> /, "") : raw;
    if (LINE_MARKUP.test(line)) problems.push(`${where}: line ${i} starts with markup: ${JSON.stringify(line.slice(0, 20))}`);
    // Escaped characters are text; what is left may only be our bold markers, in pairs.
    const bare = line.replace(/\\[\s\S]/g, "");
    const bolds = bare.split("**").length - 1;
    if (bolds % 2 !== 0) problems.push(`${where}: unbalanced ** on line ${i}`);
    const rest = bare.replaceAll("**", "");
    for (const mark of ["*", "`", "~~", "||"]) if (rest.includes(mark)) problems.push(`${where}: unescaped ${mark} on line ${i}`);
    if (/\[[^\]]*\]\([^)]*\)/.test(bare)) problems.push(`${where}: masked link on line ${i}`);
  }
  return problems;
}

function pingProblems(where: string, value: string): string[] {
  const problems: string[] = [];
  if (BROADCAST.test(value)) problems.push(`${where}: raw @everyone/@here`);
  if (PILL.test(value)) problems.push(`${where}: raw mention/pill`);
  return problems;
}

function length(where: string, value: string | undefined, max: number, problems: string[]): number {
  if (value === undefined) return 0;
  if (value.length > max) problems.push(`${where}: ${value.length} > ${max}`);
  return value.length;
}

export function violations(message: Json): string[] {
  const problems: string[] = [];
  const mentions = message.allowed_mentions as { parse?: unknown; replied_user?: unknown } | undefined;
  if (!mentions || !Array.isArray(mentions.parse) || mentions.parse.length !== 0) problems.push(`allowed_mentions.parse is not []: ${JSON.stringify(mentions)}`);
  if (mentions && mentions.replied_user === true) problems.push("allowed_mentions pings the replied-to user");
  for (const key of ["users", "roles"]) if (mentions && Array.isArray((mentions as Json)[key]) && ((mentions as Json)[key] as unknown[]).length) problems.push(`allowed_mentions.${key} set`);

  const content = text(message.content);
  length("content", content, LIMITS.content, problems);
  if (content) problems.push(...markdownProblems("content", content));

  const embeds = (message.embeds ?? []) as Json[];
  const components = (message.components ?? []) as Json[];
  if (!content && embeds.length === 0 && components.length === 0) problems.push("empty message");
  if (embeds.length > LIMITS.embeds) problems.push(`${embeds.length} embeds`);
  let total = 0;
  embeds.forEach((embed, i) => {
    const where = `embed ${i}`;
    const title = text(embed.title);
    const description = text(embed.description);
    const footer = text((embed.footer as Json | undefined)?.text);
    const author = text((embed.author as Json | undefined)?.name);
    total += length(`${where} title`, title, LIMITS.embedTitle, problems);
    total += length(`${where} description`, description, LIMITS.embedDescription, problems);
    total += length(`${where} footer`, footer, LIMITS.embedFooter, problems);
    total += length(`${where} author`, author, LIMITS.embedAuthor, problems);
    const fields = (embed.fields ?? []) as Json[];
    if (fields.length > LIMITS.embedFields) problems.push(`${where}: ${fields.length} fields`);
    for (const field of fields) {
      total += length(`${where} field name`, text(field.name), LIMITS.embedFieldName, problems);
      total += length(`${where} field value`, text(field.value), LIMITS.embedFieldValue, problems);
    }
    if (!title && !description && !footer && !author) problems.push(`${where}: empty`);
    if (title !== undefined) problems.push(...pingProblems(`${where} title`, title));
    if (description !== undefined) problems.push(...markdownProblems(`${where} description`, description, true));
    for (const [name, value] of [["footer", footer], ["author", author]] as const) if (value !== undefined) problems.push(...pingProblems(`${where} ${name}`, value));
    if (embed.url !== undefined && !/^https?:\/\//.test(String(embed.url))) problems.push(`${where}: url ${String(embed.url)}`);
  });
  if (total > LIMITS.embedTotal) problems.push(`embeds total ${total} > ${LIMITS.embedTotal}`);

  if (components.length > LIMITS.actionRows) problems.push(`${components.length} action rows`);
  const ids = new Set<string>();
  components.forEach((row, r) => {
    const buttons = (row.components ?? []) as Json[];
    if (row.type !== 1 || buttons.length === 0 || buttons.length > LIMITS.buttonsPerRow) problems.push(`row ${r}: ${buttons.length} buttons`);
    for (const button of buttons) {
      const label = text(button.label);
      const id = text(button.custom_id);
      if (!label || label.length > LIMITS.buttonLabel) problems.push(`row ${r}: label ${JSON.stringify(label)}`);
      else problems.push(...pingProblems(`row ${r} label`, label));
      if (!id || id.length > LIMITS.customId) problems.push(`row ${r}: custom_id ${JSON.stringify(id)}`);
      else if (ids.has(id)) problems.push(`row ${r}: duplicate custom_id ${id}`);
      else ids.add(id);
    }
  });
  return problems;
}

/** Pieces that try to ping, format, hide or break things on Discord; the fuzzers mix them into their strings. */
export const HOSTILE = [
  "@everyone",
  "@here",
  "@EVERYONE",
  "<@&1400000000000000002>",
  "<@1600000000000000001>",
  "<@!1600000000000000001>",
  "<#1300000000000000001>",
  "</lesson search:1500000000000000001>",
  "<id:customize>",
  "<t:1700000000:R>",
  "**bold**",
  "*",
  "_",
  "__under__",
  "~~",
  "||spoiler||",
  "`",
  "```js\ncode\n```",
  "\\",
  "> ",
  "\n> quote",
  "\n# Heading",
  "\n-# subtext",
  "\n- item",
  "\n1. item",
  "[click](https://evil.example)",
  "https://example.com/a_b*c",
  "\u200B",
  "\u202E",
  "\u0000",
  "\u0007",
  "\uFEFF",
  "\r\n",
  "\t",
  "👨‍👩‍👧",
  "e\u0301",
  "\uD83D",
  "@Everyone",
  "<@!1600000000000000002>",
  `<@${BOT_ID}>`,
  "**",
  "||",
  "```",
  "\n> ",
  "# ",
  "\u001b[31m",
  "\u200D",
  "\uDC00",
  "👨‍👩‍👧‍👦",
  "🏳️‍🌈",
  " ",
] as const;
