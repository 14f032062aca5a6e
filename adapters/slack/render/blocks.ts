/**
 * Reply → Slack message (Block Kit + fallback `text`). The only place that knows how a reply looks in
 * Slack; every string in the reply is plain text and goes through `escapeMrkdwn`, every field is cut to
 * Slack's limits (`LIMITS`) with the shared grapheme-safe `clip`.
 */
import type { types as slack } from "@slack/bolt";
import type { ActionKind, QuoteCard, Reply, ReplyAction, Segment } from "../../../src/reply/types.ts";
import { clip } from "../../../src/reply/clip.ts";
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

export function renderReply(reply: Reply): SlackMessage {
  const buttons = new ButtonFactory();
  // Blocks that belong together (a quote, its attribution and its buttons) are kept or dropped as one.
  const groups: slack.KnownBlock[][] = [];
  if (reply.heading) groups.push([section(reply.heading, (text) => bold(text))]);
  for (const paragraph of reply.body) {
    if (paragraph.trim() !== "") groups.push([section(paragraph)]);
  }
  for (const quote of reply.quotes) {
    const group: slack.KnownBlock[] = [quoteBlock(quote), attributionBlock(quote)];
    const row = buttons.row(quote.actions ?? []);
    if (row) group.push(row);
    groups.push(group);
  }

  // Suggestions, reply-level buttons and the footer are what the user acts on next: they always fit.
  const tail: slack.KnownBlock[] = [];
  if (reply.suggestions.length > 0) tail.push(context(`🔎 ${reply.suggestions.join(" · ")}`));
  const row = buttons.row(reply.actions);
  if (row) tail.push(row);
  if (reply.footer) tail.push(context(reply.footer));

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
    .filter((part): part is string => part !== undefined && part.trim() !== "")
    .join(" · ");
  const source = quote.url ? link(quote.url, "🔗") : undefined;
  // The link goes last and is never cut: a clipped `<url|…` would break the whole element.
  const budget = LIMITS.contextText - (source ? source.length + 3 : 0);
  const text = [fit([{ text: line }], budget, escapeSegments), source].filter((s) => s !== undefined && s !== "");
  return { type: "context", elements: [mrkdwn(text.length > 0 ? text.join(" · ") : " ")] };
}

function escapeSegments(segments: readonly Segment[]): string {
  return segments.map((s) => (s.mark ? bold(escapeMrkdwn(s.text)) : escapeMrkdwn(s.text))).join("");
}

/** Plain one-liner for notifications: the heading, else the first paragraph or quote. */
function fallbackText(reply: Reply): string {
  const first = reply.quotes[0];
  const plain =
    reply.heading ??
    reply.body.find((p) => p.trim() !== "") ??
    (first ? first.segments.map((s) => s.text).join("") : undefined) ??
    reply.footer ??
    reply.suggestions.join(" · ");
  const text = fit([{ text: plain.trim() === "" ? "…" : plain }], LIMITS.sectionText, escapeSegments);
  return clip(text, LIMITS.messageText);
}

/**
 * Renders `segments`, cutting the plain text (never the markup: a half entity like `&am` or a lone `*`
 * would garble the message) until the rendered result fits `max`.
 */
function fit(segments: readonly Segment[], max: number, render: (segments: readonly Segment[]) => string): string {
  let out = render(segments);
  let budget = plainLength(segments);
  while (out.length > max && budget > 1) {
    // Escaping only lengthens text, so shrinking the plain budget in proportion converges in a few steps.
    budget = Math.min(budget - 1, Math.floor((budget * max) / out.length));
    out = render(clipSegments(segments, Math.max(1, budget)));
  }
  return out.length > max ? render([{ text: "…" }]) : out;
}

function plainLength(segments: readonly Segment[]): number {
  return segments.reduce((n, s) => n + s.text.length, 0);
}

/** The first `max` characters of the segments' text (marks kept), ending in "…". */
function clipSegments(segments: readonly Segment[], max: number): Segment[] {
  if (plainLength(segments) <= max) return [...segments];
  const out: Segment[] = [];
  let left = max - 1;
  for (const segment of segments) {
    if (left <= 0) break;
    const text = segment.text.length <= left ? segment.text : clip(segment.text, left, "");
    if (text !== "") out.push({ ...segment, text });
    left -= text.length;
    if (text.length < segment.text.length) break;
  }
  out.push({ text: "…" });
  return out;
}
