/**
 * The fake Discord's fixed world: one bot, one server with a text channel and roles (so channel
 * permissions resolve), and the people who talk to the bot. Ids are valid snowflakes.
 */
import { PermissionFlagsBits } from "discord.js";

export interface FakeUser {
  id: string;
  username: string;
  /** Server nickname (what the member list shows). */
  nick?: string;
  globalName?: string;
  /** Roles in the server besides @everyone. */
  roles?: string[];
}

export const BOT_ID = "1100000000000000001";
export const APP_ID = BOT_ID;
export const GUILD_ID = "1200000000000000001";
export const CHANNEL_ID = "1300000000000000001";
export const DM_CHANNEL_ID = "1300000000000000099";
export const MOD_ROLE_ID = "1400000000000000002";
/** The bot's managed role: typing @lessonbot sometimes inserts `<@&this>` instead of the user mention. */
export const BOT_ROLE_ID = "1400000000000000003";
export const COMMAND_ID = "1500000000000000001";

const perms = (...flags: bigint[]) => flags.reduce((a, b) => a | b, 0n).toString();

/** @everyone may read and write but not manage; moderators may manage channels. */
export const EVERYONE_PERMISSIONS = perms(
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.UseApplicationCommands,
  PermissionFlagsBits.EmbedLinks,
);
export const MOD_PERMISSIONS = perms(PermissionFlagsBits.ManageChannels);

export const ALICE: FakeUser = { id: "1600000000000000001", username: "alice", nick: "Alice Chen" };
/** A display name that tries to ping everyone when echoed ("Shared by …"). */
export const MALLORY: FakeUser = { id: "1600000000000000002", username: "mallory", nick: "@everyone <@&1400000000000000002> **bold**" };
export const MOD: FakeUser = { id: "1600000000000000003", username: "morgan", nick: "Morgan (mod)", roles: [MOD_ROLE_ID] };

export function botUser() {
  return { id: BOT_ID, username: "lessonbot", discriminator: "0", global_name: null, avatar: null, bot: true };
}

export function apiUser(user: FakeUser) {
  return { id: user.id, username: user.username, discriminator: "0", global_name: user.globalName ?? null, avatar: null };
}

/** A member as the gateway sends it (GUILD_CREATE, MESSAGE_CREATE carries it without `user`). */
export function apiMember(user: FakeUser, withUser = true) {
  return {
    ...(withUser && { user: apiUser(user) }),
    nick: user.nick ?? null,
    roles: user.roles ?? [],
    joined_at: "2024-01-01T00:00:00.000Z",
    deaf: false,
    mute: false,
    flags: 0,
  };
}

/** The member's permissions in the channel, as interactions carry them (`member.permissions`). */
export function permissionsOf(user: FakeUser): string {
  const mod = (user.roles ?? []).includes(MOD_ROLE_ID);
  return (BigInt(EVERYONE_PERMISSIONS) | (mod ? BigInt(MOD_PERMISSIONS) : 0n)).toString();
}

export function guildCreate(members: FakeUser[]) {
  const role = (id: string, name: string, permissions: string, extra: Record<string, unknown> = {}) => ({
    id,
    name,
    permissions,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position: id === GUILD_ID ? 0 : 1,
    managed: false,
    mentionable: false,
    flags: 0,
    icon: null,
    unicode_emoji: null,
    ...extra,
  });
  return {
    id: GUILD_ID,
    name: "Lesson Lab",
    icon: null,
    owner_id: "1600000000000000999",
    unavailable: false,
    large: false,
    member_count: members.length + 1,
    joined_at: "2024-01-01T00:00:00.000Z",
    preferred_locale: "en-US",
    features: [],
    emojis: [],
    stickers: [],
    voice_states: [],
    presences: [],
    threads: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    roles: [
      role(GUILD_ID, "@everyone", EVERYONE_PERMISSIONS),
      role(MOD_ROLE_ID, "moderators", MOD_PERMISSIONS),
      role(BOT_ROLE_ID, "lessonbot", EVERYONE_PERMISSIONS, { managed: true, tags: { bot_id: BOT_ID } }),
    ],
    channels: [
      { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: "general", position: 0, permission_overwrites: [], topic: null, nsfw: false, parent_id: null },
    ],
    members: [{ ...apiMember({ id: BOT_ID, username: "lessonbot", roles: [BOT_ROLE_ID] }), user: botUser() }, ...members.map((m) => apiMember(m))],
  };
}
