/**
 * The platform-neutral reply every command returns. Adapters render it (Slack Block Kit, Discord embeds,
 * terminal) and must escape every string in it: nothing here is markup.
 */
import type { Segment } from "../search/types.ts";

export type { Segment };

/** Who sees the reply: only the asker, the channel, or a thread under the asker's message. */
export type Visibility = "ephemeral" | "channel" | "thread";

/** What the reply is, for colour, metrics and tests. */
export type ReplyKind = "quotes" | "lesson" | "help" | "notice" | "no_match" | "error";

export interface QuoteCard {
  passageId: string;
  segments: Segment[];
  speaker?: string;
  title: string;
  section: string;
  url?: string;
  /** Buttons that act on this quote (share, helpful, not helpful); render them next to it. */
  actions?: ReplyAction[];
}

/** One item of a list reply (the library's articles): a title, linked when it has a URL, and a details line. */
export interface ReplyEntry {
  title: string;
  url?: string;
  /** One plain line, e.g. `Matt Klein · 2021-09-01 · 42 passages · 3 lessons`. */
  details: string;
}

export type ActionKind = "more" | "share" | "helpful" | "not_helpful";

export interface ReplyAction {
  kind: ActionKind;
  label: string;
  /** Opaque, ≤ 100 characters (Discord custom_id); hand it back to `CommandLayer.action`. */
  token: string;
}

export interface Reply {
  kind: ReplyKind;
  visibility: Visibility;
  /** One plain line above the quotes, e.g. `“职业倦怠” · 1–3 of 8`. */
  heading?: string;
  /** Plain-text paragraphs (help text, notices, errors). */
  body: string[];
  quotes: QuoteCard[];
  /** A list under the body (`/lesson sources`); absent in every other reply. */
  entries?: ReplyEntry[];
  /** Queries the user might try instead. */
  suggestions: string[];
  /** Buttons for the whole reply (e.g. "more" for the next page). */
  actions: ReplyAction[];
  /** A short plain line below everything (e.g. "Shared by Ana"). */
  footer?: string;
  /** The reply replaces the message whose button was pressed (paging) instead of adding a new one. */
  replaceOriginal?: boolean;
}
