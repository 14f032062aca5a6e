/**
 * The gateway connection over time: heartbeats acknowledged, and the socket dropped mid-session in the ways
 * Discord drops it. After each drop the real discord.js Client resumes (or re-identifies) on its own and
 * keeps answering; events sent while it was away are replayed on RESUME and answered too. (A fresh
 * IDENTIFY waits out discord.js's 5-second identify throttle, so only one test takes that path.)
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TOKEN, startHarness, type Harness } from "./harness.ts";
import { opt, slashCommand } from "../fakes/discord/payloads.ts";
import { ALICE } from "../fakes/discord/world.ts";

let h: Harness;
beforeAll(async () => {
  // Short heartbeats, so several go by during the test.
  h = await startHarness({ heartbeatIntervalMs: 150 });
});
afterAll(async () => {
  await h?.close();
});

const search = [opt.sub("search", [opt.string("query", "职业倦怠")])];

async function answered(): Promise<void> {
  const answer = await h.command(search);
  expect(answer.type).toBe(4);
  expect(String((answer.data.embeds as { description: string }[])[0]!.description)).toContain("**职业倦怠**");
}

describe("gateway session", () => {
  test("heartbeats are acknowledged: the session stays up and the client measures latency", async () => {
    await h.fake.until(() => h.fake.gateway.heartbeats >= 3, "three heartbeats");
    h.fake.requestHeartbeat();
    const before = h.fake.gateway.heartbeats;
    await h.fake.until(() => h.fake.gateway.heartbeats > before, "the requested heartbeat");
    expect(h.fake.gateway).toMatchObject({ identifies: 1, resumes: 0, connections: 1 });
    await h.eventually(() => h.bot.client.ws.ping >= 0, "a measured ping");
    await answered();
  });

  test("closed with 4000 (unknown error): the client resumes the same session and keeps answering", async () => {
    h.fake.drop(4000);
    await h.fake.until(() => h.fake.gateway.resumes === 1, "a RESUME");
    expect(h.fake.gateway.identifies).toBe(1);
    expect(h.fake.received.findLast((f) => f.op === 6)?.d).toMatchObject({ token: expect.any(String), session_id: expect.any(String), seq: expect.any(Number) });
    await answered();
  });

  test("an interaction sent while the socket is down is replayed on RESUME and answered", async () => {
    h.fake.drop(4000);
    const pending = slashCommand(search, { user: ALICE });
    h.fake.interact(pending);
    const callback = await h.fake.request((r) => r.path === `/interactions/${pending.id}/${pending.token}/callback`, "the replayed interaction's callback");
    expect((callback.body as { type: number }).type).toBe(4);
    expect(h.fake.gateway).toMatchObject({ identifies: 1, resumes: 2 });
  });

  test("a connection cut without a close frame is resumed too", async () => {
    h.fake.drop();
    await h.fake.until(() => h.fake.gateway.resumes === 3, "a RESUME after the cut");
    await answered();
  });

  test("closed normally (1000): the client identifies afresh and keeps answering", async () => {
    h.fake.drop(1000);
    await h.fake.until(() => h.fake.gateway.identifies === 2, "a new IDENTIFY");
    await answered();
    expect(h.fake.gateway.resumes).toBe(3);
  });

  test("the reconnections were logged, without the token", () => {
    const logs = h.logs.join("");
    expect(logs).toContain("gateway reconnecting");
    expect(logs).toContain("gateway session resumed");
    expect(logs).not.toContain(TOKEN);
  });
});
