/**
 * A local stand-in for Discord, over real sockets, for a real discord.js Client:
 * - REST under `/api/v10` (`rest.api` points at `apiUrl`): `GET /gateway/bot` names the local gateway;
 *   interaction callbacks, webhook follow-ups/edits/deletes, channel messages, `/users/@me`,
 *   `/applications/@me` and command registration. Every request is recorded with its JSON body. Bot
 *   routes check the `Bot <token>` header; a channel message can be told to answer 429.
 * - A gateway WebSocket (`/gateway`): HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeat ACKs, RESUME →
 *   replay + RESUMED, dispatches with sequence numbers, and a way to drop the connection mid-session.
 *   By default a new connection replaces the last; with `concurrentSessions`, as on Discord itself, every
 *   connection that identifies keeps its own session and gets every dispatch (two bots on one token both
 *   see each mention).
 * - Channel messages as Discord keeps them: `nonce` + `enforce_nonce` return the message already created
 *   with that nonce within `nonceWindowMs` instead of a second one (the nonce is echoed in the create
 *   response only, never in fetched messages); `GET /channels/{id}/messages` lists the channel's messages
 *   (`after`, `before`, `limit`, newest first). A send can be made to hang or be cut off (`holdSend`).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { WebSocketServer, type WebSocket } from "ws";
import { APP_ID, BOT_ID, GUILD_ID, botUser, guildCreate, type FakeUser } from "./world.ts";
import { botMessageObject, snowflake } from "./payloads.ts";

type Json = Record<string, unknown>;

export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`, without the query. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** The request carried the right `Bot <token>`. */
  authorized: boolean;
  headers: IncomingHttpHeaders;
  /** The client's port: tells which local process (e.g. which replica) sent it. */
  remotePort?: number;
}

export interface GatewayFrame {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

export interface FakeDiscordOptions {
  token: string;
  /** People in the server (for GUILD_CREATE). */
  members?: FakeUser[];
  /** HELLO's heartbeat interval; short in tests that watch heartbeats. */
  heartbeatIntervalMs?: number;
  /** Keep every connection's session (each gets every dispatch) instead of replacing the last. */
  concurrentSessions?: boolean;
  /** How long `enforce_nonce` finds an earlier message with the same nonce (Discord: "a few minutes"). */
  nonceWindowMs?: number;
}

/**
 * What happens to a held channel send: `hold` = never created, never answered; `accept-then-hold` =
 * created, never answered (the sender can't know); `accept-then-cut` = created, then the connection is
 * dropped without an answer (the sender sees a network error).
 */
export type SendHold = "hold" | "accept-then-hold" | "accept-then-cut";

interface Waiter {
  check(): boolean;
}

interface Session {
  id: string;
  seq: number;
  /** Everything dispatched in this session, for replay on RESUME. */
  sent: { s: number; t: string; d: unknown }[];
  /** The socket that identified or resumed it, while open: dispatches go out at once (else they wait for a resume). */
  socket: WebSocket | undefined;
}

/** One IDENTIFY: which gateway connection (1-based, in order of connecting) sent it, and when. */
export interface Identify {
  connection: number;
  at: number;
}

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Gateway frames received from the client. */
  readonly received: GatewayFrame[] = [];
  readonly gateway = { identifies: 0, resumes: 0, heartbeats: 0, connections: 0 };
  /** Every IDENTIFY, in order. */
  readonly identified: Identify[] = [];
  /** Messages the bot created (channel posts, follow-ups), by id. */
  readonly messages = new Map<string, Json>();
  apiUrl = "";
  gatewayUrl = "";
  /** Channel sends that were held (`holdSend`), in order. */
  readonly heldSends: { channelId: string; hold: SendHold; at: number; remotePort?: number }[] = [];

  readonly #options: Required<FakeDiscordOptions>;
  readonly #server: Server;
  readonly #wss: WebSocketServer;
  /** Open gateway sockets, with their connection number. */
  #sockets = new Map<WebSocket, number>();
  /** The latest connection: without concurrent sessions, the only one listened to. */
  #latest: WebSocket | undefined;
  /** Without concurrent sessions, at most one (the last identified). */
  #sessions: Session[] = [];
  #waiters = new Set<Waiter>();
  #rateLimits: { match: (r: RecordedRequest) => boolean; retryAfterSec: number }[] = [];
  /** Interaction token → channel id, so webhook messages say where they are. */
  #interactionChannels = new Map<string, string>();
  /** enforce_nonce: nonce → the message created with it, and when. */
  #nonces = new Map<string, { message: Json; at: number }>();
  #holds: { match: (r: RecordedRequest) => boolean; hold: SendHold }[] = [];

  private constructor(options: FakeDiscordOptions) {
    this.#options = {
      token: options.token,
      members: options.members ?? [],
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      concurrentSessions: options.concurrentSessions ?? false,
      nonceWindowMs: options.nonceWindowMs ?? 5 * 60_000,
    };
    this.#server = createServer((req, res) => void this.#http(req, res));
    this.#wss = new WebSocketServer({ server: this.#server, path: "/gateway" });
    this.#wss.on("connection", (socket) => this.#connect(socket));
  }

  static async start(options: FakeDiscordOptions): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.#server.listen(0, "127.0.0.1", resolve));
    const { port } = fake.#server.address() as AddressInfo;
    fake.apiUrl = `http://127.0.0.1:${port}/api`;
    fake.gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
    return fake;
  }

  // ── Test controls ────────────────────────────────────────────────────────────────────────────

  /** Sends a dispatch to every session (or queues it for replay while its client is disconnected). */
  dispatch(t: string, d: unknown): void {
    if (this.#sessions.length === 0) throw new Error("no gateway session yet");
    for (const session of this.#sessions) this.#dispatchTo(session, t, d);
  }

  /** Sessions whose client is connected now. */
  liveSessions(): number {
    return this.#sessions.filter((session) => session.socket !== undefined).length;
  }

  /** Sends an interaction; its token is remembered so follow-ups know their channel. */
  interact(payload: { token: string; channel_id: string }): void {
    this.#interactionChannels.set(payload.token, payload.channel_id);
    this.dispatch("INTERACTION_CREATE", payload);
  }

  /** Closes the gateway socket mid-session: a close code (4000 → the client resumes, 1000 → it re-identifies), or no close frame at all. */
  drop(code?: number): void {
    for (const session of this.#sessions) session.socket = undefined;
    for (const socket of this.#sockets.keys()) {
      if (code === undefined) socket.terminate();
      else socket.close(code, "test drop");
    }
  }

  /** Asks the clients for a heartbeat now (op 1), as Discord may. */
  requestHeartbeat(): void {
    for (const socket of this.#sockets.keys()) {
      const session = this.#sessions.find((s) => s.socket === socket) ?? this.#sessions.at(-1);
      this.#send(socket, { op: 1, d: session?.seq ?? null });
    }
  }

  /** The next `count` requests matching `match` answer 429 with this Retry-After. */
  rateLimit(match: (r: RecordedRequest) => boolean, retryAfterSec: number, count = 1): void {
    for (let i = 0; i < count; i++) this.#rateLimits.push({ match, retryAfterSec });
  }

  /** The next `count` channel sends (POST /channels/{id}/messages) matching `match` are held as `hold` says. */
  holdSend(match: (r: RecordedRequest) => boolean, hold: SendHold, count = 1): void {
    for (let i = 0; i < count; i++) this.#holds.push({ match, hold });
  }

  /** Messages in a channel (bot posts and interaction messages), oldest first. */
  channelMessages(channelId: string): Json[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId).sort((a, b) => compareIds(a.id as string, b.id as string));
  }

  /** Resolves when `check` holds (checked now and after every request or gateway frame). */
  async until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (check()) return;
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          if (!check()) return false;
          clearTimeout(timer);
          this.#waiters.delete(waiter);
          resolve();
          return true;
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** The first request (after index `from`) matching `match`, once it arrives. */
  async request(match: (r: RecordedRequest) => boolean, what: string, from = 0): Promise<RecordedRequest> {
    let found: RecordedRequest | undefined;
    await this.until(() => (found = this.requests.slice(from).find(match)) !== undefined, what);
    return found!;
  }

  /** Requests touching one interaction (callback and webhook calls), in order. */
  forInteraction(interaction: { id: string; token: string }): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(`/${interaction.id}/`) || r.path.includes(`/${interaction.token}`));
  }

  async close(): Promise<void> {
    for (const waiter of this.#waiters) waiter.check();
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // ── Gateway ─────────────────────────────────────────────────────────────────────────────────

  #connect(socket: WebSocket): void {
    if (!this.#options.concurrentSessions) {
      for (const session of this.#sessions) session.socket = undefined;
      for (const old of this.#sockets.keys()) old.terminate();
    }
    this.#latest = socket;
    this.#sockets.set(socket, ++this.gateway.connections);
    socket.on("message", (raw) => this.#frame(socket, JSON.parse(String(raw)) as GatewayFrame));
    socket.on("close", () => {
      this.#sockets.delete(socket);
      for (const session of this.#sessions) if (session.socket === socket) session.socket = undefined;
      this.#notify();
    });
    this.#send(socket, { op: 10, d: { heartbeat_interval: this.#options.heartbeatIntervalMs } });
  }

  #frame(socket: WebSocket, frame: GatewayFrame): void {
    if (!this.#options.concurrentSessions && socket !== this.#latest) return;
    this.received.push(frame);
    const d = (frame.d ?? {}) as Json;
    switch (frame.op) {
      case 1:
        this.gateway.heartbeats++;
        this.#send(socket, { op: 11 });
        break;
      case 2: {
        if (d.token !== this.#options.token) return void socket.close(4004, "Authentication failed.");
        this.gateway.identifies++;
        this.identified.push({ connection: this.#sockets.get(socket) ?? 0, at: Date.now() });
        for (const other of this.#sessions) if (other.socket === socket) other.socket = undefined;
        const session: Session = { id: randomUUID().replaceAll("-", ""), seq: 0, sent: [], socket };
        this.#sessions = this.#options.concurrentSessions ? [...this.#sessions, session] : [session];
        this.#dispatchTo(session, "READY", {
          v: 10,
          user: botUser(),
          guilds: [{ id: GUILD_ID, unavailable: true }],
          session_id: session.id,
          resume_gateway_url: this.gatewayUrl,
          shard: [0, 1],
          application: { id: APP_ID, flags: 0 },
          private_channels: [],
          presences: [],
          relationships: [],
          guild_join_requests: [],
          user_settings: {},
        });
        this.#dispatchTo(session, "GUILD_CREATE", guildCreate(this.#options.members));
        break;
      }
      case 6: {
        const session = this.#sessions.find((s) => s.id === d.session_id);
        if (d.token !== this.#options.token || !session) {
          this.#send(socket, { op: 9, d: false });
          break;
        }
        this.gateway.resumes++;
        session.socket = socket;
        const seq = typeof d.seq === "number" ? d.seq : 0;
        for (const missed of session.sent.filter((f) => f.s > seq)) this.#send(socket, { op: 0, ...missed });
        this.#dispatchTo(session, "RESUMED", {});
        break;
      }
      default:
        break;
    }
    this.#notify();
  }

  #dispatchTo(session: Session, t: string, d: unknown): void {
    const frame = { s: ++session.seq, t, d };
    session.sent.push(frame);
    if (session.socket) this.#send(session.socket, { op: 0, ...frame });
  }

  #send(socket: WebSocket, frame: GatewayFrame): void {
    if (socket.readyState === 1) socket.send(JSON.stringify({ s: null, t: null, ...frame }));
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter.check();
  }

  // ── REST ────────────────────────────────────────────────────────────────────────────────────

  async #http(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    // discord.js percent-encodes `@` (`%40original`, `%40me`).
    const pathname = decodeURIComponent(url.pathname);
    const prefix = "/api/v10";
    const request: RecordedRequest = {
      method: req.method ?? "GET",
      path: pathname.startsWith(prefix) ? pathname.slice(prefix.length) : pathname,
      query: url.searchParams,
      body: parseBody(raw, req.headers["content-type"]),
      authorized: req.headers.authorization === `Bot ${this.#options.token}`,
      headers: req.headers,
      ...(req.socket.remotePort !== undefined && { remotePort: req.socket.remotePort }),
    };
    this.requests.push(request);
    try {
      this.#route(request, res);
    } finally {
      this.#notify();
    }
  }

  #route(r: RecordedRequest, res: ServerResponse): void {
    const parts = r.path.split("/").filter(Boolean);
    const key = `${r.method} /${parts.map((p, i) => (isVariable(parts, i) ? ":" : p)).join("/")}`;

    // Interaction callbacks and interaction webhooks authenticate with the interaction token, not the bot's.
    if (key === "POST /interactions/:/:/callback") return noContent(res);
    if (parts[0] === "webhooks") return this.#webhook(r, parts, res);

    if (!r.authorized) return json(res, 401, { message: "401: Unauthorized", code: 0 });
    const limited = this.#rateLimits.findIndex((l) => l.match(r));
    if (limited >= 0) {
      const retryAfterSec = this.#rateLimits.splice(limited, 1)[0]!.retryAfterSec;
      return json(res, 429, { message: "You are being rate limited.", retry_after: retryAfterSec, global: false }, {
        "retry-after": String(retryAfterSec),
        "x-ratelimit-scope": "user",
      });
    }
    switch (key) {
      case "GET /gateway/bot":
        return json(res, 200, {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        });
      case "GET /users/@me":
        return json(res, 200, botUser());
      case "GET /applications/@me":
        return json(res, 200, { id: APP_ID, name: "lessonbot", bot: botUser(), flags: 0 });
      case "POST /channels/:/messages":
        return this.#createMessage(parts[1]!, r, res);
      case "GET /channels/:/messages":
        return json(res, 200, this.#listMessages(parts[1]!, r.query));
      case "POST /channels/:/typing":
        return noContent(res);
      case "PUT /applications/:/commands":
      case "PUT /applications/:/guilds/:/commands": {
        const commands = (r.body as Json[]).map((c) => ({ ...c, id: snowflake(), application_id: parts[1], version: snowflake() }));
        return json(res, 200, commands);
      }
      default:
        return json(res, 404, { message: `404: Not Found (${key})`, code: 0 });
    }
  }

  /** `/webhooks/{app}/{token}[/messages/{id|@original}]`: follow-ups, edits, deletes of interaction messages. */
  #webhook(r: RecordedRequest, parts: string[], res: ServerResponse): void {
    const [, app, token, messages, id] = parts;
    if (app !== APP_ID || !token) return json(res, 404, { message: "Unknown Webhook", code: 10015 });
    const channelId = this.#interactionChannels.get(token) ?? "0";
    if (r.method === "POST" && !messages) return json(res, 200, this.#message(channelId, r.body as Json, true));
    if (messages === "messages" && id) {
      if (r.method === "DELETE") return noContent(res);
      const existing = id === "@original" ? undefined : this.messages.get(id);
      const body = r.method === "PATCH" ? (r.body as Json) : {};
      return json(res, 200, { ...(existing ?? this.#message(channelId, {}, true, false)), ...body, id: existing?.id ?? snowflake() });
    }
    return json(res, 404, { message: "404: Not Found", code: 0 });
  }

  /** A channel post: held if a hold matches; with `enforce_nonce`, an earlier message with its nonce is returned instead. */
  #createMessage(channelId: string, r: RecordedRequest, res: ServerResponse): void {
    const body = (r.body ?? {}) as Json;
    const nonce = typeof body.nonce === "string" || typeof body.nonce === "number" ? String(body.nonce) : undefined;
    if (nonce !== undefined && nonce.length > 25) {
      return json(res, 400, { message: "Invalid Form Body", code: 50035, errors: { nonce: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." }] } } });
    }
    const held = this.#holds.findIndex((h) => h.match(r));
    const hold = held >= 0 ? this.#holds.splice(held, 1)[0]!.hold : undefined;
    if (hold !== undefined) this.heldSends.push({ channelId, hold, at: Date.now(), ...(r.remotePort !== undefined && { remotePort: r.remotePort }) });
    if (hold === "hold") return; // never created, never answered
    const earlier = nonce !== undefined && body.enforce_nonce === true ? this.#nonces.get(nonce) : undefined;
    let message: Json;
    if (earlier && Date.now() - earlier.at <= this.#options.nonceWindowMs) message = earlier.message;
    else {
      message = this.#message(channelId, body);
      if (nonce !== undefined) this.#nonces.set(nonce, { message, at: Date.now() });
    }
    if (hold === "accept-then-hold") return;
    if (hold === "accept-then-cut") return void res.destroy();
    json(res, 200, { ...message, ...(nonce !== undefined && { nonce: body.nonce }) });
  }

  /** `GET /channels/{id}/messages`: up to `limit` (1–100, default 50) messages, newest first. */
  #listMessages(channelId: string, query: URLSearchParams): Json[] {
    const limit = Math.min(100, Math.max(1, Number(query.get("limit") ?? 50) || 50));
    const after = query.get("after");
    const before = query.get("before");
    let found = this.channelMessages(channelId);
    if (before !== null) found = found.filter((m) => compareIds(m.id as string, before) < 0);
    // `after` pages forward from the oldest; otherwise the newest come first.
    if (after !== null) found = found.filter((m) => compareIds(m.id as string, after) > 0).slice(0, limit);
    else found = found.slice(-limit);
    return found.reverse();
  }

  /** A message object as Discord returns it for a message the bot created. */
  #message(channelId: string, body: Json, webhook = false, keep = true): Json {
    const message: Json = botMessageObject(channelId, body, body.message_reference ? 19 : 0, {
      ...(channelId !== "0" && { guild_id: GUILD_ID }),
      ...(body.message_reference !== undefined && { message_reference: body.message_reference }),
      ...(webhook && { webhook_id: APP_ID, application_id: APP_ID }),
    });
    if (keep) this.messages.set(message.id as string, message);
    return message;
  }
}

function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Ids and tokens in a path are variables for routing: every segment after a resource's name. */
function isVariable(parts: string[], i: number): boolean {
  const resource = parts[i - 1];
  if (resource === undefined) return false;
  if (parts[i] === "@me") return false;
  return ["interactions", "channels", "applications", "guilds", "webhooks", "messages", "users"].includes(resource) || (parts[i - 2] === "interactions" && i === 2);
}

function parseBody(raw: string, type: string | undefined): unknown {
  if (raw === "") return undefined;
  if (type?.includes("application/json")) return JSON.parse(raw) as unknown;
  return raw;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** 204 with no body and no JSON content type (discord.js would try to parse an empty JSON body). */
function noContent(res: ServerResponse): void {
  res.writeHead(204);
  res.end();
}

export { BOT_ID };
