/**
 * Daily lessons on Discord across three replicas (real `npm start` processes) on one PostgreSQL schema,
 * against the fake Discord: 30 channels due now → exactly 30 posts. Two sends are made to hang (one that
 * Discord created, one it never saw) and the replicas making them are killed with SIGKILL mid-send. The
 * fake's nonce window is shorter than the lease, as Discord's few minutes are shorter than the default
 * 5-minute lease, so the survivor can't lean on `enforce_nonce`: it reads the channel and does not resend
 * the post that arrived, and sends the one that didn't. Restarting the replicas posts nothing more.
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { dueAMinuteAgo } from "./due-now.ts";
import { afterAll, describe, expect, it } from "vitest";
import { FakeDiscord, type RecordedRequest } from "../fakes/discord/server.ts";
import { openPostgresStore } from "../../src/store/postgres/store.ts";
import { localDate } from "../../src/scheduler/schedule.ts";
import { startBot, type BotProcess } from "../console/bot-process.ts";
import { createSchema, postgresAvailable, type TestSchema } from "../store/pg.ts";
import { logLines, until } from "./harness.ts";

const available = await postgresAvailable("the Discord daily-lessons replica test");

/** Fresh per run: the gateway lock is named after the token. */
const TOKEN = `MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhJkLm.zqxleak${randomBytes(18).toString("hex")}`;
const CHANNELS = Array.from({ length: 30 }, (_, i) => `13000000000000${String(100 + i).padStart(5, "0")}`);
const ACCEPTED_THEN_KILLED = CHANNELS[7]!;
const LOST_WHEN_KILLED = CHANNELS[13]!;
const LEASE_SECONDS = 6;
/** Shorter than the lease: by the takeover Discord would create a second message for the same nonce. */
const NONCE_WINDOW_MS = 2_000;

interface Replica {
  name: string;
  bot: BotProcess;
}


/**
 * The process group (= the replica, see `startBot`) of the local process whose TCP socket has local port
 * `port`: its inode from /proc/net/tcp, then the process holding that inode among /proc/<pid>/fd.
 */
function processGroupOnPort(port: number): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inode = readFileSync("/proc/net/tcp", "utf8")
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .find((fields) => fields[1]?.endsWith(`:${hexPort}`))?.[9];
  if (inode === undefined) return undefined;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // not ours, or gone
    }
    const holds = fds.some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
      } catch {
        return false;
      }
    });
    if (!holds) continue;
    // /proc/<pid>/stat: "pid (comm) state ppid pgrp …"; comm may hold spaces, so count from its ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
  }
  return undefined;
}

describe.runIf(available)("Discord daily lessons across three replicas on PostgreSQL", () => {
  let schema: TestSchema | undefined;
  let fake: FakeDiscord | undefined;
  const replicas: Replica[] = [];

  afterAll(async () => {
    for (const r of replicas) r.bot.cleanup();
    await Promise.all(replicas.map((r) => r.bot.exited));
    await fake?.close();
    await schema?.drop();
  });

  async function startReplica(name: string): Promise<Replica> {
    const bot = startBot([], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake!.apiUrl, DATABASE_URL: schema!.url, DAILY_LEASE_SECONDS: String(LEASE_SECONDS), PORT: "0", LOG_LEVEL: "info" });
    replicas.push({ name, bot });
    await bot.waitFor(/"msg":"index ready"/);
    return { name, bot };
  }

  it("posts each of 30 due channels exactly once, survives kill -9 mid-send past the nonce window, and posts nothing again after a restart", async () => {
    schema = await createSchema("lessonbot_ddaily");
    fake = await FakeDiscord.start({ token: TOKEN, concurrentSessions: true, nonceWindowMs: NONCE_WINDOW_MS });

    const now = new Date();
    const { timezone, time, dueAt } = dueAMinuteAgo(now);
    const seed = openPostgresStore({ url: schema.url });
    for (const channelId of CHANNELS) {
      await seed.upsertSubscription({ platform: "discord", channelId, time, timezone, weekdays: false, createdBy: "U1", since: new Date(now.getTime() - 3_600_000), nextDueAt: dueAt });
    }
    await seed.close();
    const today = localDate(now, timezone);

    const sendTo = (channel: string) => (r: RecordedRequest) => r.method === "POST" && r.path === `/channels/${channel}/messages`;
    fake.holdSend(sendTo(ACCEPTED_THEN_KILLED), "accept-then-hold");
    fake.holdSend(sendTo(LOST_WHEN_KILLED), "hold");
    await Promise.all(["r1", "r2", "r3"].map(startReplica));

    const postsIn = (channel: string) => fake!.channelMessages(channel).length;
    await until(() => fake!.heldSends.length === 2, "the two held sends");
    // kill -9 whichever replicas are making the two hanging requests, found by their sockets.
    const groups = new Set(fake.heldSends.map((h) => processGroupOnPort(h.remotePort!)));
    const victims = replicas.filter((r) => groups.has(r.bot.child.pid));
    expect(victims.length).toBeGreaterThan(0);
    const killedAt = Date.now();
    for (const victim of victims) victim.bot.killHard();
    await Promise.all(victims.map((v) => v.bot.exited));
    expect(postsIn(ACCEPTED_THEN_KILLED)).toBe(1); // Discord has it, though its sender never heard so
    expect(postsIn(LOST_WHEN_KILLED)).toBe(0);

    await until(() => postsIn(LOST_WHEN_KILLED) === 1, "the lost post to be sent by a survivor", 60_000);
    const takeoverMs = Date.now() - killedAt;
    await until(
      async () => Number((await schema!.query<{ n: string }>("SELECT count(*) AS n FROM posts WHERE status = 'posted'"))[0]?.n) === CHANNELS.length,
      "every post recorded as posted",
    );
    const perChannel = CHANNELS.map(postsIn);
    const duplicates = perChannel.reduce((n, count) => n + Math.max(0, count - 1), 0);
    console.log(
      `[replicas] discord daily: ${CHANNELS.length} channels due, 3 replicas, ${victims.length} killed mid-send → ${perChannel.reduce((a, b) => a + b, 0)} posts, ${perChannel.filter((n) => n === 0).length} lost, ${duplicates} duplicates; lost post resent ${(takeoverMs / 1000).toFixed(1)} s after kill -9 (lease ${LEASE_SECONDS} s, nonce window ${NONCE_WINDOW_MS / 1000} s)`,
    );
    expect(perChannel).toEqual(CHANNELS.map(() => 1));
    const rows = await schema.query<{ local_date: string }>("SELECT local_date FROM posts");
    expect(rows).toHaveLength(CHANNELS.length);
    expect(new Set(rows.map((r) => r.local_date))).toEqual(new Set([today]));
    const survivorLogs = replicas.filter((r) => !victims.includes(r)).flatMap((r) => logLines(r.bot.stdout()));
    expect(survivorLogs.some((l) => l.msg === "daily lesson had arrived before its sender stopped; not sent again" && l.channelId === ACCEPTED_THEN_KILLED)).toBe(true);
    expect(survivorLogs.some((l) => l.msg === "taking over unfinished daily lesson" && l.channelId === LOST_WHEN_KILLED)).toBe(true);

    // Restart everything: nothing is due any more.
    for (const r of replicas) r.bot.killHard();
    await Promise.all(replicas.map((r) => r.bot.exited));
    const before = CHANNELS.map(postsIn).reduce((a, b) => a + b, 0);
    const restarted = await Promise.all(["r4", "r5"].map(startReplica));
    for (const r of restarted) await r.bot.waitFor(/"msg":"daily lessons started"/);
    const after = CHANNELS.map(postsIn).reduce((a, b) => a + b, 0);
    console.log(`[replicas] discord daily: after restarting the replicas, ${after - before} posts`);
    expect(after).toBe(before);
  }, 180_000);
});
