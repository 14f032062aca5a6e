/**
 * The Socket Mode counterpart of guard/http.ts. The Socket Mode client parses each WebSocket frame and
 * dereferences it without checks (`null`, an `events_api` envelope without `payload.event`, an envelope
 * type named `error` would all throw inside its async handler, killing the process), so every frame is
 * checked here first and only well-formed envelopes reach it. Anything else is acknowledged by envelope id
 * (so Slack doesn't redeliver it), logged and counted.
 */
import type { SocketModeReceiver } from "@slack/bolt";
import { newRequestId, type Logger } from "../../../src/log/logger.ts";
import type { AdapterMetrics } from "../../../src/ops/metrics.ts";
import { requestScope } from "../../../src/ops/last-resort.ts";
import { checkPayload, type PayloadRules } from "./payload.ts";
import { describeError } from "../logger.ts";

export interface SocketGuardOptions {
  rules: PayloadRules;
  log: Logger;
  metrics: AdapterMetrics;
}

/** Envelope types the client understands; it emits the type as an event name, so nothing else may pass. */
const CONTROL = new Set(["hello", "disconnect"]);
const ENVELOPES = new Set(["events_api", "slash_commands", "interactive"]);

type Listener = (data: unknown, isBinary: boolean) => unknown;
type Verdict = { pass: true } | { pass: false; envelopeId?: string; reason: string; malformed: boolean };

/** Wraps the receiver's Socket Mode client. Call before `start()`. */
export function guardSocketMode(receiver: SocketModeReceiver, options: SocketGuardOptions): void {
  const client = receiver.client;
  // The client handles frames in its own `ws_message` listener; put the check in front of it.
  const handlers = client.listeners("ws_message") as Listener[];
  client.removeAllListeners("ws_message");
  client.on("ws_message", (data: unknown, isBinary: boolean) => {
    const reqId = newRequestId();
    requestScope.run({ reqId, platform: "slack" }, () => {
      const log = options.log.child({ reqId, component: "socket-guard" });
      const verdict = isBinary || typeof data !== "string" ? ({ pass: true } as const) : screen(data, options.rules);
      if (verdict.pass) {
        for (const handler of handlers) {
          Promise.resolve()
            .then(() => handler.call(client, data, isBinary))
            .catch((error: unknown) => log.error({ err: describeError(error) }, "socket mode frame handling failed"));
        }
        return;
      }
      if (verdict.malformed) {
        options.metrics.requestRejected("slack", "malformed");
        log.warn({ reason: verdict.reason, envelopeId: verdict.envelopeId }, "malformed socket mode envelope acknowledged and dropped");
      } else {
        log.debug({ reason: verdict.reason, envelopeId: verdict.envelopeId }, "socket mode envelope acknowledged without a listener");
      }
      if (verdict.envelopeId !== undefined) {
        ackEnvelope(receiver, verdict.envelopeId).catch((error: unknown) =>
          log.warn({ err: describeError(error) }, "could not acknowledge a dropped envelope"),
        );
      }
    });
  });
}

function screen(frame: string, rules: PayloadRules): Verdict {
  let envelope: unknown;
  try {
    envelope = JSON.parse(frame);
  } catch {
    // The client ignores unparseable frames itself (with a debug line).
    return { pass: true };
  }
  if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope)) {
    return { pass: false, reason: "frame is not a JSON object", malformed: true };
  }
  const { type, envelope_id: envelopeId, payload } = envelope as Record<string, unknown>;
  if (typeof type === "string" && CONTROL.has(type)) return { pass: true };
  if (typeof envelopeId !== "string" || envelopeId === "") return { pass: false, reason: "envelope without an id", malformed: true };
  if (typeof type !== "string" || !ENVELOPES.has(type)) {
    return { pass: false, envelopeId, reason: `envelope type ${JSON.stringify(String(type).slice(0, 40))} is not handled`, malformed: typeof type !== "string" };
  }
  const verdict = checkPayload(payload, rules);
  if (verdict.action === "dispatch") return { pass: true };
  return { pass: false, envelopeId, reason: verdict.reason, malformed: verdict.action === "reject" || verdict.malformed };
}

/** Acknowledges an envelope with an empty payload, as the client's own `ack()` does. */
function ackEnvelope(receiver: SocketModeReceiver, envelopeId: string): Promise<void> {
  // `send` is the client's (private) way to write `{ envelope_id }` on the socket; there is no public one.
  const client = receiver.client as unknown as { send(id: string, body?: Record<string, unknown>): Promise<void> };
  return client.send(envelopeId, {});
}
