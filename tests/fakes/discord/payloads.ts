/**
 * Gateway dispatch payloads as Discord sends them: INTERACTION_CREATE (slash command, autocomplete,
 * button) and MESSAGE_CREATE, from a member in the server channel or from a DM.
 */
import { randomBytes } from "node:crypto";
import {
  APP_ID,
  BOT_ID,
  CHANNEL_ID,
  COMMAND_ID,
  DM_CHANNEL_ID,
  GUILD_ID,
  apiMember,
  apiUser,
  botUser,
  permissionsOf,
  type FakeUser,
} from "./world.ts";

let counter = 0n;
/** A fresh snowflake (timestamp part = now, so discord.js dates look sane). */
export function snowflake(): string {
  const ms = BigInt(Date.now()) - 1420070400000n;
  counter = (counter + 1n) % 4096n;
  return ((ms << 22n) | counter).toString();
}

export interface Where {
  user: FakeUser;
  /** DM with the bot instead of the server channel. */
  dm?: boolean;
  locale?: string;
}

/** A chat-input option as Discord nests it: a value, or a subcommand (group) holding options. */
export interface OptionPayload {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: OptionPayload[];
}

const STRING = 3;
const BOOLEAN = 5;
const SUBCOMMAND = 1;
const GROUP = 2;

export const opt = {
  string: (name: string, value: string, focused?: boolean): OptionPayload => ({ name, type: STRING, value, ...(focused && { focused }) }),
  boolean: (name: string, value: boolean): OptionPayload => ({ name, type: BOOLEAN, value }),
  sub: (name: string, options: OptionPayload[] = []): OptionPayload => ({ name, type: SUBCOMMAND, options }),
  group: (name: string, sub: OptionPayload): OptionPayload => ({ name, type: GROUP, options: [sub] }),
};

function base(type: number, where: Where, data: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const common = {
    id: snowflake(),
    application_id: APP_ID,
    type,
    token: `itok_${randomBytes(24).toString("base64url")}`,
    version: 1,
    locale: where.locale ?? "en-US",
    app_permissions: "2248473465835073",
    entitlements: [],
    attachment_size_limit: 8_388_608,
    data,
    ...extra,
  };
  if (where.dm) {
    return {
      ...common,
      channel_id: DM_CHANNEL_ID,
      channel: { id: DM_CHANNEL_ID, type: 1, recipients: [apiUser(where.user)], flags: 0 },
      user: apiUser(where.user),
      authorizing_integration_owners: { "0": GUILD_ID },
      context: 1,
    };
  }
  return {
    ...common,
    guild_id: GUILD_ID,
    guild_locale: "en-US",
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: "general", permissions: permissionsOf(where.user), flags: 0 },
    member: { ...apiMember(where.user), permissions: permissionsOf(where.user) },
    authorizing_integration_owners: { "0": GUILD_ID },
    context: 0,
  };
}

/** `/lesson <options…>`. */
export function slashCommand(options: OptionPayload[], where: Where) {
  return base(2, where, { id: COMMAND_ID, name: "lesson", type: 1, options });
}

/** Typing in an autocompleted option (mark it `focused`). */
export function autocomplete(options: OptionPayload[], where: Where) {
  return base(4, where, { id: COMMAND_ID, name: "lesson", type: 1, options });
}

/** A press on a button of `message` (a message object as the fake REST returned it). */
export function buttonPress(customId: string, message: Record<string, unknown>, where: Where) {
  return base(3, where, { custom_id: customId, component_type: 2 }, { message });
}

export interface MessageFields {
  content: string;
  author: FakeUser | ReturnType<typeof botUser>;
  dm?: boolean;
  /** Users mentioned (ids), as Discord lists them next to the content. */
  mentions?: string[];
  mentionRoles?: string[];
  webhookId?: string;
}

export function messageCreate(fields: MessageFields) {
  const isBot = "bot" in fields.author;
  const author = isBot ? fields.author : apiUser(fields.author as FakeUser);
  return {
    id: snowflake(),
    channel_id: fields.dm ? DM_CHANNEL_ID : CHANNEL_ID,
    // Discord sends the channel type so a client can place a message from a DM it has not cached.
    channel_type: fields.dm ? 1 : 0,
    ...(!fields.dm && { guild_id: GUILD_ID }),
    ...(!fields.dm && !isBot && { member: apiMember(fields.author as FakeUser, false) }),
    author,
    content: fields.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: (fields.mentions ?? []).map((id) => (id === BOT_ID ? botUser() : { id, username: `user${id.slice(-3)}`, discriminator: "0", global_name: null, avatar: null })),
    mention_roles: fields.mentionRoles ?? [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: 0,
    flags: 0,
    ...(fields.webhookId !== undefined && { webhook_id: fields.webhookId }),
  };
}

/**
 * A message by the bot as Discord returns it: `body` is what the bot sent (content, embeds, components,
 * flags), `extra` the fields that depend on how it was sent (reply, webhook, guild).
 */
export function botMessageObject(channelId: string, body: Record<string, unknown>, type: number, extra: Record<string, unknown> = {}) {
  return {
    id: snowflake(),
    channel_id: channelId,
    author: botUser(),
    content: typeof body.content === "string" ? body.content : "",
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    type,
    flags: typeof body.flags === "number" ? body.flags : 0,
    ...extra,
  };
}

/** A message the bot sent (from a callback's `data`), as a button interaction carries it. */
export function botMessage(data: Record<string, unknown>, dm = false) {
  // Type 20: the response to a chat command, sent through the interaction's webhook.
  return botMessageObject(dm ? DM_CHANNEL_ID : CHANNEL_ID, data, 20, { application_id: APP_ID, webhook_id: APP_ID });
}
