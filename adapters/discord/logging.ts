/**
 * discord.js's events into our pino logger, with secrets scrubbed. The bot token and interaction tokens
 * (in callback and webhook URLs: each lets anyone answer as the bot for 15 minutes) never reach a log line.
 */
import { DiscordAPIError, Events, HTTPError, RESTEvents, type Client } from "discord.js";
import type { Logger } from "../../src/log/logger.ts";
import { REDACTED, secretScrubber as scrubber, type Scrub } from "../../src/log/scrub.ts";

export type { Scrub };

/** Bot-token shape: three dot-separated base64url parts. */
const TOKEN_SHAPE = /[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_*-]{20,}/g;
/** `/interactions/<id>/<token>/…`, `/webhooks/<app>/<token>…`. */
const URL_TOKEN = /((?:interactions|webhooks)\/\d+\/)[^/?\s"']+/g;

/** Blanks the known secrets, anything shaped like a bot token, and interaction tokens in URLs. */
export function secretScrubber(secrets: readonly (string | undefined)[]): Scrub {
  return scrubber(secrets, [
    [TOKEN_SHAPE, REDACTED],
    [URL_TOKEN, `$1${REDACTED}`],
  ]);
}

/**
 * What is safe to log about an error: name, message, Discord's error code and HTTP status. Never the
 * error object: discord.js errors keep the request URL (with interaction tokens) and body.
 */
export function describeError(error: unknown, scrub: Scrub): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrub(String(error)) };
  const out: Record<string, unknown> = { type: error.name, message: scrub(error.message) };
  if (error instanceof DiscordAPIError) {
    out.code = error.code;
    out.status = error.status;
    out.method = error.method;
  } else if (error instanceof HTTPError) {
    out.status = error.status;
    out.method = error.method;
  }
  return out;
}

/** Forwards the client's and its REST manager's events: library chatter at debug, trouble at warn/error. */
export function forwardClientLogs(client: Client, log: Logger, scrub: Scrub): void {
  const lib = log.child({ component: "discord.js" });
  client.on(Events.Debug, (message) => {
    if (lib.isLevelEnabled("debug")) lib.debug(scrub(message));
  });
  client.on(Events.Warn, (message) => lib.warn(scrub(message)));
  client.on(Events.Error, (error) => lib.error({ err: describeError(error, scrub) }, "discord client error"));
  client.on(Events.ShardError, (error, shard) => lib.warn({ shard, err: describeError(error, scrub) }, "gateway connection error"));
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, "gateway reconnecting"));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, "gateway session resumed"));
  client.on(Events.ShardDisconnect, (event, shard) =>
    log.error({ shard, code: event.code }, "gateway closed for good (check the token and the intents enabled in the Developer Portal)"),
  );
  client.rest.on(RESTEvents.RateLimited, (info) =>
    lib.warn({ route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global }, "discord rate limit hit"),
  );
}
