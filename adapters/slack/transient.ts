/**
 * Reading Slack send failures: Slack's error code, rate limits as `RateLimitedError` (with Retry-After),
 * and which failures are worth another try — rate limits, 5xx, network errors and timeouts, and the few
 * Web API codes that mean "Slack had a problem". A refused post (`not_in_channel`, `expired_url` as 404,
 * bad blocks) would fail the same way again.
 */
import { webApi } from "@slack/bolt";
import { RateLimitedError } from "../../src/reply/publisher.ts";
import { ResponseUrlError, ResponseUrlUnreachable, slackRateLimit } from "./response-url.ts";

const TRANSIENT_CODES = new Set(["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

/** Slack's `error` string from a Web API platform error (`not_in_channel`, `ratelimited`, …). */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === "string" ? data.error : undefined;
}

/** A Web API rate limit (HTTP 429 or `ok: false, error: ratelimited`) as `RateLimitedError`. */
export function asRateLimit(error: unknown): RateLimitedError | undefined {
  const e = error as { code?: unknown; retryAfter?: unknown; statusCode?: unknown } | undefined;
  if (e?.code === webApi.ErrorCode.RateLimitedError) return slackRateLimit(e.retryAfter);
  if (e?.statusCode === 429 || slackErrorCode(error) === "ratelimited") return slackRateLimit();
  return undefined;
}

export function isTransient(error: unknown): boolean {
  if (error instanceof RateLimitedError) return true;
  if (error instanceof ResponseUrlError) return error.status >= 500 || error.status === 408;
  if (error instanceof ResponseUrlUnreachable) return true;
  const e = error as { code?: unknown; statusCode?: unknown; name?: unknown } | undefined;
  if (e?.code === webApi.ErrorCode.RequestError) return true;
  if (e?.code === webApi.ErrorCode.HTTPError) return typeof e.statusCode === "number" && (e.statusCode >= 500 || e.statusCode === 408);
  const code = slackErrorCode(error);
  if (code !== undefined) return TRANSIENT_CODES.has(code);
  // fetch: network failures are `TypeError: fetch failed`; our timeout aborts with a TimeoutError.
  return error instanceof TypeError || e?.name === "TimeoutError" || e?.name === "AbortError";
}
