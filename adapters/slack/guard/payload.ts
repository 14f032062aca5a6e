/**
 * What a signed Slack payload must look like before Bolt or a listener touches it. Bolt trusts the shape
 * of whatever passed the signature check (a signed `null` body crashes its receiver; `event: null` or a
 * `block_actions` without a user throws inside its dispatch), so every body — HTTP or Socket Mode — is
 * checked here first, for exactly the fields Bolt and our listeners read.
 *
 * The verdict says what to do: hand it to Bolt, acknowledge it without work (a well-formed payload we
 * don't handle, or a broken event: Slack expects 200 for events and would otherwise retry), or refuse it
 * (400 over HTTP).
 */
import { httpUrl } from "../../../src/reply/url.ts";
import { ACTION_PREFIX } from "../render/blocks.ts";

export type PayloadVerdict =
  | { action: "dispatch" }
  /** Well-formed (or an event Slack would only retry) but nothing for us to do: answer 200, don't dispatch. */
  | { action: "ack"; reason: string; malformed: boolean }
  | { action: "reject"; reason: string };

export interface PayloadRules {
  /** Our slash command, e.g. `/lesson`: any other command name is refused. */
  command: string;
}

/** Event types a listener is registered for (adapters/slack/listeners/messages.ts). */
const HANDLED_EVENTS = new Set(["message", "app_mention"]);
/** Interactive payload types Slack may send an app; only `block_actions` has listeners. */
const INTERACTIVE_TYPES = new Set([
  "block_actions",
  "interactive_message",
  "dialog_submission",
  "dialog_cancellation",
  "block_suggestion",
  "shortcut",
  "message_action",
  "view_submission",
  "view_closed",
]);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether a field's value has the wanted shape. */
type Check = (value: unknown) => boolean;

const str: Check = (v) => typeof v === "string";
const nonEmpty: Check = (v) => typeof v === "string" && v !== "";
const bool: Check = (v) => typeof v === "boolean";
const obj: Check = isObject;
const arr: Check = Array.isArray;
const url: Check = (v) => typeof v === "string" && httpUrl(v) !== undefined;
const nullable = (check: Check): Check => (v) => v === null || check(v);
const either = (...checks: Check[]): Check => (v) => checks.some((c) => c(v));
const withId: Check = (v) => isObject(v) && nonEmpty(v.id);

/** The first field of `record` that is present but fails its check (or is required and missing). */
function badField(record: Json, required: Record<string, Check>, optional: Record<string, Check> = {}): string | undefined {
  for (const [key, check] of Object.entries(required)) {
    if (!check(record[key])) return key;
  }
  for (const [key, check] of Object.entries(optional)) {
    if (record[key] !== undefined && !check(record[key])) return key;
  }
  return undefined;
}

export function checkPayload(body: unknown, rules: PayloadRules): PayloadVerdict {
  if (!isObject(body)) return { action: "reject", reason: `body is ${describe(body)}, not an object` };
  // Bolt answers these itself (and `ssl_check` arrives unsigned, so Bolt strips it to that one field).
  if (body.ssl_check === "1") return { action: "dispatch" };
  if (body.type === "url_verification") {
    return nonEmpty(body.challenge) ? { action: "dispatch" } : { action: "reject", reason: "url_verification without a challenge" };
  }
  if (body.event !== undefined || body.type === "event_callback") return checkEvent(body);
  if (body.command !== undefined) return checkCommand(body, rules);
  if (typeof body.type === "string" && INTERACTIVE_TYPES.has(body.type)) return checkInteraction(body);
  if (body.type === "app_rate_limited") return { action: "ack", reason: "Slack is rate-limiting events to this app", malformed: false };
  return { action: "reject", reason: `not a Slack payload we know (type ${describe(body.type)})` };
}

function checkCommand(body: Json, rules: PayloadRules): PayloadVerdict {
  const bad = badField(
    body,
    { command: nonEmpty, user_id: nonEmpty, channel_id: nonEmpty, team_id: nonEmpty },
    {
      text: str,
      user_name: str,
      response_url: url,
      trigger_id: str,
      enterprise_id: str,
      api_app_id: str,
      channel_name: str,
      team_domain: str,
      is_enterprise_install: either(str, bool),
      token: str,
    },
  );
  if (bad) return { action: "reject", reason: `slash command with a bad ${bad}` };
  if (body.command !== rules.command) return { action: "reject", reason: `unknown slash command ${JSON.stringify(String(body.command).slice(0, 40))}` };
  return { action: "dispatch" };
}

/** Interactive payloads: what Bolt reads to route any of them (user, team, channel), then `block_actions` in full. */
function checkInteraction(body: Json): PayloadVerdict {
  const bad = badField(
    body,
    { user: withId },
    {
      team: nullable(withId),
      enterprise: nullable(withId),
      // Bolt reads `channel.id` whenever `channel` isn't undefined: null is not allowed.
      channel: withId,
      container: obj,
      message: obj,
      view: obj,
      response_url: url,
      response_urls: arr,
      trigger_id: str,
      api_app_id: str,
      token: str,
      is_enterprise_install: bool,
      actions: arr,
      state: obj,
      callback_id: str,
      name: str,
    },
  );
  if (bad) return { action: "reject", reason: `${String(body.type)} with a bad ${bad}` };
  const user = body.user as Json;
  const badUser = badField(user, {}, { name: str, username: str, team_id: str });
  if (badUser) return { action: "reject", reason: `${String(body.type)} with a bad user.${badUser}` };
  if ((body.type === "view_submission" || body.type === "view_closed") && !isObject(body.view)) {
    return { action: "reject", reason: `${body.type} without a view` };
  }
  if (body.type !== "block_actions") return { action: "ack", reason: `${String(body.type)} is not handled`, malformed: false };

  const actions = body.actions;
  if (!Array.isArray(actions) || actions.length === 0) return { action: "reject", reason: "block_actions without actions" };
  for (const action of actions) {
    if (!isObject(action)) return { action: "reject", reason: "block_actions with a non-object action" };
    const badAction = badField(action, { type: nonEmpty, action_id: nonEmpty }, { block_id: str, value: str, action_ts: str });
    if (badAction) return { action: "reject", reason: `block_actions with a bad action ${badAction}` };
  }
  // Bolt routes a press by its first action (Slack sends one): that one must be our button.
  if (!String((actions[0] as Json).action_id).startsWith(ACTION_PREFIX)) {
    return { action: "ack", reason: "block_actions for buttons that aren't ours", malformed: false };
  }
  return { action: "dispatch" };
}

/**
 * Events API callbacks. Slack expects a 200 for every event and retries anything else, so a broken event
 * is acknowledged (and logged), never refused.
 */
function checkEvent(body: Json): PayloadVerdict {
  const malformed = (reason: string): PayloadVerdict => ({ action: "ack", reason, malformed: true });
  const event = body.event;
  if (!isObject(event)) return malformed(`event is ${describe(event)}, not an object`);
  const bad = badField(
    body,
    { type: (v) => v === "event_callback" },
    { team_id: str, api_app_id: str, event_id: nonEmpty, event_time: (v) => typeof v === "number", enterprise_id: nullable(str), authorizations: arr, is_ext_shared_channel: bool, token: str },
  );
  if (bad) return malformed(`event callback with a bad ${bad}`);
  for (const auth of body.authorizations as unknown[] | undefined ?? []) {
    if (!isObject(auth) || badField(auth, {}, { team_id: nullable(str), enterprise_id: nullable(str), user_id: str, is_bot: bool })) {
      return malformed("event callback with a bad authorization");
    }
  }
  if (!nonEmpty(event.type)) return malformed("event without a type");
  // What Bolt reads of any event to route it: the conversation and the user.
  const badRouting = badField(event, {}, { channel: either(str, withId), channel_id: str, item: obj, user: either(str, withId), message: obj, previous_message: obj });
  if (badRouting) return malformed(`${event.type} event with a bad ${badRouting}`);
  if (!HANDLED_EVENTS.has(event.type as string)) return { action: "ack", reason: `${String(event.type)} events are not handled`, malformed: false };

  const badMessage = badField(
    event,
    { channel: nonEmpty, ts: nonEmpty },
    { user: str, text: str, thread_ts: str, channel_type: str, subtype: str, bot_id: str, event_ts: str, team: str, blocks: arr, files: arr, attachments: arr },
  );
  if (badMessage) return malformed(`${event.type} event with a bad ${badMessage}`);
  return { action: "dispatch" };
}

/** A short description of a value's type for a log line (never the value: it may be large or personal). */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? "a string" : typeof value;
}
