/**
 * Why the election exists, and proof the replica test can see a double answer: the fake Discord with
 * concurrent sessions, like Discord, sends a mention to every connection of a token, so two gateways on
 * one token (what replicas without an election did) answer it twice.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/app/core.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { connectGateway, type DiscordGateway } from "../../adapters/discord/client.ts";
import { FakeDiscord } from "../fakes/discord/server.ts";
import { messageCreate } from "../fakes/discord/payloads.ts";
import { ALICE, BOT_ID, CHANNEL_ID } from "../fakes/discord/world.ts";

const TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhJkLm.zqxleaktwogatewaysSECRET0123456789abcdef";
const CORPUS = resolve(import.meta.dirname, "../../corpus");

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("two gateway connections on one token (no election)", () => {
  it("both identify, both get the mention, and it is answered twice", async () => {
    const log = silentLogger();
    const dir = mkdtempSync(join(tmpdir(), "lessonbot-two-gateways-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const cores: Core[] = [];
    for (const name of ["a", "b"]) {
      const core = await createCore({ corpusDir: CORPUS, dbPath: join(dir, `${name}.db`), log, defaultLocale: "zh" });
      cleanups.push(() => core.close());
      cores.push(core);
    }
    const fake = await FakeDiscord.start({ token: TOKEN, members: [ALICE], concurrentSessions: true });
    cleanups.push(() => fake.close());
    const gateways: DiscordGateway[] = [];
    for (const core of cores) {
      const gateway = await connectGateway(core, { token: TOKEN, apiUrl: fake.apiUrl, log });
      cleanups.push(() => gateway.stop());
      gateways.push(gateway);
    }
    expect(fake.identified.map((i) => i.connection)).toEqual([1, 2]);
    expect(fake.liveSessions()).toBe(2);

    const message = messageCreate({ content: `<@${BOT_ID}> 职业倦怠`, author: ALICE, mentions: [BOT_ID] });
    fake.dispatch("MESSAGE_CREATE", message);
    const replies = (id: string) =>
      fake.requests.filter(
        (r) => r.path === `/channels/${CHANNEL_ID}/messages` && (r.body as { message_reference?: { message_id?: string } }).message_reference?.message_id === id,
      ).length;
    await fake.until(() => replies(message.id) === 2, "two answers to one mention");

    // One gateway leaves: the other session alone gets the next mention.
    await gateways[0]!.stop();
    await fake.until(() => fake.liveSessions() === 1, "one session left");
    const next = messageCreate({ content: `<@${BOT_ID}> etcd`, author: ALICE, mentions: [BOT_ID] });
    fake.dispatch("MESSAGE_CREATE", next);
    await fake.until(() => replies(next.id) === 1, "an answer");
    expect(fake.liveSessions()).toBe(1);
  });
});
