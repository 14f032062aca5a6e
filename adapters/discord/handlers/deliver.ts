/**
 * Sends a core reply as an interaction response, within Discord's 3-second deadline.
 *
 * Defer policy: the core's answer is awaited for up to `deferAfterMs` (default 1.5 s). If it is there, it
 * is sent as the response itself (type 4, or 7 to replace a paged message): one request, no "thinking…".
 * If not, the interaction is deferred (type 5 for commands, 6 for buttons) and the answer is sent as an
 * edit or follow-up once ready. `deferAfterMs: 0` always defers.
 *
 * A command is deferred before its reply's visibility is known, so the subcommand guesses it; when the
 * guess is wrong the answer goes out as a follow-up with the right visibility and the placeholder is deleted.
 */
import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type MessageMentionOptions } from "discord.js";
import type { Reply } from "../../../src/reply/types.ts";
import { renderReply, type DiscordMessage } from "../render/message.ts";

/** discord.js spelling of `NO_MENTIONS`. */
export const NO_PINGS: MessageMentionOptions = { parse: [], repliedUser: false };

export interface DeferPolicy {
  deferAfterMs: number;
}

/** The reply, if it arrives within `ms`; `undefined` means: defer now. */
async function within(work: Promise<Reply>, ms: number): Promise<Reply | undefined> {
  if (ms <= 0) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** discord.js message options for a rendered reply. An edit sends empty content to clear the old one. */
export function messageOptions(message: DiscordMessage, edit = false) {
  return {
    content: message.content ?? (edit ? "" : undefined),
    embeds: message.embeds,
    components: message.components,
    allowedMentions: NO_PINGS,
  };
}

function flags(reply: Reply): { flags?: MessageFlags.Ephemeral } {
  return reply.visibility === "ephemeral" ? { flags: MessageFlags.Ephemeral } : {};
}

/** Answers a slash command. `guessEphemeral` is used only if it has to be deferred. */
export async function answerCommand(
  interaction: ChatInputCommandInteraction,
  work: Promise<Reply>,
  guessEphemeral: boolean,
  policy: DeferPolicy,
): Promise<Reply> {
  const early = await within(work, policy.deferAfterMs);
  if (early) {
    await interaction.reply({ ...messageOptions(renderReply(early)), ...flags(early) });
    return early;
  }
  await interaction.deferReply(guessEphemeral ? { flags: MessageFlags.Ephemeral } : {});
  const reply = await work;
  const message = renderReply(reply);
  if ((reply.visibility === "ephemeral") === guessEphemeral) {
    await interaction.editReply(messageOptions(message, true));
  } else {
    await interaction.followUp({ ...messageOptions(message), ...flags(reply) });
    await interaction.deleteReply();
  }
  return reply;
}

/** Answers a button: paging replaces the message it was on, anything else is a new message. */
export async function answerButton(interaction: ButtonInteraction, work: Promise<Reply>, policy: DeferPolicy): Promise<Reply> {
  const early = await within(work, policy.deferAfterMs);
  if (early) {
    const message = renderReply(early);
    if (early.replaceOriginal) await interaction.update(messageOptions(message, true));
    else await interaction.reply({ ...messageOptions(message), ...flags(early) });
    return early;
  }
  // Acknowledges without a visible placeholder; `editReply` then edits the message the button was on.
  await interaction.deferUpdate();
  const reply = await work;
  const message = renderReply(reply);
  if (reply.replaceOriginal) await interaction.editReply(messageOptions(message, true));
  else await interaction.followUp({ ...messageOptions(message), ...flags(reply) });
  return reply;
}
