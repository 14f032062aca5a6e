/**
 * A local stand-in for Slack, over real sockets:
 * - the Web API (`/api/<method>`): checks the bearer token, records every call with its parsed body, answers
 *   like Slack (auth.test, chat.*, users.info, apps.connections.open, conversations.history with message
 *   metadata, …), and can be told to answer 429 with Retry-After or `ok: false` errors;
 * - `response_url` endpoints (`/response/<id>`), recorded the same way, which can be told to fail a few times
 *   (HTTP 500, 429 with Retry-After, a dropped connection) before they accept; `flakyResponseUrl` serves them
 *   from a second port that can be closed and reopened, so a connection is truly refused meanwhile;
 * - a Socket Mode WebSocket (`/socket`): says hello, sends envelopes, records acks by envelope id.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { WebSocketServer, type WebSocket } from "ws";

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

/** One failed post to a response_url: an HTTP status (with Retry-After in seconds), or a dropped connection. */
export type ResponseFailure = { status: number; retryAfter?: number } | { drop: true };

export interface ResponseAttempt {
  id: string;
  /** The status answered, or `"dropped"`. */
  outcome: number | "dropped";
}

export interface FakeUser {
  id: string;
  name: string;
  displayName?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  locale?: string;
}

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface FakeSlackOptions {
  botToken: string;
  appToken?: string;
  botUserId?: string;
  botId?: string;
  teamId?: string;
  users?: FakeUser[];
}

type Waiter = { check: () => boolean };

/** Keys whose form-encoded values are JSON (the WebClient serialises objects that way). */
const JSON_FIELDS = new Set(["blocks", "attachments", "metadata"]);

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly acks: SocketAck[] = [];
  /** Every post to a response_url, failed or not, in order. */
  readonly responseAttempts: ResponseAttempt[] = [];
  readonly users = new Map<string, FakeUser>();
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;

  #server: Server;
  #wss = new WebSocketServer({ noServer: true });
  #sockets = new Set<WebSocket>();
  #waiters = new Set<Waiter>();
  #failures: { method: string; status: number; error?: string; retryAfter?: number; times: number }[] = [];
  /** Messages posted per channel (chat.postMessage), for conversations.history. */
  #history = new Map<string, { ts: string; text: unknown; metadata?: unknown }[]>();
  #ts = 0;
  #port = 0;
  #responseFailures = new Map<string, ResponseFailure[]>();
  #flaky: Server;
  #flakyPort = 0;

  private constructor(private readonly options: FakeSlackOptions) {
    this.botUserId = options.botUserId ?? "UBOT0001";
    this.botId = options.botId ?? "BBOT0001";
    this.teamId = options.teamId ?? "T0000001";
    for (const user of options.users ?? []) this.users.set(user.id, user);
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      this.#handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    };
    this.#server = createServer(handler);
    this.#flaky = createServer(handler);
    this.#server.on("upgrade", (req, socket, head) => {
      if (new URL(req.url ?? "/", "http://x").pathname !== "/socket") {
        socket.destroy();
        return;
      }
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onSocket(ws));
    });
  }

  static async start(options: FakeSlackOptions): Promise<FakeSlack> {
    const fake = new FakeSlack(options);
    await new Promise<void>((resolve) => fake.#server.listen(0, "127.0.0.1", resolve));
    fake.#port = (fake.#server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => fake.#flaky.listen(0, "127.0.0.1", resolve));
    fake.#flakyPort = (fake.#flaky.address() as AddressInfo).port;
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api/`;
  }

  get socketUrl(): string {
    return `ws://127.0.0.1:${this.#port}/socket`;
  }

  /** A fresh response_url; posts to it are recorded under `id`. */
  responseUrl(id: string = randomUUID()): string {
    return `http://127.0.0.1:${this.#port}/response/${id}`;
  }

  /** A response_url on the second port, which `closeResponses` can take down (connections refused). */
  flakyResponseUrl(id: string = randomUUID()): string {
    return `http://127.0.0.1:${this.#flakyPort}/response/${id}`;
  }

  /** The next posts to response_url `id` fail as listed, in order; then they are accepted. */
  failResponseUrl(id: string, failures: ResponseFailure[]): void {
    this.#responseFailures.set(id, [...failures]);
  }

  /** Stops listening on the flaky port: posts to `flakyResponseUrl`s are refused until `reopenResponses`. */
  closeResponses(): Promise<void> {
    return new Promise((resolve) => {
      this.#flaky.close(() => resolve());
      this.#flaky.closeAllConnections();
    });
  }

  reopenResponses(): Promise<void> {
    return new Promise((resolve) => this.#flaky.listen(this.#flakyPort, "127.0.0.1", resolve));
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The next `times` calls to `method` fail: HTTP 429 with Retry-After, or 200 `{ok:false, error}`. */
  failNext(method: string, failure: { status?: number; error?: string; retryAfter?: number }, times = 1): void {
    this.#failures.push({ method, status: failure.status ?? 200, times, ...failure });
  }

  /** Resolves with the first recorded item that satisfies `find`, waiting for new ones until `timeoutMs`. */
  waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const found = find();
          if (found === undefined) return false;
          this.#waiters.delete(waiter);
          clearTimeout(timer);
          resolve(found);
          return true;
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      if (!waiter.check()) this.#waiters.add(waiter);
    });
  }

  waitForCall(method: string, match: (call: ApiCall) => boolean = () => true): Promise<ApiCall> {
    return this.waitFor(() => this.calls.find((c) => c.method === method && match(c)), `a ${method} call`);
  }

  waitForResponse(id: string): Promise<ResponseUrlPost> {
    return this.waitFor(() => this.responses.find((r) => r.id === id), `a post to response_url ${id}`);
  }

  // --- Socket Mode ---------------------------------------------------------------------------

  /** Resolves once a Socket Mode client is connected (and has been sent `hello`). */
  waitForSocket(): Promise<WebSocket> {
    return this.waitFor(() => [...this.#sockets][0], "a Socket Mode connection");
  }

  /** Sends an envelope to every connected client; returns its envelope id. */
  sendEnvelope(type: string, payload: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
    const envelopeId = randomUUID();
    const message = JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== "events_api", ...extra });
    for (const socket of this.#sockets) socket.send(message);
    return envelopeId;
  }

  /** Sends a frame exactly as given (malformed envelopes, non-JSON) to every connected client. */
  sendRaw(frame: string): void {
    for (const socket of this.#sockets) socket.send(frame);
  }

  waitForAck(envelopeId: string): Promise<SocketAck> {
    return this.waitFor(() => this.acks.find((a) => a.envelope_id === envelopeId), `an ack for envelope ${envelopeId}`);
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    this.#wss.close();
    this.#server.closeAllConnections();
    this.#flaky.closeAllConnections();
    await Promise.all([
      new Promise<void>((resolve) => this.#server.close(() => resolve())),
      new Promise<void>((resolve) => (this.#flaky.listening ? this.#flaky.close(() => resolve()) : resolve())),
    ]);
  }

  // --- internals -------------------------------------------------------------------------------

  #record(): void {
    for (const waiter of [...this.#waiters]) waiter.check();
  }

  #onSocket(ws: WebSocket): void {
    this.#sockets.add(ws);
    ws.on("message", (data) => {
      const parsed = JSON.parse(String(data)) as SocketAck;
      this.acks.push(parsed);
      this.#record();
    });
    ws.on("close", () => this.#sockets.delete(ws));
    ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0000001" }, debug_info: { host: "fake" } }));
    this.#record();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const body = parseBody(req.headers["content-type"], await readBody(req));
    if (path.startsWith("/response/")) {
      const id = decodeURIComponent(path.slice("/response/".length));
      const failure = this.#responseFailures.get(id)?.shift();
      if (failure) {
        this.responseAttempts.push({ id, outcome: "drop" in failure ? "dropped" : failure.status });
        this.#record();
        if ("drop" in failure) {
          req.socket.destroy();
          return;
        }
        const headers: Record<string, string> = { "content-type": "text/plain" };
        if (failure.retryAfter !== undefined) headers["retry-after"] = String(failure.retryAfter);
        res.writeHead(failure.status, headers).end(failure.status === 429 ? "rate_limited" : "internal_error");
        return;
      }
      this.responseAttempts.push({ id, outcome: 200 });
      this.responses.push({ id, body });
      this.#record();
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    if (!path.startsWith("/api/")) {
      res.writeHead(404).end();
      return;
    }
    const method = path.slice("/api/".length);
    this.calls.push({ method, body, headers: req.headers });
    this.#record();

    const failure = this.#failures.find((f) => f.method === method && f.times > 0);
    if (failure) {
      failure.times -= 1;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (failure.retryAfter !== undefined) headers["retry-after"] = String(failure.retryAfter);
      res.writeHead(failure.status, headers).end(JSON.stringify({ ok: false, error: failure.error ?? "ratelimited" }));
      return;
    }
    const result = this.#answer(method, body, req.headers.authorization);
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(result));
  }

  #answer(method: string, body: Record<string, unknown>, authorization: string | undefined): Record<string, unknown> {
    const expected = method === "apps.connections.open" ? this.options.appToken : this.options.botToken;
    if (!expected || authorization !== `Bearer ${expected}`) return { ok: false, error: "invalid_auth" };
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://fake.slack.com/", team: "Fake Team", user: "lessonbot", team_id: this.teamId, user_id: this.botUserId, bot_id: this.botId };
      case "apps.connections.open":
        return { ok: true, url: this.socketUrl };
      case "chat.postMessage": {
        const ts = this.#nextTs();
        const posted = this.#history.get(String(body.channel)) ?? [];
        posted.push({ ts, text: body.text, ...(body.metadata !== undefined && { metadata: body.metadata }) });
        this.#history.set(String(body.channel), posted);
        return { ok: true, channel: body.channel, ts, message: { type: "message", text: body.text, user: this.botUserId, ts } };
      }
      case "conversations.history": {
        // Newest first, after `oldest`; metadata only when asked for, as Slack does.
        const oldest = Number(body.oldest ?? 0);
        const withMetadata = String(body.include_all_metadata) === "true";
        const messages = (this.#history.get(String(body.channel)) ?? [])
          .filter((m) => Number(m.ts) > oldest)
          .reverse()
          .map((m) => ({ type: "message", user: this.botUserId, ts: m.ts, text: m.text, ...(withMetadata && m.metadata !== undefined && { metadata: m.metadata }) }));
        return { ok: true, messages, has_more: false };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.#nextTs() };
      case "chat.update":
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case "users.info": {
        const user = this.users.get(String(body.user));
        if (!user) return { ok: false, error: "user_not_found" };
        return {
          ok: true,
          user: {
            id: user.id,
            name: user.name,
            real_name: user.name,
            is_admin: user.isAdmin ?? false,
            is_owner: user.isOwner ?? false,
            is_bot: false,
            ...(user.locale !== undefined && { locale: user.locale }),
            profile: { display_name: user.displayName ?? "", real_name: user.name },
          },
        };
      }
      default:
        return { ok: true };
    }
  }

  /** Unique, and in real time like Slack's, so `oldest`/`latest` filters on it make sense. */
  #nextTs(): string {
    this.#ts += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.#ts % 1_000_000).padStart(6, "0")}`;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseBody(contentType: string | undefined, raw: string): Record<string, unknown> {
  if (raw === "") return {};
  if (contentType?.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return out;
}
