/**
 * One running Discord bot — the real discord.js Client from adapters/discord, on the real core over the
 * bundled corpus with a temp SQLite file — connected to a fake Discord over real sockets, plus helpers to
 * send it events and read what it sent back. Logs are captured (debug level) to check for secrets.
 */
import { Writable } from "node:stream";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createLogger } from "../../src/log/logger.ts";
import { createCore, type Core } from "../../src/app/core.ts";
import { startDiscord, type DiscordBot, type DiscordCore, type DiscordOptions } from "../../adapters/discord/client.ts";
import { FakeDiscord, type RecordedRequest } from "../fakes/discord/server.ts";
import { buttonPress, messageCreate, slashCommand, autocomplete, type MessageFields, type OptionPayload, type Where } from "../fakes/discord/payloads.ts";
import { ALICE, MALLORY, MOD, CHANNEL_ID } from "../fakes/discord/world.ts";
import { until } from "../support/wait.ts";

/** Shaped like a real bot token, so the scrubber's pattern is exercised too. */
export const TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhJkLm.testtokenSECRETtesttokenSECRET0123456";
export const CORPUS = resolve(import.meta.dirname, "../../corpus");

export interface Answer {
  interaction: { id: string; token: string };
  /** `POST /interactions/{id}/{token}/callback`. */
  callback: RecordedRequest;
  /** `body.data` of the callback. */
  data: Record<string, unknown>;
  type: number;
}

export interface Harness {
  fake: FakeDiscord;
  core: Core;
  bot: DiscordBot;
  logs: string[];
  dbPath: string;
  /** Runs `/lesson <options>` and returns the callback. */
  command(options: OptionPayload[], where?: Where): Promise<Answer>;
  autocomplete(options: OptionPayload[], where?: Where): Promise<Answer>;
  press(customId: string, message: Record<string, unknown>, where?: Where): Promise<Answer>;
  /** Sends a message; resolves with the bot's reply (`POST /channels/…/messages`), or `undefined` when the core stayed quiet. */
  say(fields: MessageFields): Promise<RecordedRequest | undefined>;
  /** Resolves when `check` holds (polled). */
  eventually(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions extends Partial<Omit<DiscordOptions, "token" | "log">> {
  heartbeatIntervalMs?: number;
  /** Wraps the real core's command layer (e.g. to slow it down). */
  wrap?: (core: Core) => DiscordCore;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), "lessonbot-discord-"));
  const dbPath = join(dir, "bot.sqlite");
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString("utf8"));
      done();
    },
  });
  const log = createLogger({ level: "debug", destination: sink });
  const core = await createCore({ corpusDir: CORPUS, dbPath, log, defaultLocale: "zh" });
  const fake = await FakeDiscord.start({ token: TOKEN, members: [ALICE, MALLORY, MOD], heartbeatIntervalMs: options.heartbeatIntervalMs });
  const { wrap, heartbeatIntervalMs: _interval, ...discordOptions } = options;
  const bot = await startDiscord(wrap ? wrap(core) : core, { token: TOKEN, apiUrl: fake.apiUrl, log, ...discordOptions });

  async function callbackOf(payload: { id: string; token: string; channel_id: string }): Promise<Answer> {
    fake.interact(payload);
    const callback = await fake.request((r) => r.path === `/interactions/${payload.id}/${payload.token}/callback`, `callback of ${payload.id}`);
    const body = callback.body as { type: number; data?: Record<string, unknown> };
    return { interaction: { id: payload.id, token: payload.token }, callback, data: body.data ?? {}, type: body.type };
  }

  const eventually: Harness["eventually"] = (check, what, timeoutMs = 10_000) => until(check, what, timeoutMs);

  return {
    fake,
    core,
    bot,
    logs,
    dbPath,
    command: (opts, where = { user: ALICE }) => callbackOf(slashCommand(opts, where)),
    autocomplete: (opts, where = { user: ALICE }) => callbackOf(autocomplete(opts, where)),
    press: (customId, message, where = { user: ALICE }) => callbackOf(buttonPress(customId, message, where)),
    async say(fields) {
      const message = messageCreate(fields);
      const from = fake.requests.length;
      fake.dispatch("MESSAGE_CREATE", message);
      // The handler logs either its answer or that it stays quiet, with the message id.
      await eventually(() => logs.some((l) => l.includes(message.id) && /"msg":"(answered a message|not answering|could not answer a message|ignoring a message from a bot, webhook or the system)"/.test(l)), `handling of message ${message.id}`);
      return fake.requests
        .slice(from)
        .find((r) => r.method === "POST" && r.path === `/channels/${message.channel_id}/messages` && (r.body as { message_reference?: { message_id?: string } }).message_reference?.message_id === message.id);
    },
    eventually,
    async close() {
      await bot.stop();
      await fake.close();
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every message-like body the bot sent (callbacks with data, webhook and channel messages). */
export function sentMessages(fake: FakeDiscord): { request: RecordedRequest; message: Record<string, unknown> }[] {
  return fake.requests.flatMap((request) => {
    const body = request.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== "object" || Array.isArray(body)) return [];
    if (request.path.endsWith("/callback")) {
      const data = body.data as Record<string, unknown> | undefined;
      // Only responses that are messages: not autocomplete (8) or deferrals (5, 6).
      return data && (body.type === 4 || body.type === 7) ? [{ request, message: data }] : [];
    }
    if (request.path.startsWith("/webhooks/") || /^\/channels\/\d+\/messages$/.test(request.path)) return [{ request, message: body }];
    return [];
  });
}

export { ALICE, MALLORY, MOD, CHANNEL_ID };
