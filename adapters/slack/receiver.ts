/**
 * The transport: Socket Mode when an app-level token is configured (no public URL needed), otherwise
 * Bolt's HTTP receiver on `/slack/events`. Either way every incoming payload passes a guard first
 * (guard/http.ts, guard/socket.ts): bad signatures, timestamps outside the 5-minute window and malformed
 * payloads never reach Bolt.
 */
import { HTTPReceiver, SocketModeReceiver, type CustomRoute, type Logger as BoltLogger, type webApi } from "@slack/bolt";
import type { Logger } from "../../src/log/logger.ts";
import type { AdapterMetrics } from "../../src/ops/metrics.ts";
import { guardHttpReceiver } from "./guard/http.ts";
import { guardSocketMode } from "./guard/socket.ts";
import type { PayloadRules } from "./guard/payload.ts";
import { describeError } from "./logger.ts";

export const EVENTS_PATH = "/slack/events";

export interface ReceiverOptions {
  signingSecret?: string;
  appToken?: string;
  /** HTTP port: the events endpoint, or (Socket Mode) only the custom routes. */
  port: number;
  customRoutes: CustomRoute[];
  logger: BoltLogger;
  /** Web API options (the Socket Mode client calls `apps.connections.open` with them). */
  clientOptions: webApi.WebClientOptions;
  /** What the guards accept, where they log and count. */
  guard: { rules: PayloadRules; log: Logger; metrics: AdapterMetrics };
}

export type SlackReceiver = { kind: "http"; receiver: HTTPReceiver } | { kind: "socket"; receiver: SocketModeReceiver };

export function createReceiver(options: ReceiverOptions): SlackReceiver {
  const { guard } = options;
  if (options.appToken) {
    const receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger: options.logger,
      customRoutes: options.customRoutes,
      installerOptions: { port: options.port, clientOptions: options.clientOptions },
      // Whatever still fails in dispatch is logged and acked: an unacked envelope is redelivered.
      processEventErrorHandler: async ({ error }) => {
        guard.log.error({ err: describeError(error) }, "slack event could not be dispatched");
        return true;
      },
    });
    guardSocketMode(receiver, guard);
    return { kind: "socket", receiver };
  }
  if (!options.signingSecret) {
    throw new Error("SLACK_SIGNING_SECRET is required for the HTTP receiver (or set SLACK_APP_TOKEN for Socket Mode)");
  }
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: [EVENTS_PATH],
    port: options.port,
    customRoutes: options.customRoutes,
    logger: options.logger,
    // Ack first, work after: slash commands and buttons must be acked within 3 s, and events are
    // retried if they aren't — so listeners never hold up the HTTP response.
    processBeforeResponse: false,
    // A payload the guard let through but Bolt still choked on before any ack is a payload we can't
    // handle: 400, not Bolt's 500 (which Slack would retry).
    processEventErrorHandler: async ({ error, response }) => {
      guard.log.error({ err: describeError(error) }, "slack request could not be dispatched");
      if (response.headersSent) return false;
      guard.metrics.requestRejected("slack", "malformed");
      response.writeHead(400).end();
      return false;
    },
    // Bolt's watchdog for requests no listener acked in 3 s; one already answered above needs no alarm.
    unhandledRequestHandler: ({ response }) => {
      if (response.headersSent) return;
      guard.log.error("slack request not acknowledged within 3 seconds");
      response.writeHead(404).end();
    },
  });
  guardHttpReceiver(receiver, { path: EVENTS_PATH, signingSecret: options.signingSecret, ...guard });
  return { kind: "http", receiver };
}
