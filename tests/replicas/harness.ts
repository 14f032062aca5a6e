/**
 * Several bot processes (`src/main.ts` through tsx, as `npm start` runs it) on one PostgreSQL schema,
 * against one fake Slack: what the replica tests share. Each replica gets its own Slack API URL, so a
 * proxy in front of the fake can tell which replica sent what, and hold a request to make "mid-send"
 * deterministic.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { startBot, type BotProcess } from "../console/bot-process.ts";

export const BOT_TOKEN = "xoxb-1111-2222-replicazqxleakBOTtail";
export const SIGNING_SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0zqxleakrep";

export interface Replica {
  name: string;
  bot: BotProcess;
  /** `http://127.0.0.1:<port>` of its Slack receiver. */
  base: string;
}

/** JSON log lines printed so far. */
export function logLines(text: string): Array<Record<string, unknown>> {
  return text
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return {};
      }
    });
}

/**
 * Starts a replica and waits until it listens (HTTP mode) or is connected (Socket Mode, when `env` has
 * SLACK_APP_TOKEN) and its index is loaded.
 */
export async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  const bot = startBot([], { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: "0", LOG_LEVEL: "info", ...env });
  const msg = env.SLACK_APP_TOKEN ? "slack adapter connected" : "slack adapter listening";
  const up = await bot.waitFor(new RegExp(`"msg":"${msg}".*\n`));
  const port = Number(logLines(up).find((l) => l.msg === msg)?.port);
  await bot.waitFor(/"msg":"index ready"/);
  return { name, bot, base: `http://127.0.0.1:${port}` };
}

/** Waits until `condition` holds, polling; fails with `what` after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export type Hold = "accept-then-hold" | "hold";

/**
 * A proxy in front of the fake Slack Web API, one per replica. chat.postMessage to a channel with a
 * hold rule is either forwarded (Slack has the message) and its response withheld, or withheld without
 * forwarding (Slack never sees it), until the replica goes away. Everything else passes through.
 */
export class HoldingProxy {
  readonly held: { channel: string; hold: Hold }[] = [];
  #server: Server;
  #port = 0;

  /** `rules` is shared by all proxies and each rule is used once: the first send to the channel hangs, a retry doesn't. */
  private constructor(
    private readonly target: URL,
    private readonly rules: Map<string, Hold>,
  ) {
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch(() => res.destroy());
    });
  }

  static async start(targetApiUrl: string, rules: Map<string, Hold>): Promise<HoldingProxy> {
    const proxy = new HoldingProxy(new URL(targetApiUrl), rules);
    await new Promise<void>((resolve) => proxy.#server.listen(0, "127.0.0.1", resolve));
    proxy.#port = (proxy.#server.address() as AddressInfo).port;
    return proxy;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api/`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = new URL(req.url ?? "/", "http://x").pathname.replace(/^\/api\//, "");
    const channel = method === "chat.postMessage" ? new URLSearchParams(body.toString("utf8")).get("channel") : null;
    const hold = channel !== null ? this.rules.get(channel) : undefined;
    if (hold !== undefined) this.rules.delete(channel!);
    if (hold === "hold") {
      this.held.push({ channel: channel!, hold });
      return; // never forwarded, never answered: the sender waits until it dies
    }
    const upstream = await this.#forward(req, method, body);
    if (hold === "accept-then-hold") {
      this.held.push({ channel: channel!, hold });
      return; // Slack has it; the sender never hears so
    }
    res.writeHead(upstream.status, upstream.headers).end(upstream.body);
  }

  #forward(req: IncomingMessage, method: string, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const url = new URL(method, this.target);
      const headers = { ...req.headers, host: url.host, "content-length": String(body.length) };
      const out = request(url, { method: req.method, headers }, (response) => {
        const parts: Buffer[] = [];
        response.on("data", (part: Buffer) => parts.push(part));
        response.on("end", () => {
          const pass: Record<string, string> = {};
          const type = response.headers["content-type"];
          if (type) pass["content-type"] = type;
          const retryAfter = response.headers["retry-after"];
          if (typeof retryAfter === "string") pass["retry-after"] = retryAfter;
          resolve({ status: response.statusCode ?? 502, headers: pass, body: Buffer.concat(parts) });
        });
      });
      out.on("error", reject);
      out.end(body);
    });
  }
}
