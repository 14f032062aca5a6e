/**
 * One `/lesson` subcommand (or subcommand group) as Discord sees it: its definition (built with the
 * discord.js builders), how its typed options become the core's `Invocation`, and what it completes.
 * Behaviour lives in the core's command of the same name; these files only translate.
 */
import type { AutocompleteInteraction, ChatInputCommandInteraction, SlashCommandBuilder } from "discord.js";
import type { CommandContext, CommandLayer, Invocation } from "../../../src/commands/types.ts";

export type ChatOptions = ChatInputCommandInteraction["options"];
export type AutocompleteOptions = AutocompleteInteraction["options"];

/** Description in English with the Chinese variants Discord shows to zh-CN / zh-TW users. */
export interface Described {
  en: string;
  zh: string;
  zhTW?: string;
}

export interface LessonSubcommand {
  /** `/lesson <name>`: a subcommand, or a group of them (`daily`). */
  name: string;
  /** Adds this subcommand (or group) to the `/lesson` builder. */
  define(builder: SlashCommandBuilder): void;
  /** The core invocation for the options the user filled in. */
  invocation(options: ChatOptions): Invocation;
  /**
   * Whether the answer is usually for the asker only. Used only when the answer is slow and the interaction
   * must be deferred before the reply (and its real visibility) is known; a wrong guess is corrected after.
   */
  ephemeral(options: ChatOptions): boolean;
  /** Choices for the focused option, `undefined` if this subcommand completes nothing. */
  autocomplete?(options: AutocompleteOptions, ctx: CommandContext, commands: CommandLayer): string[];
}

/** Discord's locale keys for a description: Chinese users see it in Chinese. */
export function localized(text: Described): Record<"zh-CN" | "zh-TW", string> {
  return { "zh-CN": text.zh, "zh-TW": text.zhTW ?? text.zh };
}
