/**
 * An open-loop load generator: `count` HTTP requests, one every `1000 / rate` ms, each sent on schedule
 * whether or not earlier ones were answered (a keep-alive pool opens sockets as needed).
 *
 * Why not autocannon's `overallRate`: it is a per-second budget that each connection spends back to back
 * as soon as the second starts, then idles (mcollina/autocannon#174) — 200 requests in a burst, not one
 * every 5 ms. That burst figure is reported too (slack-e2e.ts), but "at 200 requests/s" means this.
 *
 * Requests never wait for earlier answers, so a slow server cannot slow the generator down (no
 * coordinated omission); latency runs from the moment a request is written to its whole response, and
 * `lagMs` says how far behind schedule the generator itself ever was (then it, not the server, is busy).
 */
import { Agent, request } from "node:http";

export interface PacedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface PacedOptions {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  count: number;
  /** Requests per second. */
  rate: number;
  /** The i-th request (built just before it is due). */
  make: (i: number) => PacedRequest;
  /** A response slower than this counts as an error (default 10 s). */
  timeoutMs?: number;
}

export interface PacedResult {
  /** Written → whole response received, ms, for each 2xx response. */
  latencies: number[];
  /** Non-2xx responses, socket errors and timeouts. */
  errors: number;
  /** First request due → last response, ms. */
  elapsedMs: number;
  /** The most any request left after it was due (the generator's own lag), ms. */
  lagMs: number;
}

export async function pacedLoad(options: PacedOptions): Promise<PacedResult> {
  const { origin, count, rate, make, timeoutMs = 10_000 } = options;
  const interval = 1000 / rate;
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  let errors = 0;
  let lagMs = 0;
  let pending = 0;
  let last = 0;

  const start = performance.now() + 20;
  try {
    await new Promise<void>((resolve) => {
      let next = 0;
      const settle = (ok: boolean, sentAt: number) => {
        const now = performance.now();
        if (ok) latencies.push(now - sentAt);
        else errors++;
        last = Math.max(last, now);
        if (--pending === 0 && next === count) resolve();
      };
      const send = (i: number) => {
        const due = start + i * interval;
        const { path, headers, body } = make(i);
        const sentAt = performance.now();
        lagMs = Math.max(lagMs, sentAt - due);
        pending++;
        let settled = false;
        const once = (ok: boolean) => {
          if (settled) return;
          settled = true;
          settle(ok, sentAt);
        };
        const req = request(`${origin}${path}`, { method: "POST", agent, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (res) => {
          res.resume();
          res.on("end", () => once(res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300));
          res.on("error", () => once(false));
        });
        req.setTimeout(timeoutMs, () => req.destroy(new Error("timeout")));
        req.on("error", () => once(false));
        req.end(body);
      };
      const tick = () => {
        const now = performance.now();
        while (next < count && start + next * interval <= now) send(next++);
        if (next < count) setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
        else if (pending === 0) resolve();
      };
      setTimeout(tick, 20);
    });
  } finally {
    agent.destroy();
  }
  return { latencies, errors, elapsedMs: Math.max(0, last - start), lagMs };
}
