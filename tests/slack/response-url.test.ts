/**
 * The response_url client (adapters/slack/response-url.ts) against a real HTTP server on loopback: what
 * it sends, that posts share one kept-alive connection, and how each failure comes out — the status for
 * an HTTP answer, Retry-After for a 429, and an unreachable error (transient, with its network cause) for
 * a refused connection, a dropped one and a server that never answers.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { responder, ResponseUrlError, ResponseUrlUnreachable } from "../../adapters/slack/response-url.ts";
import { isTransient } from "../../adapters/slack/transient.ts";
import { RateLimitedError } from "../../src/reply/publisher.ts";
import { networkCause } from "../../src/net/cause.ts";
import { deadPort } from "../support/wait.ts";

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

let server: Server;
let base: string;
let connections = 0;
const received: Received[] = [];
/** Sockets of requests left unanswered (the "never answers" case), closed at the end. */
const hanging: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (path === "/ok") return void res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      if (path === "/gone") return void res.writeHead(404, { "content-type": "text/plain" }).end("expired_url");
      if (path === "/busy") return void res.writeHead(503).end();
      if (path === "/slow-down") return void res.writeHead(429, { "retry-after": "7" }).end("rate_limited");
      if (path === "/drop") return void req.socket.destroy();
      hanging.push(res);
    });
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The error a post to `url` fails with. */
async function failure(url: string, timeoutMs?: number): Promise<unknown> {
  return responder(url, timeoutMs)({ text: "hi" }).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("response_url posts", () => {
  test("the message goes as a JSON body, and posts one after another share one kept-alive connection", async () => {
    const before = connections;
    const message = { text: "答案 ✓", response_type: "ephemeral", replace_original: false, blocks: [{ type: "section", text: { type: "mrkdwn", text: "*quote*" } }] };
    for (let i = 0; i < 3; i++) await responder(`${base}/ok`)(message);
    const posts = received.filter((r) => r.path === "/ok").slice(-3);
    expect(posts).toHaveLength(3);
    for (const post of posts) {
      expect(post.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(JSON.parse(post.body)).toEqual(message);
    }
    expect(connections - before).toBe(1);
  });

  test("an HTTP error answer is a ResponseUrlError with its status: 5xx is worth a retry, 4xx is not", async () => {
    const gone = await failure(`${base}/gone`);
    expect(gone).toBeInstanceOf(ResponseUrlError);
    expect((gone as ResponseUrlError).status).toBe(404);
    expect(isTransient(gone)).toBe(false);
    const busy = await failure(`${base}/busy`);
    expect((busy as ResponseUrlError).status).toBe(503);
    expect(isTransient(busy)).toBe(true);
  });

  test("a 429 is a rate limit with Slack's Retry-After", async () => {
    const limited = await failure(`${base}/slow-down`);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(7_000);
    expect(isTransient(limited)).toBe(true);
  });

  test("refused, dropped and unanswered posts are unreachable: transient, with the network cause", async () => {
    const refused = await failure(`http://127.0.0.1:${await deadPort()}/response/x`);
    expect(refused).toBeInstanceOf(ResponseUrlUnreachable);
    expect(isTransient(refused)).toBe(true);
    expect(networkCause(refused)).toBe("ECONNREFUSED");

    const dropped = await failure(`${base}/drop`);
    expect(dropped).toBeInstanceOf(ResponseUrlUnreachable);
    expect(isTransient(dropped)).toBe(true);
    expect(networkCause(dropped)).toBe("ECONNRESET");

    const silent = await failure(`${base}/never`, 200);
    expect(silent).toBeInstanceOf(ResponseUrlUnreachable);
    expect(isTransient(silent)).toBe(true);
    expect(networkCause(silent)).toBe("timed out");
  });
});
