/**
 * Posting to an interaction's `response_url` (ephemeral answers, replacing a paged message). Bolt's own
 * `respond` throws away the status's details; this keeps what a retry needs: a 429 becomes
 * `RateLimitedError` with Slack's Retry-After, other failures `ResponseUrlError` with the HTTP status.
 */
import { RateLimitedError } from "../../src/reply/publisher.ts";

export type Respond = (message: Record<string, unknown>) => Promise<void>;

/** No Retry-After on a 429: Slack's limits are per minute, so wait a while. */
const DEFAULT_RETRY_AFTER_MS = 30_000;
/** A response_url that neither answers nor fails is treated as a network failure after this long. */
const TIMEOUT_MS = 10_000;

export class ResponseUrlError extends Error {
  constructor(readonly status: number) {
    super(`response_url answered HTTP ${status}`);
    this.name = "ResponseUrlError";
  }
}

/** `{ respond }` for an interaction's response_url when it has one, else nothing: spread into a ReplyTarget. */
export function respondTo(url: unknown): { respond?: Respond } {
  return typeof url === "string" && url !== "" ? { respond: responder(url) } : {};
}

export function responder(url: string, timeoutMs = TIMEOUT_MS): Respond {
  return async (message) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Drain the body so the connection is reused; its text ("ok", "expired_url"…) isn't needed.
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return;
    if (response.status === 429) throw slackRateLimit(Number(response.headers.get("retry-after")?.trim() ?? Number.NaN));
    throw new ResponseUrlError(response.status);
  };
}

/** Slack's rate limit: wait Retry-After `seconds` when Slack gave a usable number, else a while. */
export function slackRateLimit(seconds?: unknown): RateLimitedError {
  const usable = typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0;
  return new RateLimitedError(usable ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS);
}
