/**
 * `npm run bench:scheduler-load`: searches while the scheduler is busy (issue #16's end-to-end check).
 * A bot process (`src/main.ts`, as `npm start` runs it, Slack HTTP mode against the fake Slack) starts on a
 * store holding 10,000 daily subscriptions, 1,000 of them due during the measured minute; then signed
 * `/lesson <query>` slash commands arrive at 50/s for a minute, open loop. Reports the ack latency
 * (p50 / p99 / max) and the daily posts made meanwhile. Target: no ack over 1 s.
 * Environment: BENCH_SUBSCRIPTIONS (10,000), BENCH_DUE (1,000), BENCH_RATE (50), BENCH_SECONDS (60),
 * DATABASE_URL=postgres://… to run it on PostgreSQL (a fresh schema, dropped after) instead of SQLite.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { FakeSlack } from "../tests/fakes/slack/server.ts";
import { signRequest } from "../tests/fakes/slack/signer.ts";
import { slashCommandBody } from "../tests/fakes/slack/payloads.ts";
import { EVENTS_PATH } from "../adapters/slack/receiver.ts";
import { openSqliteStore } from "../src/store/sqlite-store.ts";
import { openPostgresStore } from "../src/store/postgres/store.ts";
import { quoteIdent } from "../src/store/postgres/pool.ts";
import type { Store } from "../src/store/types.ts";
import { BENCH_SLACK } from "./slack-config.ts";
import { pacedLoad } from "./paced-load.ts";
import { summarize } from "./latency.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10_000);
const DUE = Number(process.env.BENCH_DUE ?? 1_000);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const PG_URL = /^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL : undefined;
const QUERIES = ["职业倦怠", "开源治理", "etcd", "code review", "团队协作", "技术债"];
const ACK_TARGET_MS = 1_000;

/** 10,000 subscriptions as `/lesson daily` stores them: DUE of them due during the run, the rest later today or tomorrow. */
async function seed(store: Store, start: number): Promise<void> {
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const dueAt = i < DUE ? start + Math.floor((i / DUE) * SECONDS * 1000) : start + SECONDS * 1000 + ((i * 7919) % 86_000) * 1000;
    const at = new Date(dueAt);
    const time = `${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")}`;
    await store.upsertSubscription({ platform: "slack", channelId: `CB${i}`, time, timezone: "UTC", weekdays: false, createdBy: "U1", since: new Date(start - 3_600_000), nextDueAt: at });
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "lessonbot-bench-load-"));
  const fake = await FakeSlack.start({ botToken: BENCH_SLACK.botToken, teamId: BENCH_SLACK.teamId, users: [BENCH_SLACK.user] });
  let schema: string | undefined;
  let databaseUrl: string | undefined;
  if (PG_URL) {
    schema = `lessonbot_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
    await admin.end();
    const url = new URL(PG_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    databaseUrl = url.toString();
  }
  const dbPath = join(dir, "bot.db");
  const start = Date.now() + 30_000; // time to start the bot before the first post is due
  const store = databaseUrl ? openPostgresStore({ url: databaseUrl }) : openSqliteStore(dbPath);
  await seed(store, start);
  await store.close();

  const child = spawn(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "src/main.ts")], {
    cwd: dir,
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: BENCH_SLACK.botToken,
      SLACK_SIGNING_SECRET: BENCH_SLACK.signingSecret,
      SLACK_API_URL: fake.apiUrl,
      SLACK_APP_TOKEN: "",
      DISCORD_TOKEN: "",
      DATABASE_PATH: dbPath,
      DATABASE_URL: databaseUrl ?? "",
      CORPUS_DIR: join(ROOT, "corpus"),
      PORT: "0",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  try {
    // The port is in the "slack adapter listening" log line; the rest of the log is read and dropped.
    const port = await new Promise<number>((resolve, reject) => {
      let head = "";
      let partial = "";
      child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
        // Warnings and errors are worth seeing; the info lines are not.
        const lines = (partial + chunk).split("\n");
        partial = lines.pop() ?? "";
        for (const l of lines) if (/"level":(4|5|6)0/.test(l)) process.stderr.write(`bot: ${l.slice(0, 400)}\n`);
        if (head.length > 1_000_000) return;
        head += chunk;
        const line = head.split("\n").find((l) => l.includes('"msg":"slack adapter listening"'));
        const found = line && /"port":(\d+)/.exec(line);
        if (found) {
          head = "x".repeat(1_000_001);
          resolve(Number(found[1]));
        }
      });
      child.on("exit", () => reject(new Error(`the bot exited before listening:\n${head.slice(-4000)}`)));
    });
    const origin = `http://127.0.0.1:${port}`;
    for (;;) {
      const health = await fetch(`${origin}/healthz`).catch(() => undefined);
      if (health?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const wait = start - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

    const actor = { userId: BENCH_SLACK.user.id, userName: BENCH_SLACK.user.name, channelId: BENCH_SLACK.channelId, teamId: BENCH_SLACK.teamId };
    const responseUrl = fake.responseUrl("bench");
    const count = RATE * SECONDS;
    const postsBefore = fake.callsTo("chat.postMessage").length;
    const run = await pacedLoad({
      origin,
      count,
      rate: RATE,
      make: (i) => {
        const body = slashCommandBody(actor, "/lesson", QUERIES[i % QUERIES.length]!, responseUrl);
        return { path: EVENTS_PATH, body, headers: { "content-type": "application/x-www-form-urlencoded", ...signRequest(BENCH_SLACK.signingSecret, body) } };
      },
    });
    const ack = summarize(run.latencies, run.elapsedMs);
    const posts = fake.callsTo("chat.postMessage").length - postsBefore;
    const over = run.latencies.filter((ms) => ms > ACK_TARGET_MS).length;
    console.log(`scheduler under load (${databaseUrl ? "PostgreSQL" : "SQLite"}): ${SUBSCRIPTIONS} subscriptions, ${DUE} due during ${SECONDS} s of /lesson searches at ${RATE}/s`);
    console.log(`  acks: ${ack.n} ok, ${run.errors} errors; p50 ${ack.p50.toFixed(1)} ms, p99 ${ack.p99.toFixed(1)} ms, max ${ack.max.toFixed(1)} ms; over ${ACK_TARGET_MS} ms: ${over} (target 0: ${over === 0 && run.errors === 0 ? "met" : "NOT met"})`);
    console.log(`  daily lessons posted meanwhile: ${posts}; generator lag max ${run.lagMs.toFixed(1)} ms`);
  } finally {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
    if (schema && PG_URL) {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      await admin.end();
    }
  }
}

await main();
