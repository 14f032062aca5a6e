/**
 * Start-up failures in words that say where to look: Slack unreachable at the configured URL (network,
 * DNS, refused, timeout: check the network and SLACK_API_URL) is not the same as Slack refusing a token
 * (check the token), and neither is Slack answering with a server error.
 */
import { webApi } from "@slack/bolt";
import type { Scrub } from "../../src/log/scrub.ts";
import { networkCause } from "../../src/net/cause.ts";
import { slackErrorCode } from "./transient.ts";

export const DEFAULT_API_URL = "https://slack.com/api/";

/** Slack's answers that mean "this token is not accepted". */
const REJECTED = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "no_permission",
  "missing_scope",
  "not_allowed_token_type",
  "ekm_access_denied",
]);

export interface StartupStep {
  /** The Web API method that failed, e.g. `auth.test`. */
  call: string;
  /** The token it used, in words: `bot token`, `app-level token`. */
  token: string;
  /** What to check when the token is refused. */
  hint: string;
  apiUrl: string | undefined;
}

export function startupError(step: StartupStep, error: unknown, scrub: Scrub): Error {
  const url = step.apiUrl ?? DEFAULT_API_URL;
  const e = error as { code?: unknown; statusCode?: unknown; original?: unknown; message?: unknown } | undefined;
  const code = slackErrorCode(error);
  if (code !== undefined) {
    if (REJECTED.has(code)) return new Error(`Slack rejected the ${step.token} (${step.call}): ${code}; ${step.hint}`);
    return new Error(`Slack refused ${step.call}: ${code}`);
  }
  if (e?.code === webApi.ErrorCode.HTTPError && typeof e.statusCode === "number") {
    if (e.statusCode === 401 || e.statusCode === 403) {
      return new Error(`Slack rejected the ${step.token} (${step.call}): HTTP ${e.statusCode}; ${step.hint}`);
    }
    return new Error(`Slack at ${url} answered ${step.call} with HTTP ${e.statusCode}; is SLACK_API_URL right, or is Slack down? Try again later`);
  }
  const cause = networkCause(e?.original ?? error);
  if (e?.code === webApi.ErrorCode.RequestError || cause !== undefined) {
    return new Error(`cannot reach Slack at ${url} (${step.call}): ${scrub(cause ?? String(e?.message ?? error))}; check the network, a proxy, and SLACK_API_URL`);
  }
  return new Error(`Slack ${step.call} failed: ${scrub(error instanceof Error ? error.message : String(error))}`);
}
