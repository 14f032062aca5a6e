/**
 * `/healthz` and `/metrics` as plain `node:http` handlers in Bolt's `CustomRoute` shape, so the same
 * objects are served by the Slack HTTP receiver (`customRoutes`) or by `startOpsServer`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { IndexSource, Metrics } from "./metrics.ts";

export interface OpsRoute {
  path: string;
  method: string[];
  handler(req: IncomingMessage, res: ServerResponse): void;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** 503 `{"status":"loading"}` until the index is loaded, then 200 with its size. */
export function healthRoute(index: IndexSource): OpsRoute {
  return {
    path: "/healthz",
    method: ["GET", "HEAD"],
    handler(_req, res) {
      if (!index.isReady()) return sendJson(res, 503, { status: "loading" });
      sendJson(res, 200, { status: "ok", ...index.counts() });
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

export function opsRoutes(index: IndexSource, metrics: Metrics): OpsRoute[] {
  return [healthRoute(index), metricsRoute(metrics)];
}
