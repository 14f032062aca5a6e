/**
 * The transport: Socket Mode when an app-level token is configured (no public URL needed), otherwise
 * Bolt's HTTP receiver on `/slack/events` (signed requests; Bolt rejects bad or stale signatures with 401).
 */
import { HTTPReceiver, SocketModeReceiver, type CustomRoute, type Logger as BoltLogger, type webApi } from "@slack/bolt";

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
}

export type SlackReceiver = { kind: "http"; receiver: HTTPReceiver } | { kind: "socket"; receiver: SocketModeReceiver };

export function createReceiver(options: ReceiverOptions): SlackReceiver {
  if (options.appToken) {
    return {
      kind: "socket",
      receiver: new SocketModeReceiver({
        appToken: options.appToken,
        logger: options.logger,
        customRoutes: options.customRoutes,
        installerOptions: { port: options.port, clientOptions: options.clientOptions },
      }),
    };
  }
  if (!options.signingSecret) {
    throw new Error("SLACK_SIGNING_SECRET is required for the HTTP receiver (or set SLACK_APP_TOKEN for Socket Mode)");
  }
  return {
    kind: "http",
    receiver: new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: [EVENTS_PATH],
      port: options.port,
      customRoutes: options.customRoutes,
      logger: options.logger,
      // Ack first, work after: slash commands and buttons must be acked within 3 s, and events are
      // retried if they aren't — so listeners never hold up the HTTP response.
      processBeforeResponse: false,
    }),
  };
}
