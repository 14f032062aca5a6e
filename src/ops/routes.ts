/**
 * `/healthz` and `/metrics` as plain `node:http` handlers in Bolt's `CustomRoute` shape, so the same
 * objects are served by the Slack HTTP receiver (`customRoutes`) or by `startOpsServer`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { IndexSource, Metrics } from "./metrics.ts";
import type { RoleSource } from "../replicas/election.ts";

export interface OpsRoute {
  path: string;
  method: string[];
  handler(req: IncomingMessage, res: ServerResponse): void;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/**
 * 503 `{"status":"loading"}` until the index is loaded, then 200 with its size; with a gateway election,
 * `role` says whether this replica holds the gateway (`holder`), waits its turn (`standby`) or runs alone (`single`).
 */
function healthRoute(index: IndexSource, roles?: RoleSource): OpsRoute {
  return {
    path: "/healthz",
    method: ["GET", "HEAD"],
    handler(_req, res) {
      const role = roles && { role: roles.role() };
      if (!index.isReady()) return sendJson(res, 503, { status: "loading", ...role });
      sendJson(res, 200, { status: "ok", ...index.counts(), ...role });
    },
  };
}

/** Prometheus text exposition of the bot's registry. */
export function metricsRoute(metrics: Metrics): OpsRoute {
  return {
    path: "/metrics",
    method: ["GET", "HEAD"],
    handler(_req, res) {
      metrics.registry.metrics().then(
        (text) => {
          res.writeHead(200, { "content-type": metrics.registry.contentType, "cache-control": "no-store" });
          res.end(text);
        },
        (error: unknown) => {
          res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
          res.end(`metrics unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
        },
      );
    },
  };
}

export function opsRoutes(index: IndexSource, metrics: Metrics, roles?: RoleSource): OpsRoute[] {
  return [healthRoute(index, roles), metricsRoute(metrics)];
}
