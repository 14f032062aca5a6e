/**
 * The door of `/slack/events`, in front of Bolt's HTTP receiver: every POST is buffered, its timestamp
 * checked in both directions (Bolt only refuses old ones), its signature verified, its body parsed and its
 * shape checked (guard/payload.ts) before Bolt sees it. Anything else is answered here:
 *
 *   401  bad or missing signature, timestamp more than 5 minutes off (past or future)
 *   413  body over the limit
 *   400  signed but unparseable, or not a Slack payload we know (a command, button press or event)
 *   200  well-formed but not ours to handle, or a broken event (Slack retries events that don't get 200)
 *
 * Bolt then re-reads the buffered body and re-verifies it (cheap): its own checks stay in force.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { HTTPModuleFunctions, defaultBodyLimit, verifySlackRequest, type HTTPReceiver } from "@slack/bolt";
import { newRequestId, type Logger } from "../../../src/log/logger.ts";
import type { AdapterMetrics } from "../../../src/ops/metrics.ts";
import { requestScope } from "../../../src/ops/last-resort.ts";
import { checkPayload, type PayloadRules } from "./payload.ts";
import { describeError } from "../logger.ts";

/** Slack's replay window: a signed request more than this far from now, either way, is refused. */
const MAX_CLOCK_SKEW_S = 5 * 60;
const BODY_LIMIT = defaultBodyLimit;

export interface HttpGuardOptions {
  /** The events endpoint's path (`/slack/events`). */
  path: string;
  signingSecret: string;
  rules: PayloadRules;
  log: Logger;
  metrics: AdapterMetrics;
  /** Clock in ms (tests). */
  now?: () => number;
}

type Verdict = { pass: true } | { pass: false; status: number };

/** Puts the guard in front of the receiver's request listener. Call before `start()`. */
export function guardHttpReceiver(receiver: HTTPReceiver, options: HttpGuardOptions): void {
  const next = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const path = pathOf(req.url);
    // Bolt's router throws on a URL it can't parse, and answers that with a 500.
    if (path === undefined) return void res.writeHead(400).end();
    if (req.method !== "POST" || path !== options.path) return next(req, res);
    const reqId = newRequestId();
    requestScope.run({ reqId, platform: "slack" }, () => {
      // Made only when the guard has something to say: a request that passes logs nothing here.
      let child: Logger | undefined;
      const log = () => (child ??= options.log.child({ reqId, component: "http-guard" }));
      screen(req, options, log)
        .then((verdict) => {
          if (verdict.pass) return next(req, res);
          if (!res.headersSent) res.writeHead(verdict.status).end();
        })
        .catch((error: unknown) => {
          // A bug in the guard (or a throw from Bolt's router): still answer, and never with the stack.
          log().error({ err: describeError(error) }, "request guard failed");
          if (!res.headersSent) res.writeHead(400).end();
        });
    });
  };
}

async function screen(req: IncomingMessage, options: HttpGuardOptions, log: () => Logger): Promise<Verdict> {
  const refuse = (status: number, reason: Parameters<AdapterMetrics["requestRejected"]>[1], message: string, fields: Record<string, unknown> = {}): Verdict => {
    options.metrics.requestRejected("slack", reason);
    log().warn({ status, contentType: req.headers["content-type"], ...fields }, message);
    return { pass: false, status };
  };

  let raw: string;
  try {
    raw = (await HTTPModuleFunctions.bufferIncomingMessage(req, BODY_LIMIT)).rawBody.toString("utf8");
  } catch (error) {
    const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && (error as { statusCode?: number }).statusCode === 413;
    return refuse(tooLarge ? 413 : 400, "malformed", tooLarge ? "request body over the limit" : "request body could not be read");
  }
  // Slack's SSL check is unsigned by design; Bolt answers it and drops everything else in the body.
  if (req.headers["content-type"] === "application/x-www-form-urlencoded" && new URLSearchParams(raw).get("ssl_check") === "1") return { pass: true };

  const stamp = singleHeader(req, "x-slack-request-timestamp");
  const signature = singleHeader(req, "x-slack-signature");
  if (stamp === undefined || signature === undefined || !/^\d{1,12}$/.test(stamp)) {
    return refuse(401, "signature", "request without a usable signature or timestamp");
  }
  const skew = Number(stamp) - Math.floor((options.now?.() ?? Date.now()) / 1000);
  if (Math.abs(skew) > MAX_CLOCK_SKEW_S) {
    return refuse(401, "timestamp", "signed timestamp outside the 5-minute window; refused as a possible replay", { skewSeconds: skew });
  }
  try {
    verifySlackRequest({
      signingSecret: options.signingSecret,
      body: raw,
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": Number(stamp) },
      ...(options.now && { nowMilliseconds: options.now() }),
    });
  } catch {
    return refuse(401, "signature", "request signature did not verify");
  }

  let body: unknown;
  try {
    // Bolt's own parser, so the guard judges exactly what Bolt will dispatch.
    body = HTTPModuleFunctions.parseHTTPRequestBody(req as Parameters<typeof HTTPModuleFunctions.parseHTTPRequestBody>[0]);
  } catch {
    return refuse(400, "malformed", "signed request whose body does not parse");
  }
  const verdict = checkPayload(body, options.rules);
  switch (verdict.action) {
    case "dispatch":
      return { pass: true };
    case "reject":
      return refuse(400, "malformed", "signed request is not a well-formed Slack payload", { reason: verdict.reason });
    case "ack":
      if (verdict.malformed) {
        options.metrics.requestRejected("slack", "malformed");
        log().warn({ reason: verdict.reason }, "malformed event acknowledged and dropped (Slack would retry anything but 200)");
      } else {
        log().debug({ reason: verdict.reason }, "payload acknowledged without a listener");
      }
      return { pass: false, status: 200 };
  }
}

function singleHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

function pathOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? "/", "http://localhost").pathname;
  } catch {
    return undefined;
  }
}
