/**
 * The command layer's contract: adapters translate a platform event into an `Invocation` (or raw text)
 * plus a `CommandContext`, and render the `Reply` they get back.
 */
import type { Logger } from "pino";
import type { Reply } from "../reply/types.ts";

export type Platform = "slack" | "discord" | "console";

/** Supported reply languages for fixed strings; quotes stay in the corpus language. */
export type Locale = "zh" | "en";

export interface Actor {
  id: string;
  /** Display name, for "shared by …" lines (never a mention, so nobody is pinged). */
  name?: string;
  /** May change channel settings and subscriptions (Discord Manage Channels, Slack admin/allow-list). */
  canManageChannel: boolean;
}

export interface CommandContext {
  platform: Platform;
  actor: Actor;
  channelId: string;
  /** Slack team / Discord guild, when there is one. */
  workspaceId?: string;
  /** The platform's locale for the user when it gives one (e.g. Discord `zh-CN`, `en-US`). */
  locale?: string;
  requestId: string;
  log: Logger;
}

/** What a user asked for, independent of how the platform delivered it. */
export type Invocation =
  | { name: "search"; query: string }
  | { name: "help" }
  | { name: "random" }
  | { name: "today" }
  | { name: "daily"; action: "set"; time: string; timezone: string; weekdays: boolean }
  | { name: "daily"; action: "off" | "status" }
  | { name: "daily"; action: "invalid"; input: string }
  | { name: "config"; key: string; value: string }
  /** The library's articles, a page at a time (`page` from 0), optionally only those matching `filter`. */
  | { name: "sources"; page: number; filter: string }
  /** Usage of this channel over a period (`since` as typed, e.g. `7d`; "" = the default). */
  | { name: "stats"; since: string };

export type CommandName = Invocation["name"];

/** Channel Q&A policy per channel. */
export type RespondMode = "mentions" | "questions" | "all";

export interface IncomingMessage {
  text: string;
  /** The bot was @mentioned (adapters strip the mention itself from `text`). */
  mentioned: boolean;
  /** A direct message to the bot. */
  direct: boolean;
}

export interface CommandLayer {
  /** Runs a structured invocation (Discord subcommands). */
  run(invocation: Invocation, ctx: CommandContext): Promise<Reply>;
  /** Parses `/lesson …` text (Slack, console) and runs it. */
  runText(text: string, ctx: CommandContext): Promise<Reply>;
  /** Handles a button press (token from a `ReplyAction`). */
  action(token: string, ctx: CommandContext): Promise<Reply>;
  /** Channel Q&A: a reply in thread, or `null` to stay quiet. */
  message(message: IncomingMessage, ctx: CommandContext): Promise<Reply | null>;
  /** Completions for a partial query (Discord autocomplete). */
  autocomplete(partial: string, ctx: CommandContext): string[];
  /** How this channel answers messages (the console uses it to treat plain lines as channel messages). */
  respondMode(ctx: CommandContext): Promise<RespondMode>;
}
