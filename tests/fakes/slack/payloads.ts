/**
 * Request bodies shaped like the ones Slack sends (slash commands, block actions, Events API callbacks),
 * with the encodings Slack uses: form-encoded for commands and interactions, JSON for events.
 */
import { randomUUID } from "node:crypto";

export interface Actor {
  userId: string;
  userName: string;
  channelId: string;
  teamId: string;
}

/** `application/x-www-form-urlencoded` body of a slash command. */
export function slashCommandBody(actor: Actor, command: string, text: string, responseUrl: string): string {
  return new URLSearchParams({
    token: "verification-token-unused",
    team_id: actor.teamId,
    team_domain: "fake",
    channel_id: actor.channelId,
    channel_name: "general",
    user_id: actor.userId,
    user_name: actor.userName,
    command,
    text,
    api_app_id: "A0000001",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: `trigger-${randomUUID()}`,
  }).toString();
}

/** The same command as the `payload` of a Socket Mode `slash_commands` envelope. */
export function slashCommandPayload(actor: Actor, command: string, text: string, responseUrl: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(slashCommandBody(actor, command, text, responseUrl)));
}

export interface PressedButton {
  action_id: string;
  value: string;
  text?: { type: string; text: string };
}

export interface PressedIn {
  ts: string;
  ephemeral: boolean;
  threadTs?: string;
}

/** Form body (`payload=<json>`) of a button press in a message. */
export function blockActionBody(actor: Actor, button: PressedButton, responseUrl: string, message: PressedIn): string {
  return new URLSearchParams({ payload: JSON.stringify(blockActionPayload(actor, button, responseUrl, message)) }).toString();
}

/** The `block_actions` payload itself (also the payload of a Socket Mode `interactive` envelope). */
export function blockActionPayload(actor: Actor, button: PressedButton, responseUrl: string, message: PressedIn): Record<string, unknown> {
  return {
    type: "block_actions",
    user: { id: actor.userId, username: actor.userName, name: actor.userName, team_id: actor.teamId },
    api_app_id: "A0000001",
    token: "verification-token-unused",
    container: {
      type: "message",
      message_ts: message.ts,
      channel_id: actor.channelId,
      is_ephemeral: message.ephemeral,
      ...(message.threadTs !== undefined && { thread_ts: message.threadTs }),
    },
    trigger_id: `trigger-${randomUUID()}`,
    team: { id: actor.teamId, domain: "fake" },
    channel: { id: actor.channelId, name: "general" },
    ...(!message.ephemeral && {
      message: { type: "message", ts: message.ts, text: "…", ...(message.threadTs !== undefined && { thread_ts: message.threadTs }) },
    }),
    response_url: responseUrl,
    actions: [{ type: "button", block_id: "b1", action_id: button.action_id, value: button.value, text: button.text, action_ts: "1700000000.1" }],
  };
}

export interface MessageFields {
  type?: "message" | "app_mention";
  user?: string;
  text: string;
  channel: string;
  ts: string;
  channel_type?: "channel" | "im" | "group";
  thread_ts?: string;
  subtype?: string;
  bot_id?: string;
}

/** JSON body of an Events API callback carrying `event`. */
export function eventBody(teamId: string, botUserId: string, event: MessageFields, eventId = `Ev${randomUUID().slice(0, 8)}`): string {
  return JSON.stringify(eventPayload(teamId, botUserId, event, eventId));
}

/** The Events API callback (also the payload of a Socket Mode `events_api` envelope). */
export function eventPayload(teamId: string, botUserId: string, event: MessageFields, eventId = `Ev${randomUUID().slice(0, 8)}`): Record<string, unknown> {
  return {
    token: "verification-token-unused",
    team_id: teamId,
    api_app_id: "A0000001",
    type: "event_callback",
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [{ team_id: teamId, user_id: botUserId, is_bot: true, is_enterprise_install: false }],
    event: { type: "message", event_ts: event.ts, ...event },
  };
}
