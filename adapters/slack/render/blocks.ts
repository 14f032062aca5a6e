/**
 * Reply → Slack message (Block Kit + fallback `text`). The only place that knows how a reply looks in
 * Slack; every string in the reply is plain text and goes through `escapeMrkdwn`, every field is cut to
 * Slack's limits (`LIMITS`) with the shared grapheme-safe `clip`.
 */
import type { types as slack } from "@slack/bolt";
import type { ActionKind, QuoteCard, Reply, ReplyAction, Segment } from "../../../src/reply/types.ts";
import { clip, stripInvisible } from "../../../src/reply/clip.ts";
import { bold, escapeMrkdwn, link, quoteLines } from "./escape.ts";
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
  for (const quote of reply.quotes) {
    const group: slack.KnownBlock[] = [quoteBlock(quote), attributionBlock(quote)];
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
    const label = clip(action.label.trim() === "" ? action.kind : action.label, LIMITS.buttonText);
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
  const text = fit([{ text: plain }], LIMITS.sectionText, (segments) => decorate(escapeSegments(segments)));
  return { type: "section", text: mrkdwn(text) };
}

function context(plain: string): slack.ContextBlock {
  return { type: "context", elements: [mrkdwn(fit([{ text: plain }], LIMITS.contextText, escapeSegments))] };
}

function quoteBlock(quote: QuoteCard): slack.SectionBlock {
  const text = fit(quote.segments, LIMITS.sectionText, (segments) => quoteLines(escapeSegments(segments)));
  return { type: "section", text: mrkdwn(text) };
}

/** `speaker · article · section · <url|link>`, leaving out what the quote doesn't have. */
function attributionBlock(quote: QuoteCard): slack.ContextBlock {
  const line = [quote.speaker, quote.title, quote.section]
    .filter((part): part is string => part !== undefined && visible(part))
    .join(" · ");
  const source = quote.url ? link(quote.url, "🔗") : undefined;
  // An absurdly long URL is garbage, not a source worth a third of the message.
  const linkFits = source !== undefined && source.length <= MAX_LINK;
  // The link goes last and is never cut: a clipped `<url|…` would break the whole element.
  const budget = LIMITS.contextText - (linkFits ? source.length + 3 : 0);
  const text = [fit([{ text: line }], budget, escapeSegments), linkFits ? source : undefined].filter(
    (s): s is string => s !== undefined && s !== "",
  );
  return { type: "context", elements: [mrkdwn(text.length > 0 ? text.join(" · ") : " ")] };
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
  return fit([{ text: plain }], LIMITS.sectionText, escapeSegments);
}

/** Whether text shows anything once invisible characters are gone (Slack rejects empty text fields). */
function visible(text: string): boolean {
  return stripInvisible(text).trim() !== "";
}

/**
 * Renders `segments`, cutting the plain text (never the markup: a half entity like `&am` or a lone `*`
 * would garble the message) to the longest prefix whose rendering fits `max`.
 */
function fit(segments: readonly Segment[], max: number, render: (segments: readonly Segment[]) => string): string {
  // Without invisible characters, rendering never shortens text (escapes and markers only add), so no
  // prefix longer than `max` can fit and a shorter prefix never renders longer.
  const visibleSegments = segments.map((s) => ({ ...s, text: stripInvisible(s.text) }));
  const whole = render(visibleSegments);
  if (whole.length <= max) return whole;
  // Binary search with a cheap code-unit cut, then one grapheme-safe cut at the length found: that is a
  // prefix of the cheap one, so it fits too (grapheme segmentation is too slow to run a dozen times).
  let best = 0;
  let lo = 1;
  let hi = Math.min(plainLength(visibleSegments), max);
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (render(cutSegments(visibleSegments, mid, roughCut)).length <= max) {
      best = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  // (The safe cut is never longer than the rough one at the same length: a lone surrogate counts as a grapheme.)
  const safeCut = (text: string, n: number) => graphemeCut(text, roughCut(text, n).length);
  return render(best === 0 ? [{ text: "…" }] : cutSegments(visibleSegments, best, safeCut));
}

/**
 * `clip` without the ellipsis. Boundaries up to `n` depend on at most the next character, so segmenting
 * a slightly longer prefix gives the same cut, and ICU segments a short string much faster than a long one.
 */
function graphemeCut(text: string, n: number): string {
  return clip(text.slice(0, n + 64), n, "");
}

/** The first `n` UTF-16 units, not splitting a surrogate pair. */
function roughCut(text: string, n: number): string {
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

function plainLength(segments: readonly Segment[]): number {
  return segments.reduce((n, s) => n + s.text.length, 0);
}

/** The first `max` characters of the segments' text (marks kept, cut by `cut`), ending in "…". */
function cutSegments(segments: readonly Segment[], max: number, cut: (text: string, n: number) => string): Segment[] {
  if (plainLength(segments) <= max) return [...segments];
  const out: Segment[] = [];
  let left = max - 1;
  for (const segment of segments) {
    if (left <= 0) break;
    const text = segment.text.length <= left ? segment.text : cut(segment.text, left);
    if (text !== "") out.push({ ...segment, text });
    left -= text.length;
    if (text.length < segment.text.length) break;
  }
  out.push({ text: "…" });
  return out;
}
