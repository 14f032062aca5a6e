/**
 * Daily lessons across three replicas (real `npm start` processes) on one PostgreSQL schema: 50 channels
 * due now → exactly 50 posts. Two sends are made to hang (one that Slack accepted, one it never saw) and
 * the replicas sending them are killed with SIGKILL mid-send: once their lease ends a survivor settles
 * both (the accepted one is not resent, the lost one is sent). Restarting every replica posts nothing more.
 */
import { afterAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../fakes/slack/server.ts";
import { openPostgresStore } from "../../src/store/postgres/store.ts";
import { localDate } from "../../src/scheduler/schedule.ts";
import { createSchema, postgresAvailable, type TestSchema } from "../store/pg.ts";
import { BOT_TOKEN, HoldingProxy, logLines, startReplica, until, type Hold, type Replica } from "./harness.ts";

const available = await postgresAvailable("the daily-lessons replica test");

const CHANNELS = Array.from({ length: 50 }, (_, i) => `D${String(i).padStart(2, "0")}`);
const ACCEPTED_THEN_KILLED = "D07";
const LOST_WHEN_KILLED = "D13";
const LEASE_SECONDS = 6;

/** A zone where it is not near midnight now, so "due a minute ago" is today there. */
function zoneAwayFromMidnight(now: Date): string {
  for (const zone of ["UTC", "Asia/Shanghai", "America/New_York"]) {
    const [h, m] = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(now).split(":").map(Number);
    const minutes = h! * 60 + m!;
    if (minutes >= 10 && minutes <= 23 * 60 + 45) return zone;
  }
  return "UTC";
}

describe.runIf(available)("daily lessons across three replicas on PostgreSQL", () => {
  let schema: TestSchema | undefined;
  let slack: FakeSlack | undefined;
  const proxies: HoldingProxy[] = [];
  const replicas: Replica[] = [];

  afterAll(async () => {
    for (const r of replicas) r.bot.cleanup();
    await Promise.all(proxies.map((p) => p.close()));
    await slack?.close();
    await schema?.drop();
  });

  it("posts each of 50 due channels exactly once, survives kill -9 mid-send, and posts nothing again after a restart", async () => {
    schema = await createSchema("lessonbot_daily");
    slack = await FakeSlack.start({ botToken: BOT_TOKEN });

    // 50 subscriptions due a minute ago, as `/lesson daily` would have stored them.
    const now = new Date();
    const timezone = zoneAwayFromMidnight(now);
    const dueAt = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - 60_000);
    const time = new Intl.DateTimeFormat("en-GB", { timeZone: timezone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(dueAt);
    const seed = openPostgresStore({ url: schema.url });
    for (const channelId of CHANNELS) {
      await seed.upsertSubscription({ platform: "slack", channelId, time, timezone, weekdays: false, createdBy: "U1", since: new Date(now.getTime() - 3_600_000), nextDueAt: dueAt });
    }
    const today = localDate(now, timezone);

    const rules = new Map<string, Hold>([
      [ACCEPTED_THEN_KILLED, "accept-then-hold"],
      [LOST_WHEN_KILLED, "hold"],
    ]);
    const env = (proxy: HoldingProxy) => ({ SLACK_API_URL: proxy.apiUrl, DATABASE_URL: schema!.url, DAILY_LEASE_SECONDS: String(LEASE_SECONDS) });
    for (let i = 0; i < 3; i++) proxies.push(await HoldingProxy.start(slack.apiUrl, rules));
    replicas.push(...(await Promise.all(proxies.map((proxy, i) => startReplica(`r${i + 1}`, env(proxy))))));

    const posts = () => slack!.callsTo("chat.postMessage");
    const postsTo = (channel: string) => posts().filter((c) => c.body.channel === channel).length;
    // Both hanging sends are in flight: kill -9 the replicas making them, mid-send.
    await until(() => proxies.reduce((n, p) => n + p.held.length, 0) === 2, "the two held sends");
    const victims = replicas.filter((_, i) => proxies[i]!.held.length > 0);
    const lease = await schema.query<{ lease_until: Date }>("SELECT lease_until FROM posts WHERE channel_id = $1", [LOST_WHEN_KILLED]);
    const leaseEnd = lease[0]!.lease_until.getTime();
    const killedAt = Date.now();
    for (const victim of victims) victim.bot.killHard();
    await Promise.all(victims.map((v) => v.bot.exited));
    expect(postsTo(ACCEPTED_THEN_KILLED)).toBe(1); // Slack has it, though its sender never heard so

    // A survivor takes over both once the lease ends: resends the lost one only.
    await until(() => postsTo(LOST_WHEN_KILLED) === 1, "the lost post to be sent by a survivor", 30_000).catch(async (error: unknown) => {
      if (process.env.DEBUG_REPLICAS) {
        console.log(JSON.stringify(await schema!.query("SELECT channel_id, status, owner, lease_until, attempts, error FROM posts WHERE channel_id IN ('D07','D13')")));
        for (const r of replicas) console.log(r.name, victims.includes(r), logLines(r.bot.stdout()).filter((l) => l.component === "daily" || /daily/.test(String(l.msg))).map((l) => JSON.stringify(l)).join("\n"), r.bot.stderr().slice(-2000));
      }
      throw error;
    });
    const takenAt = Date.now();
    const takeoverMs = takenAt - killedAt;
    await until(
      async () => Number((await schema!.query<{ n: string }>("SELECT count(*) AS n FROM posts WHERE status = 'posted'"))[0]?.n) === 50,
      "all 50 posts recorded as posted",
    );
    const perChannel = CHANNELS.map(postsTo);
    const duplicates = perChannel.reduce((n, count) => n + Math.max(0, count - 1), 0);
    console.log(
      `[replicas] daily: 50 channels due, 3 replicas, ${victims.length} killed mid-send → ${posts().length} posts, ${perChannel.filter((n) => n === 0).length} lost, ${duplicates} duplicates; takeover ${(takeoverMs / 1000).toFixed(1)} s after kill -9, ${((takenAt - leaseEnd) / 1000).toFixed(1)} s after its lease ended (lease ${LEASE_SECONDS} s)`,
    );
    expect(perChannel).toEqual(CHANNELS.map(() => 1));
    const rows = await schema.query<{ channel_id: string; status: string; owner: string; local_date: string }>("SELECT channel_id, status, owner, local_date FROM posts");
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.local_date))).toEqual(new Set([today]));
    // Posts were spread over the replicas that could post; the two hung ones were finished by survivors.
    const survivorLogs = replicas.filter((r) => !victims.includes(r)).flatMap((r) => logLines(r.bot.stdout()));
    expect(survivorLogs.some((l) => l.msg === "daily lesson had arrived before its sender stopped; not sent again" && l.channelId === ACCEPTED_THEN_KILLED)).toBe(true);
    expect(survivorLogs.some((l) => l.msg === "taking over unfinished daily lesson" && l.channelId === LOST_WHEN_KILLED)).toBe(true);

    // Restart everything: three fresh replicas, straight to Slack; nothing is due any more.
    for (const r of replicas) r.bot.killHard();
    await Promise.all(replicas.map((r) => r.bot.exited));
    const before = posts().length;
    const restarted = await Promise.all(
      ["r4", "r5", "r6"].map((name) => startReplica(name, { SLACK_API_URL: slack!.apiUrl, DATABASE_URL: schema!.url, DAILY_LEASE_SECONDS: String(LEASE_SECONDS) })),
    );
    replicas.push(...restarted);
    for (const r of restarted) await r.bot.waitFor(/"msg":"daily lessons started"/);
    console.log(`[replicas] daily: after restarting all replicas, ${posts().length - before} posts`);
    expect(posts().length).toBe(before);
    await seed.close();
  }, 180_000);
});
