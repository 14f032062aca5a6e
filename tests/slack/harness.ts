/**
 * One running Slack bot (the real Bolt app from adapters/slack) wired to a fake Slack, plus helpers to
 * send it signed requests and read what it posted. Logs are captured (debug level) to check for secrets.
 */
import { afterAll, beforeAll } from "vitest";
import { Writable } from "node:stream";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLogger, silentLogger } from "../../src/log/logger.ts";
import { createCore, type Core } from "../../src/app/core.ts";
import { startSlack, type SlackBot, type SlackCore, type SlackOptions } from "../../adapters/slack/app.ts";
import { FakeSlack, type FakeUser } from "../fakes/slack/server.ts";
import { postSigned, type SignedPost } from "../fakes/slack/signer.ts";
import { blockActionBody, eventBody, slashCommandBody, type Actor, type MessageFields, type PressedButton } from "../fakes/slack/payloads.ts";

export const SECRETS = {
  botToken: "xoxb-1111-2222-testbottokenSECRET",
  appToken: "xapp-1-A111-3333-testapptokenSECRET",
  signingSecret: "8f3c0e5d2b7a4c1e9f6d0b3a5c7e9d1f-signingSECRET",
};

export const ALICE: FakeUser = { id: "UALICE001", name: "alice", displayName: "Alice Chen" };
export const ADMIN: FakeUser = { id: "UADMIN001", name: "root", displayName: "Root Admin", isAdmin: true };
export const LISTED: FakeUser = { id: "ULISTED01", name: "lead", displayName: "Team Lead" };

const CORPUS = fileURLToPath(new URL("../../corpus/", import.meta.url));

export interface RealCore {
  core: Core;
  /** The SQLite file behind `core.store`. */
  dbPath: string;
  close(): Promise<void>;
}

/** The real bot core on the bundled corpus with a fresh database file in a temp dir. */
export async function startRealCore(): Promise<RealCore> {
  const dir = mkdtempSync(join(tmpdir(), "lessonbot-slack-"));
  const dbPath = join(dir, "bot.db");
  const core = await createCore({ corpusDir: CORPUS, dbPath, log: silentLogger() });
  return {
    core,
    dbPath,
    async close() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Harness {
  fake: FakeSlack;
  bot: SlackBot;
  logs: string[];
  actor(user?: FakeUser, channelId?: string): Actor;
  /** POSTs a signed body to /slack/events. */
  post(body: string, contentType: string, options?: SignedPost): Promise<{ status: number; text: string }>;
  /** Runs `/lesson <text>` and returns the response_url id its reply goes to. */
  command(text: string, user?: FakeUser, channelId?: string): Promise<{ status: number; responseId: string }>;
  press(button: PressedButton, message: { ts: string; ephemeral: boolean; threadTs?: string }, user?: FakeUser, channelId?: string): Promise<{ status: number; responseId: string }>;
  event(fields: MessageFields, eventId?: string, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export async function startHarness(core: SlackCore, options: Partial<SlackOptions> & { socket?: boolean } = {}): Promise<Harness> {
  const fake = await FakeSlack.start({
    botToken: SECRETS.botToken,
    appToken: SECRETS.appToken,
    users: [ALICE, ADMIN, LISTED],
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString("utf8"));
      done();
    },
  });
  const bot = await startSlack(core, {
    botToken: SECRETS.botToken,
    signingSecret: SECRETS.signingSecret,
    ...(options.socket && { appToken: SECRETS.appToken }),
    port: 0,
    host: "127.0.0.1",
    apiUrl: fake.apiUrl,
    adminUserIds: [LISTED.id],
    log: createLogger({ level: "debug", destination: sink }),
    ...options,
  });
  const eventsUrl = `http://127.0.0.1:${bot.port}/slack/events`;

  const actor = (user: FakeUser = ALICE, channelId = "C0GENERAL"): Actor => ({
    userId: user.id,
    userName: user.name,
    channelId,
    teamId: fake.teamId,
  });

  const post: Harness["post"] = (body, contentType, opts) => postSigned(eventsUrl, SECRETS.signingSecret, body, contentType, opts);

  return {
    fake,
    bot,
    logs,
    actor,
    post,
    async command(text, user, channelId) {
      const responseId = randomUUID();
      const body = slashCommandBody(actor(user, channelId), "/lesson", text, fake.responseUrl(responseId));
      const { status } = await post(body, "application/x-www-form-urlencoded");
      return { status, responseId };
    },
    async press(button, message, user, channelId) {
      const responseId = randomUUID();
      const body = blockActionBody(actor(user, channelId), button, fake.responseUrl(responseId), message);
      const { status } = await post(body, "application/x-www-form-urlencoded");
      return { status, responseId };
    },
    event(fields, eventId, headers) {
      return post(eventBody(fake.teamId, fake.botUserId, fields, eventId), "application/json", headers ? { headers } : {});
    },
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}

/** All mrkdwn/plain text of a message's blocks, joined (for "contains" checks). */
export function blockText(body: Record<string, unknown>): string {
  return JSON.stringify(body.blocks ?? []);
}

export interface FoundButton extends PressedButton {
  text: { type: string; text: string };
}

/** The buttons of a posted message, in order. */
export function buttonsOf(body: Record<string, unknown>): FoundButton[] {
  const blocks = (body.blocks ?? []) as { type: string; elements?: { type: string }[] }[];
  return blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) => (b.elements ?? []) as unknown as FoundButton[]);
}

/**
 * The real core and a harness around it for a whole test file: started before its tests, closed after
 * them. `ready` receives both once started (and may wait for more, e.g. the Socket Mode connection).
 */
export function useSlackHarness(
  ready: (real: RealCore, h: Harness) => void | Promise<void>,
  options: Parameters<typeof startHarness>[1] = {},
): void {
  let real: RealCore | undefined;
  let h: Harness | undefined;
  beforeAll(async () => {
    real = await startRealCore();
    h = await startHarness(real.core, options);
    await ready(real, h);
  });
  afterAll(async () => {
    await h?.close();
    await real?.close();
  });
}
