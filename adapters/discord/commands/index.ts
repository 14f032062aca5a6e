/**
 * `/lesson`, assembled from one file per subcommand. Registration (`deploy.ts`) sends `lessonCommand`'s
 * JSON; handling (`handlers/`) looks the subcommand up here. Adding one = a file + a line below.
 */
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from "discord.js";
import type { LessonSubcommand } from "./types.ts";
import { localized } from "./types.ts";
import { search } from "./search.ts";
import { random } from "./random.ts";
import { today } from "./today.ts";
import { daily } from "./daily.ts";
import { config } from "./config.ts";
import { help } from "./help.ts";
import { sources } from "./sources.ts";
import { stats } from "./stats.ts";

export type { LessonSubcommand };

export const COMMAND_NAME = "lesson";

/** In the order Discord lists them. */
export const subcommands: readonly LessonSubcommand[] = [search, random, today, daily, sources, config, stats, help];

function build(): SlashCommandBuilder {
  const description = { en: "Quotes from the team's article library", zh: "从文章库里找原话", zhTW: "從文章庫裡找原話" };
  const builder = new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription(description.en)
    .setDescriptionLocalizations(localized(description))
    // Installed in servers; usable there and in DMs with the bot.
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
  for (const subcommand of subcommands) subcommand.define(builder);
  return builder;
}

export const lessonCommand = build();

/** The subcommand (or group) an interaction is for: `/lesson daily set` → `daily`. */
export function findSubcommand(group: string | null, name: string | null): LessonSubcommand | undefined {
  const key = group ?? name;
  return subcommands.find((s) => s.name === key);
}
