/**
 * Posting to an interaction's `response_url` (ephemeral answers, replacing a paged message). Bolt's own
 * `respond` throws away the status's details; this keeps what a retry needs: a 429 becomes
 * `RateLimitedError` with Slack's Retry-After, other statuses `ResponseUrlError` with the HTTP status, and a
 * post that never got an answer (refused, dropped, timed out) `ResponseUrlUnreachable` with the socket's error.
 *
 * Why node:http and not fetch: every slash command posts its answer here, and fetch's Request/Response and
 * web-stream machinery cost ~0.6–1.4 ms of CPU per post (the largest single cost of a slash command in
 * the bot's CPU profile at 200/s); a plain request on a keep-alive agent costs a fraction of that.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { RateLimitedError } from "../../src/reply/publisher.ts";

export type Respond = (message: Record<string, unknown>) => Promise<void>;

/** No Retry-After on a 429: Slack's limits are per minute, so wait a while. */
const DEFAULT_RETRY_AFTER_MS = 30_000;
/** A response_url that neither answers nor fails is treated as a network failure after this long. */
const TIMEOUT_MS = 10_000;
/**
 * An idle kept-alive connection is closed after this long (fetch's default, undici's `keepAliveTimeout`):
 * shorter than servers' own idle timeouts, so a post rarely meets a connection the server just closed.
 */
const IDLE_SOCKET_MS = 4_000;

/** One connection pool per scheme for every response_url post (Slack's are all on hooks.slack.com). */
const agents = {
  "http:": new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  "https:": new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
};

export class ResponseUrlError extends Error {
  constructor(readonly status: number) {
    super(`response_url answered HTTP ${status}`);
    this.name = "ResponseUrlError";
  }
}

/** The post got no HTTP answer: connection refused or dropped, DNS, timeout. `cause` is the socket's error. */
export class ResponseUrlUnreachable extends Error {
  constructor(cause: unknown) {
    super(`response_url could not be reached: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "ResponseUrlUnreachable";
  }
}

/** `{ respond }` for an interaction's response_url when it has one, else nothing: spread into a ReplyTarget. */
export function respondTo(url: unknown): { respond?: Respond } {
  return typeof url === "string" && url !== "" ? { respond: responder(url) } : {};
}

export function responder(url: string, timeoutMs = TIMEOUT_MS): Respond {
  return async (message) => {
    const response = await post(url, JSON.stringify(message), timeoutMs);
    if (response.status >= 200 && response.status < 300) return;
    if (response.status === 429) throw slackRateLimit(Number(response.retryAfter?.trim() ?? Number.NaN));
    throw new ResponseUrlError(response.status);
  };
}

/**
 * POSTs `body` as JSON and reads the whole answer (so the connection goes back to the pool); its text
 * ("ok", "expired_url"…) isn't needed. The timeout covers the whole exchange, as fetch's signal did.
 */
function post(url: string, body: string, timeoutMs: number): Promise<{ status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch (error) {
      reject(error);
      return;
    }
    const agent = target.protocol === "https:" ? agents["https:"] : target.protocol === "http:" ? agents["http:"] : undefined;
    if (!agent) {
      reject(new TypeError(`response_url is not http(s): ${target.protocol}`));
      return;
    }
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const payload = Buffer.from(body, "utf8");
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new ResponseUrlUnreachable(error));
    };
    const req = send(
      target,
      { method: "POST", agent, headers: { "content-type": "application/json; charset=utf-8", "content-length": payload.length } },
      (res: IncomingMessage) => {
        res.on("error", fail);
        res.on("end", () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const retryAfter = res.headers["retry-after"];
          resolve({ status: res.statusCode ?? 0, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter });
        });
        res.resume();
      },
    );
    const timer = setTimeout(() => {
      const timeout = new Error(`no answer from the response_url within ${timeoutMs} ms`);
      timeout.name = "TimeoutError";
      fail(timeout);
      req.destroy(timeout);
    }, timeoutMs);
    req.on("error", fail);
    req.end(payload);
  });
}

/** Slack's rate limit: wait Retry-After `seconds` when Slack gave a usable number, else a while. */
export function slackRateLimit(seconds?: unknown): RateLimitedError {
  const usable = typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0;
  return new RateLimitedError(usable ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS);
}
