/**
 * Signs a request body the way Slack does: `v0=` + HMAC-SHA256(signing secret, `v0:<timestamp>:<body>`).
 * https://api.slack.com/authentication/verifying-requests-from-slack
 */
import { createHmac } from "node:crypto";

export interface SignedHeaders {
  "x-slack-request-timestamp": string;
  "x-slack-signature": string;
}

/** `timestamp` in seconds; defaults to now. */
export function signRequest(signingSecret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): SignedHeaders {
  const base = `v0:${timestamp}:${body}`;
  const signature = `v0=${createHmac("sha256", signingSecret).update(base).digest("hex")}`;
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature };
}

export interface SignedPost {
  /** Signing time in seconds; defaults to now. */
  timestamp?: number;
  /** Sent instead of the computed signature (a forgery). */
  signature?: string;
  headers?: Record<string, string>;
}

/** POSTs `body` to a Slack request URL (e.g. `…/slack/events`), signed with `signingSecret`. */
export async function postSigned(
  url: string,
  signingSecret: string,
  body: string,
  contentType: string,
  opts: SignedPost = {},
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": contentType,
      ...signRequest(signingSecret, body, opts.timestamp),
      ...(opts.signature !== undefined && { "x-slack-signature": opts.signature }),
      ...opts.headers,
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}
