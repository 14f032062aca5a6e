/**
 * Discord event → `CommandContext`: who acts (display name, whether they may manage the channel), where,
 * in which language, and a request id with a logger that carries it through every line of this event.
 */
import { PermissionFlagsBits, type BaseInteraction, type GuildMember, type Message, type User } from "discord.js";
import type { CommandContext } from "../../src/commands/types.ts";
import { newRequestId, requestLogger, type Logger } from "../../src/log/logger.ts";

/** What identifies the event in logs (`command`, `button`, `autocomplete`, `message`). */
export type EventKind = "command" | "button" | "autocomplete" | "message";

interface Where {
  kind: EventKind;
  user: User;
  /** A cached member, or the raw member object an uncached guild's interaction carries. */
  member: GuildMember | { nick?: string | null } | null;
  channelId: string;
  guildId: string | null;
  canManageChannel: boolean;
  locale?: string;
}

function build(where: Where, log: Logger): CommandContext {
  const requestId = newRequestId();
  const name = displayName(where.user, where.member);
  return {
    platform: "discord",
    actor: { id: where.user.id, name, canManageChannel: where.canManageChannel },
    channelId: where.channelId,
    ...(where.guildId !== null && { workspaceId: where.guildId }),
    ...(where.locale !== undefined && { locale: where.locale }),
    requestId,
    log: requestLogger(log, {
      reqId: requestId,
      platform: "discord",
      kind: where.kind,
      user: where.user.id,
      channel: where.channelId,
      ...(where.guildId !== null && { guild: where.guildId }),
    }),
  };
}

/**
 * An interaction's context. Manage Channels comes from `memberPermissions`, which Discord computes for the
 * channel the interaction came from (overwrites included). In a DM there is no one else to ask: the user
 * manages their own conversation with the bot.
 */
export function interactionContext(interaction: BaseInteraction, kind: EventKind, log: Logger): CommandContext {
  const inGuild = interaction.guildId !== null;
  return build(
    {
      kind,
      user: interaction.user,
      member: interaction.member as Where["member"],
      channelId: interaction.channelId ?? interaction.user.id,
      guildId: interaction.guildId,
      canManageChannel: inGuild ? (interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false) : true,
      locale: interaction.locale,
    },
    log,
  );
}

/**
 * A message's context. Q&A changes no settings, but the right is filled in for consistency when the
 * member and channel are cached. Messages carry no user locale: the core's default language applies.
 */
export function messageContext(message: Message, log: Logger): CommandContext {
  return build(
    {
      kind: "message",
      user: message.author,
      member: message.member,
      channelId: message.channelId,
      guildId: message.guildId,
      canManageChannel: message.inGuild() ? canManage(message) : true,
    },
    log,
  );
}

function canManage(message: Message<true>): boolean {
  try {
    return message.member?.permissionsIn(message.channel).has(PermissionFlagsBits.ManageChannels) ?? false;
  } catch {
    // Permissions can't be resolved without the channel's guild data; refusing is the safe answer.
    return false;
  }
}

/** Server nickname, else global display name, else username: what people see in the member list. */
function displayName(user: User, member: Where["member"]): string {
  if (member && "displayName" in member && typeof member.displayName === "string") return member.displayName;
  const nick = member && "nick" in member ? member.nick : undefined;
  return nick || user.globalName || user.username;
}
