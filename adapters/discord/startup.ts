/**
 * Why the Discord login failed, in words that say where to look: Discord unreachable at the configured URL
 * (network, DNS, refused, timeout: check the network and DISCORD_API_URL) is not Discord rejecting the
 * token (check DISCORD_TOKEN), and neither is a gateway that refused the intents.
 */
import { DiscordAPIError, DiscordjsErrorCodes, HTTPError } from "discord.js";
import { networkCause } from "../../src/net/cause.ts";
import { describeError, type Scrub } from "./logging.ts";

const DEFAULT_API_URL = "https://discord.com/api";

export function loginError(error: unknown, apiUrl: string | undefined, scrub: Scrub): Error {
  const url = apiUrl ?? DEFAULT_API_URL;
  const code = (error as { code?: unknown } | undefined)?.code;
  const status = error instanceof DiscordAPIError || error instanceof HTTPError ? error.status : undefined;
  if (code === DiscordjsErrorCodes.TokenInvalid || code === DiscordjsErrorCodes.TokenMissing || status === 401) {
    return new Error("Discord login failed: Discord rejected the bot token (DISCORD_TOKEN): reset it under Developer Portal → Bot");
  }
  const cause = networkCause(error);
  if (cause !== undefined) {
    return new Error(`Discord login failed: cannot reach Discord at ${url}: ${scrub(cause)}; check the network, a proxy, and DISCORD_API_URL`);
  }
  if (status !== undefined && status >= 500) {
    return new Error(`Discord login failed: Discord at ${url} answered HTTP ${status}; is DISCORD_API_URL right, or is Discord down? Try again later`);
  }
  return new Error(`Discord login failed: ${String(describeError(error, scrub).message)}`);
}
