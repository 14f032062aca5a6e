/**
 * A small `node:http` server for the ops routes, used when no Slack HTTP receiver serves them
 * (Socket Mode, Discord only).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { OpsRoute } from "./routes.ts";

export interface OpsServer {
  /** The bound port (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

export function startOpsServer(routes: readonly OpsRoute[], port: number, host?: string): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const route = routes.find((r) => r.path === path);
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("not found\n");
      return;
    }
    if (!route.method.includes(req.method ?? "GET")) {
      res.writeHead(405, { allow: route.method.join(", "), "content-type": "text/plain; charset=utf-8" });
      res.end("method not allowed\n");
      return;
    }
    route.handler(req, res);
  });
  // Scrapers and load balancers keep connections alive; don't let them hold shutdown up.
  server.keepAliveTimeout = 5_000;

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
