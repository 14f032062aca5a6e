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
