/**
 * Reply → Slack message (Block Kit + fallback `text`). The only place that knows how a reply looks in
 * Slack; every string in the reply is plain text and goes through `escapeMrkdwn`, every field is cut to
 * Slack's limits (`LIMITS`) with the shared grapheme-safe `clip`.
 */
import type { types as slack } from "@slack/bolt";
import type { ActionKind, QuoteCard, Reply, ReplyAction, ReplyEntry, Segment } from "../../../src/reply/types.ts";
import { clip, stripInvisible } from "../../../src/reply/clip.ts";
import { bold, escapeMrkdwn, link, linkHref, quoteLines } from "./escape.ts";
import { fitSegments } from "../../../src/reply/fit.ts";
import { LIMITS } from "./limits.ts";

export interface SlackMessage {
  /** Notification / accessibility fallback; always set. */
  text: string;
  blocks: slack.KnownBlock[];
}

/** Every button's `action_id` starts with this, so one listener takes them all. */
export const ACTION_PREFIX = "lesson:";

/** `lesson:<kind>:<n>`: stable per kind and position, unique within the message as Slack requires. */
export function actionId(kind: ActionKind, index: number): string {
  return `${ACTION_PREFIX}${kind}:${index}`;
}

/** Longest source link kept in an attribution line. */
const MAX_LINK = 1000;

export function renderReply(reply: Reply): SlackMessage {
  const buttons = new ButtonFactory();
  // Blocks that belong together (a quote, its attribution and its buttons) are kept or dropped as one.
  const groups: slack.KnownBlock[][] = [];
  if (reply.heading !== undefined && visible(reply.heading)) groups.push([section(reply.heading, (text) => bold(text))]);
  for (const paragraph of reply.body.filter(visible)) groups.push([section(paragraph)]);
  for (const entry of reply.entries ?? []) groups.push([entryBlock(entry)]);
  for (const quote of reply.quotes) {
    const group: slack.KnownBlock[] = [quoteBlock(quote)];
    const attribution = attributionBlock(quote);
    if (attribution) group.push(attribution);
    const row = buttons.row(quote.actions ?? []);
    if (row) group.push(row);
    groups.push(group);
  }

  // Suggestions, reply-level buttons and the footer are what the user acts on next: they always fit.
  const tail: slack.KnownBlock[] = [];
  const suggestions = reply.suggestions.filter(visible);
  if (suggestions.length > 0) tail.push(context(`🔎 ${suggestions.join(" · ")}`));
  const row = buttons.row(reply.actions);
  if (row) tail.push(row);
  if (reply.footer !== undefined && visible(reply.footer)) tail.push(context(reply.footer));

  const blocks: slack.KnownBlock[] = [];
  let room = LIMITS.blocks - tail.length;
  for (const group of groups) {
    if (group.length > room) break;
    blocks.push(...group);
    room -= group.length;
  }
  return { text: fallbackText(reply), blocks: [...blocks, ...tail] };
}

/** Numbers buttons across the whole message, so every `action_id` is unique in it. */
class ButtonFactory {
  #next = 0;

  row(actions: readonly ReplyAction[]): slack.ActionsBlock | undefined {
    const elements = actions
      .map((action) => this.#button(action))
      .filter((b): b is slack.Button => b !== undefined)
      .slice(0, LIMITS.actionElements);
    return elements.length > 0 ? { type: "actions", elements } : undefined;
  }

  #button(action: ReplyAction): slack.Button | undefined {
    // A cut token would be useless; tokens are ≤ 100 characters by contract, so this only drops garbage.
    if (action.token.length > LIMITS.buttonValue) return undefined;
    // plain_text is shown as is (no mentions are parsed in it); only invisible characters go.
    const label = clip(visible(action.label) ? stripInvisible(action.label).trim() : action.kind, LIMITS.buttonText);
    return {
      type: "button",
      action_id: actionId(action.kind, this.#next++),
      text: { type: "plain_text", text: label, emoji: true },
      value: action.token,
    };
  }
}

/** A mrkdwn text object. `verbatim` stops Slack from auto-linking names or parsing mentions in it. */
function mrkdwn(text: string): slack.MrkdwnElement {
  return { type: "mrkdwn", text, verbatim: true };
}

function section(plain: string, decorate: (escaped: string) => string = (s) => s): slack.SectionBlock {
  const text = fitSegments([{ text: plain }], LIMITS.sectionText, (segments) => decorate(escapeSegments(segments)));
  return { type: "section", text: mrkdwn(text) };
}

function context(plain: string): slack.ContextBlock {
  return { type: "context", elements: [mrkdwn(fitSegments([{ text: plain }], LIMITS.contextText, escapeSegments))] };
}

function quoteBlock(quote: QuoteCard): slack.SectionBlock {
  const text = fitSegments(quote.segments, LIMITS.sectionText, (segments) => quoteLines(escapeSegments(segments)));
  return { type: "section", text: mrkdwn(text) };
}

/** A list item: the title in bold (a link when it has one), the details line under it. */
function entryBlock(entry: ReplyEntry): slack.SectionBlock {
  const details = fitSegments([{ text: entry.details }], LIMITS.sectionText / 2, escapeSegments);
  const room = LIMITS.sectionText - details.length - 1;
  const title = fitSegments([{ text: entry.title }], Math.min(room, MAX_LINK) - 4, escapeSegments) || "…";
  // Nothing for a URL that isn't plain http(s).
  const href = entry.url ? linkHref(entry.url) : undefined;
  // The title links to the article; a URL too long to fit leaves it plain bold text.
  const heading = href !== undefined && href.length + title.length + 8 <= room ? `<${href}|${bold(title)}>` : bold(title);
  return { type: "section", text: mrkdwn(details ? `${heading}\n${details}` : heading) };
}

/** `speaker · article · section · <url|link>`, leaving out what the quote doesn't have. */
function attributionBlock(quote: QuoteCard): slack.ContextBlock | undefined {
  const line = [quote.speaker, quote.title, quote.section]
    .filter((part): part is string => part !== undefined && visible(part))
    .join(" · ");
  const source = quote.url ? link(quote.url, "🔗") : undefined;
  // An absurdly long URL is garbage, not a source worth a third of the message.
  const linkFits = source !== undefined && source.length <= MAX_LINK;
  // The link goes last and is never cut: a clipped `<url|…` would break the whole element.
  const budget = LIMITS.contextText - (linkFits ? source.length + 3 : 0);
  const text = [fitSegments([{ text: line }], budget, escapeSegments), linkFits ? source : undefined].filter(
    (s): s is string => s !== undefined && s !== "",
  );
  return text.length > 0 ? { type: "context", elements: [mrkdwn(text.join(" · "))] } : undefined;
}

function escapeSegments(segments: readonly Segment[]): string {
  return segments.map((s) => (s.mark ? bold(escapeMrkdwn(s.text)) : escapeMrkdwn(s.text))).join("");
}

/** Plain one-liner for notifications: the heading, else the first paragraph, quote, footer or suggestion. */
function fallbackText(reply: Reply): string {
  const candidates = [
    reply.heading,
    ...reply.body,
    ...reply.quotes.map((q) => q.segments.map((s) => s.text).join("")),
    reply.footer,
    ...reply.suggestions,
  ];
  const plain = candidates.find((c): c is string => c !== undefined && visible(c)) ?? "…";
  return fitSegments([{ text: plain }], LIMITS.sectionText, escapeSegments);
}

/** Whether text shows anything once invisible characters are gone (Slack rejects empty text fields). */
function visible(text: string): boolean {
  return stripInvisible(text).trim() !== "";
}
