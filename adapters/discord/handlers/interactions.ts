/**
 * INTERACTION_CREATE: `/lesson` subcommands, their autocomplete, and our buttons, each translated into a
 * core call. Nothing here decides what to answer.
 */
import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, Interaction } from "discord.js";
import type { CommandLayer } from "../../../src/commands/types.ts";
import { clip, stripInvisible } from "../../../src/reply/clip.ts";
import type { Logger } from "../../../src/log/logger.ts";
import { COMMAND_NAME, findSubcommand } from "../commands/index.ts";
import { interactionContext } from "../context.ts";
import { LIMITS } from "../render/limits.ts";
import { describeError, type Scrub } from "../logging.ts";
import { answerButton, answerCommand, type DeferPolicy } from "./deliver.ts";

export interface InteractionDeps {
  commands: CommandLayer;
  log: Logger;
  scrub: Scrub;
  policy: DeferPolicy;
}

export function interactionHandler(deps: InteractionDeps): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    // Never rejects: the caller fires and forgets, so an escaped error would be an unhandled rejection.
    try {
      if (interaction.isAutocomplete()) return await complete(interaction, deps);
      if (interaction.isChatInputCommand()) return await command(interaction, deps);
      if (interaction.isButton()) return await button(interaction, deps);
      deps.log.debug({ type: interaction.type }, "ignored an interaction we don't handle");
    } catch (error) {
      deps.log.error({ err: describeError(error, deps.scrub), interactionId: safeId(interaction) }, "could not handle an interaction");
    }
  };
}

function safeId(interaction: Interaction): string | undefined {
  return typeof interaction?.id === "string" ? interaction.id : undefined;
}

async function command(interaction: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  const ctx = interactionContext(interaction, "command", deps.log);
  if (interaction.commandName !== COMMAND_NAME) {
    ctx.log.warn({ command: interaction.commandName }, "unknown command (stale registration? run npm run discord:deploy)");
  }
  const options = interaction.options;
  const subcommand = findSubcommand(options.getSubcommandGroup(false), options.getSubcommand(false));
  // A subcommand this version doesn't know (registered by an older or newer deploy) gets the help.
  const invocation = subcommand?.invocation(options) ?? { name: "help" as const };
  ctx.log.debug({ invocation: invocation.name }, "slash command");
  try {
    const reply = await answerCommand(interaction, deps.commands.run(invocation, ctx), subcommand?.ephemeral(options) ?? true, deps.policy);
    ctx.log.info({ command: invocation.name, kind: reply.kind }, "answered slash command");
  } catch (error) {
    ctx.log.error({ err: describeError(error, deps.scrub) }, "could not answer a slash command");
  }
}

async function button(interaction: ButtonInteraction, deps: InteractionDeps): Promise<void> {
  const ctx = interactionContext(interaction, "button", deps.log);
  try {
    // The custom_id is the core's action token, rendered as is.
    const reply = await answerButton(interaction, deps.commands.action(interaction.customId, ctx), deps.policy);
    ctx.log.info({ kind: reply.kind }, "answered button");
  } catch (error) {
    ctx.log.error({ err: describeError(error, deps.scrub) }, "could not answer a button");
  }
}

/** Choices as Discord takes them: ≤ 25, each name/value 1–100 characters, no duplicates. */
export function toChoices(values: readonly string[]): { name: string; value: string }[] {
  const seen = new Set<string>();
  const choices: { name: string; value: string }[] = [];
  for (const raw of values) {
    const value = clip(stripInvisible(raw).trim(), Math.min(LIMITS.choiceName, LIMITS.choiceValue));
    if (value === "" || seen.has(value)) continue;
    seen.add(value);
    choices.push({ name: value, value });
    if (choices.length === LIMITS.choices) break;
  }
  return choices;
}

async function complete(interaction: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const ctx = interactionContext(interaction, "autocomplete", deps.log);
  let values: string[] = [];
  try {
    const options = interaction.options;
    values = findSubcommand(options.getSubcommandGroup(false), options.getSubcommand(false))?.autocomplete?.(options, ctx, deps.commands) ?? [];
  } catch (error) {
    ctx.log.error({ err: describeError(error, deps.scrub) }, "autocomplete failed");
  }
  try {
    await interaction.respond(toChoices(values));
  } catch (error) {
    // Typing fast supersedes requests: Discord drops the old ones, so a late answer failing is routine.
    ctx.log.debug({ err: describeError(error, deps.scrub) }, "could not send autocomplete choices");
  }
}
