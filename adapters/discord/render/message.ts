/**
 * Reply → Discord message body (content, embeds, buttons). The only place that knows how a reply looks
 * in Discord. Every string in a reply is plain text: it is escaped here (`markdownText` / `plainText`)
 * and every field is cut to Discord's limits (`LIMITS`) with the shared grapheme-safe `clip`.
 *
 * Layout: a reply with quotes is a bold heading and any paragraphs in `content`, then one embed per quote
 * (quote as a `>` block with matched terms bold, attribution below, the article as the embed title linking
 * to its source) with that quote's buttons in a row; a reply without quotes is one embed. The colour says
 * what kind of reply it is.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
} from "discord.js";
import type { ActionKind, QuoteCard, Reply, ReplyAction, ReplyEntry, ReplyKind, Segment } from "../../../src/reply/types.ts";
import { stripInvisible } from "../../../src/reply/clip.ts";
import { bareUrl, bold, markdownText, plainText, safeUrl } from "./escape.ts";
import { fitSegments, fitText } from "../../../src/reply/fit.ts";
import { LIMITS } from "./limits.ts";

/** Ping nobody: not @everyone, not roles, not users, not the author of a message we reply to. */
export const NO_MENTIONS = { parse: [], replied_user: false } as const;

/** The JSON body of a message (create or edit); delivery adds flags (ephemeral) and the reference. */
export interface DiscordMessage {
  /** Absent when everything is in the embeds. */
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowed_mentions: typeof NO_MENTIONS;
}

/** One colour per kind of reply, so a glance tells an answer from a notice or an error. */
export const COLOURS: Record<ReplyKind, number> = {
  quotes: 0x5865f2,
  lesson: 0xf1c40f,
  help: 0x57f287,
  notice: 0x99aab5,
  no_match: 0xfee75c,
  error: 0xed4245,
};

const BUTTON_STYLES: Record<ActionKind, ButtonStyle.Primary | ButtonStyle.Secondary> = {
  share: ButtonStyle.Primary,
  more: ButtonStyle.Secondary,
  helpful: ButtonStyle.Secondary,
  not_helpful: ButtonStyle.Secondary,
};

/** Quotes shown in one message: a page is 3; more would crowd the screen and the 6,000-character budget. */
const MAX_QUOTES = 5;
const SEPARATOR = " · ";

export function renderReply(reply: Reply): DiscordMessage {
  const buttons = new ButtonRows();
  // Rows go to quotes first, but one is always kept for the reply's own buttons (e.g. "More").
  const reserved = reply.actions.some(usableAction) ? 1 : 0;
  const quotes = reply.quotes.slice(0, Math.min(MAX_QUOTES, LIMITS.actionRows - reserved));
  const numbered = quotes.filter((q) => (q.actions ?? []).some(usableAction)).length > 1;
  const rows = quotes.map((q, i) => buttons.row(q.actions ?? [], numbered ? `${i + 1}` : undefined));
  const replyRow = buttons.row(reply.actions);

  const suggestions = suggestionLine(reply.suggestions);
  let content: string | undefined;
  let embeds: APIEmbed[];
  if (quotes.length > 0) {
    const lines: Segment[][] = [];
    if (reply.heading !== undefined) lines.push([{ text: reply.heading, mark: true }]);
    lines.push(...reply.body.map((text) => [{ text }]));
    if (suggestions) lines.push(suggestions);
    content = fitSegments(joinLines(lines), LIMITS.content, renderInline) || undefined;
    const share = Math.floor(LIMITS.embedTotal / quotes.length);
    embeds = quotes.map((quote, i) =>
      quoteEmbed(quote, {
        colour: COLOURS[reply.kind],
        number: numbered && rows[i] ? i + 1 : undefined,
        footer: i === quotes.length - 1 ? reply.footer : undefined,
        budget: share,
      }),
    );
  } else {
    const lines = reply.body.map((text) => [{ text }]);
    if (suggestions) lines.push(suggestions);
    embeds = [textEmbed(reply, joinLines(lines))];
  }

  const components = [...rows, replyRow].filter((row): row is NonNullable<typeof row> => row !== undefined);
  return { ...(content !== undefined && { content }), embeds, components, allowed_mentions: NO_MENTIONS };
}

interface QuoteEmbedOptions {
  colour: number;
  /** Shown before the title when several quotes have buttons, matching the buttons' numbers. */
  number?: number;
  footer?: string;
  /** Characters this embed may use of the message's 6,000. */
  budget: number;
}

/** `> quote` with matched terms bold, then `— speaker · section`; the article is the title, linked. */
function quoteEmbed(quote: QuoteCard, options: QuoteEmbedOptions): APIEmbed {
  const prefix = options.number !== undefined ? `${options.number}. ` : "";
  const title = fitText(quote.title, Math.min(LIMITS.embedTitle, Math.floor(options.budget / 6)) - prefix.length, markdownText);
  const footer = options.footer !== undefined ? fitText(options.footer, Math.min(LIMITS.embedFooter, Math.floor(options.budget / 4)), plainText) : "";
  const room = Math.min(LIMITS.embedDescription, options.budget - prefix.length - title.length - footer.length);

  const who = [quote.speaker, quote.section].filter((part): part is string => part !== undefined && plainText(part).trim() !== "");
  const attribution: Segment[] = who.length > 0 ? [{ text: `— ${who.join(SEPARATOR)}` }] : [];
  // The attribution is short and always shown; the quote gets the rest of the room.
  const by = attribution.length > 0 ? fitSegments(attribution, Math.floor(room / 3), renderInline) : "";
  const quoted = fitSegments(quote.segments, room - (by ? by.length + 1 : 0), renderQuote);
  const description = [quoted, by].filter((s) => s !== "").join("\n") || "…";

  const url = safeUrl(quote.url, LIMITS.url);
  const embed: APIEmbed = { color: options.colour, description };
  if (title !== "") embed.title = `${prefix}${title}`;
  if (url !== undefined && title !== "") embed.url = url;
  if (footer.trim() !== "") embed.footer = { text: footer };
  return embed;
}

/** Help, notices, errors, "no match": one embed with the heading as its title. */
function textEmbed(reply: Reply, description: Segment[]): APIEmbed {
  const title = reply.heading !== undefined ? fitText(reply.heading, LIMITS.embedTitle, markdownText) : "";
  const footer = reply.footer !== undefined ? fitText(reply.footer, LIMITS.embedFooter, plainText) : "";
  let room = Math.min(LIMITS.embedDescription, LIMITS.embedTotal - title.length - footer.length);
  const list = entryLines(reply.entries ?? [], Math.floor(room * 0.8));
  room -= list.length + (list ? 2 : 0);
  const text = [fitSegments(description, room, renderInline), list].filter((part) => part.trim() !== "").join("\n\n");
  const embed: APIEmbed = { color: COLOURS[reply.kind] };
  if (title.trim() !== "") embed.title = title;
  if (text.trim() !== "" || embed.title === undefined) embed.description = text.trim() !== "" ? text : "…";
  if (footer.trim() !== "") embed.footer = { text: footer };
  return embed;
}

/**
 * A list (`/lesson sources`): each entry a bold title, its details line, and its link on a line of its own
 * (Discord links a bare URL; masked links are never sent). Each entry gets an equal share of `budget`, so
 * the list never outgrows the embed; a URL that doesn't fit its share is left out.
 */
function entryLines(entries: readonly ReplyEntry[], budget: number): string {
  if (entries.length === 0) return "";
  const share = Math.floor(budget / entries.length) - 1;
  return entries
    .map((entry) => {
      const details = fitText(entry.details, Math.floor(share / 3), markdownText);
      const title = bold(fitText(entry.title, Math.min(LIMITS.embedTitle, Math.floor(share / 3)), markdownText) || "…");
      const url = bareUrl(entry.url, LIMITS.url);
      const room = share - title.length - details.length - 2;
      return [title, details, url !== undefined && url.length <= room ? url : undefined].filter((line) => line !== undefined && line !== "").join("\n");
    })
    .join("\n");
}

/** `🔎 a · b · c`: queries to try instead. */
function suggestionLine(suggestions: readonly string[]): Segment[] | undefined {
  const shown = suggestions.filter((s) => plainText(s).trim() !== "");
  return shown.length > 0 ? [{ text: `🔎 ${shown.join(SEPARATOR)}` }] : undefined;
}

function joinLines(lines: readonly Segment[][]): Segment[] {
  return lines.flatMap((line, i) => (i === 0 ? line : [{ text: "\n" }, ...line]));
}

/** Segments → markdown lines: each run escaped, marked runs bold (never across a line break). */
function markdownLines(segments: readonly Segment[]): string[] {
  const lines: string[][] = [[]];
  let run: Segment | undefined;
  const flush = () => {
    if (!run) return;
    const escaped = markdownText(run.text);
    lines[lines.length - 1]!.push(run.mark ? bold(escaped) : escaped);
    run = undefined;
  };
  for (const segment of segments) {
    const parts = segment.text.split("\n");
    parts.forEach((text, i) => {
      if (i > 0) {
        flush();
        lines.push([]);
      }
      if (text === "") return;
      // Adjacent marked runs merge: `**a****b**` would not render bold.
      if (run && Boolean(run.mark) === Boolean(segment.mark)) run = { ...run, text: run.text + text };
      else {
        flush();
        run = { text, mark: segment.mark };
      }
    });
  }
  flush();
  return lines.map((parts) => parts.join(""));
}

function renderInline(segments: readonly Segment[]): string {
  return markdownLines(segments).join("\n").trim();
}

/** A block quote: every non-blank line behind `> `. */
function renderQuote(segments: readonly Segment[]): string {
  return markdownLines(segments)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => `> ${line}`)
    .join("\n");
}

function usableAction(action: ReplyAction): boolean {
  return action.token !== "" && action.token.length <= LIMITS.customId;
}

/** Button rows for one message: custom_ids (= action tokens) must be unique within it. */
class ButtonRows {
  readonly #used = new Set<string>();

  row(actions: readonly ReplyAction[], number?: string): APIActionRowComponent<APIButtonComponentWithCustomId> | undefined {
    const components: APIButtonComponentWithCustomId[] = [];
    for (const action of actions) {
      if (components.length === LIMITS.buttonsPerRow) break;
      if (!usableAction(action) || this.#used.has(action.token)) continue;
      this.#used.add(action.token);
      components.push(button(action, number));
    }
    return components.length > 0 ? { type: ComponentType.ActionRow, components } : undefined;
  }
}

function button(action: ReplyAction, number: string | undefined): APIButtonComponentWithCustomId {
  const text = plainText(action.label).trim() === "" ? action.kind : action.label;
  // Cut before escaping: a cut after it could turn `@hereafter` into a live-looking `@here…`.
  const label = fitText(stripInvisible(number !== undefined ? `${number}${SEPARATOR}${text}` : text).trim(), LIMITS.buttonLabel, plainText);
  return { type: ComponentType.Button, style: BUTTON_STYLES[action.kind], label, custom_id: action.token };
}
