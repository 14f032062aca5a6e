/**
 * The door of the gateway connection. discord.js builds its objects from dispatch payloads without checks
 * (a `MESSAGE_CREATE` with `author: null`, an interaction whose `options` is a string, a dispatch named
 * `error`…), and a throw there is an uncaught exception that ends the process. So every dispatch is checked
 * here first — its envelope always, and the two we act on (INTERACTION_CREATE, MESSAGE_CREATE) field by
 * field — and whatever still throws while discord.js handles it is caught, logged with a request id and
 * counted. The session carries on with the next dispatch.
 */
import type { Client } from "discord.js";
import { newRequestId, type Logger } from "../../../src/log/logger.ts";
import type { AdapterMetrics } from "../../../src/ops/metrics.ts";
import { requestScope } from "../../../src/ops/last-resort.ts";
import { describeError, type Scrub } from "../logging.ts";

export interface GatewayGuardOptions {
  log: Logger;
  metrics: AdapterMetrics;
  scrub: Scrub;
}

type Json = Record<string, unknown>;
interface DispatchPayload {
  data: unknown;
  shardId: number;
}
type DispatchListener = (payload: DispatchPayload) => unknown;

/** The internals of discord.js's WebSocketManager this needs: it creates `_ws` and its listeners in `attachEvents`. */
interface ManagerInternals {
  attachEvents(): void;
  _ws: {
    listeners(event: string): DispatchListener[];
    removeAllListeners(event: string): unknown;
    on(event: string, listener: DispatchListener): unknown;
  } | null;
}

/** Installs the guard on a client before `login()`. */
export function guardGateway(client: Client, options: GatewayGuardOptions): void {
  const manager = client.ws as unknown as ManagerInternals;
  if (typeof manager.attachEvents !== "function") {
    // A discord.js that no longer works this way: run unguarded rather than not at all (the tests say so).
    options.log.warn("gateway guard not installed: discord.js internals changed");
    return;
  }
  const attach = manager.attachEvents.bind(manager);
  // The shard manager is created anew on each connect, and its dispatch listener with it.
  manager.attachEvents = () => {
    attach();
    const ws = manager._ws;
    if (!ws || typeof ws.listeners !== "function") return;
    const listeners = ws.listeners("dispatch");
    ws.removeAllListeners("dispatch");
    ws.on("dispatch", (payload) => screen(payload, listeners, ws, options));
  };
}

function screen(payload: DispatchPayload, listeners: DispatchListener[], ws: unknown, options: GatewayGuardOptions): void {
  const reqId = newRequestId();
  requestScope.run({ reqId, platform: "discord" }, () => {
    const data = payload?.data as Json | undefined;
    const event = typeof data?.t === "string" ? data.t.slice(0, 40) : undefined;
    const log = options.log.child({ reqId, component: "gateway-guard", ...(event !== undefined && { event }) });
    const problem = checkDispatch(data);
    if (problem !== undefined) {
      options.metrics.requestRejected("discord", "malformed");
      log.warn({ reason: problem }, "malformed gateway dispatch dropped");
      return;
    }
    for (const listener of listeners) {
      try {
        listener.call(ws, payload);
      } catch (error) {
        options.metrics.requestRejected("discord", "malformed");
        log.error({ err: describeError(error, options.scrub) }, "gateway dispatch could not be handled; dropped");
      }
    }
  });
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const snowflake = (v: unknown) => typeof v === "string" && /^\d{1,20}$/.test(v);
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || v === null || check(v);
const str = (v: unknown) => typeof v === "string";

/** Why a dispatch can't be handled, or undefined when it can. */
function checkDispatch(data: unknown): string | undefined {
  if (!isObject(data)) return "dispatch is not an object";
  // Event names are upper-case words; anything else (`error`!) would be emitted as an event of that name.
  if (typeof data.t !== "string" || !/^[A-Z][A-Z_]*$/.test(data.t)) return "dispatch without a valid event name";
  if (!isObject(data.d)) return `${data.t} without an object payload`;
  if (data.t === "INTERACTION_CREATE") return checkInteraction(data.d);
  if (data.t === "MESSAGE_CREATE") return checkMessage(data.d);
  return undefined;
}

function checkUser(user: unknown): boolean {
  return isObject(user) && snowflake(user.id) && str(user.username) && optional(user.global_name, str) && optional(user.bot, (v) => typeof v === "boolean");
}

function checkMember(member: unknown, needsUser: boolean): boolean {
  if (!isObject(member)) return false;
  if (needsUser ? !checkUser(member.user) : !optional(member.user, checkUser)) return false;
  return optional(member.roles, (r) => Array.isArray(r) && r.every(snowflake)) && optional(member.nick, str) && optional(member.permissions, str);
}

function checkOptions(options: unknown, depth = 0): boolean {
  if (options === undefined) return true;
  if (!Array.isArray(options) || depth > 3) return false;
  return options.every(
    (o) =>
      isObject(o) &&
      str(o.name) &&
      Number.isInteger(o.type) &&
      optional(o.value, (v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean") &&
      optional(o.focused, (v) => typeof v === "boolean") &&
      checkOptions(o.options, depth + 1),
  );
}

function checkInteraction(d: Json): string | undefined {
  if (!snowflake(d.id) || !snowflake(d.application_id)) return "interaction without ids";
  if (typeof d.token !== "string" || d.token === "") return "interaction without a token";
  if (!Number.isInteger(d.type) || (d.type as number) < 1 || (d.type as number) > 5) return "interaction of an unknown type";
  if (!optional(d.guild_id, snowflake) || !optional(d.channel_id, snowflake)) return "interaction with a bad guild or channel id";
  if (!optional(d.channel, (c) => isObject(c) && snowflake(c.id) && Number.isInteger(c.type))) return "interaction with a bad channel";
  if (!optional(d.locale, str) || !optional(d.guild_locale, str) || !optional(d.app_permissions, str)) return "interaction with a bad locale or permissions";
  // In a server the user is inside `member`; in a DM it is `user`.
  const inGuild = d.guild_id !== undefined && d.guild_id !== null;
  if (inGuild ? !checkMember(d.member, true) : !checkUser(d.user)) return "interaction without a valid user";
  if (d.type === 1) return undefined;
  const data = d.data;
  if (!isObject(data)) return "interaction without data";
  if (d.type === 2 || d.type === 4) {
    if (!snowflake(data.id) || !str(data.name) || !Number.isInteger(data.type)) return "command interaction with bad data";
    if (!checkOptions(data.options)) return "command interaction with bad options";
    if (!optional(data.resolved, isObject)) return "command interaction with bad resolved data";
  }
  if (d.type === 3) {
    if (typeof data.custom_id !== "string" || data.custom_id.length > 100 || !Number.isInteger(data.component_type)) return "component interaction with bad data";
    if (!optional(data.values, (v) => Array.isArray(v) && v.every(str))) return "component interaction with bad values";
    if (!isObject(d.message) || !snowflake(d.message.id) || !snowflake(d.message.channel_id)) return "component interaction without its message";
  }
  if (d.type === 5 && (!str(data.custom_id) || !optional(data.components, Array.isArray))) return "modal submit with bad data";
  return undefined;
}

function checkMessage(d: Json): string | undefined {
  if (!snowflake(d.id) || !snowflake(d.channel_id)) return "message without ids";
  if (!checkUser(d.author)) return "message without a valid author";
  if (typeof d.content !== "string") return "message without text content";
  if (!optional(d.guild_id, snowflake) || !optional(d.webhook_id, snowflake)) return "message with a bad guild or webhook id";
  if (!optional(d.member, (m) => checkMember(m, false))) return "message with a bad member";
  if (!optional(d.mentions, (m) => Array.isArray(m) && m.every(checkUser))) return "message with bad mentions";
  if (!optional(d.mention_roles, (r) => Array.isArray(r) && r.every(snowflake))) return "message with bad role mentions";
  for (const key of ["attachments", "embeds", "components", "sticker_items"]) {
    if (!optional(d[key], Array.isArray)) return `message with bad ${key}`;
  }
  if (!Number.isInteger(d.type ?? 0)) return "message of a bad type";
  return undefined;
}
