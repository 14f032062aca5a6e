/**
 * End-to-end figure: signed `/lesson <query>` slash commands against the real Slack app's HTTP receiver
 * on loopback, a fixed number of requests at a fixed rate → ack latency p50/p99, errors, and how many
 * answers reached their response_url afterwards. Two runs after an unmeasured warm-up second:
 * - paced: one request every 1000/rate ms, open loop (paced-load.ts) — the figure the target is about;
 * - burst: the same count through autocannon's `overallRate`, which sends each second's budget back to
 *   back over 10 connections as the second starts — the worst case of the same average rate.
 * The bot runs in its own process (bench/slack-target.ts); the fake Slack Web API (tests/fakes/slack) and
 * the load generators run here.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { FakeSlack } from "../tests/fakes/slack/server.ts";
import { signRequest } from "../tests/fakes/slack/signer.ts";
import { slashCommandBody } from "../tests/fakes/slack/payloads.ts";
import { EVENTS_PATH } from "../adapters/slack/receiver.ts";
import { BENCH_SLACK } from "./slack-config.ts";
import { summarize, type LatencyStats } from "./latency.ts";
import { pacedLoad, type PacedRequest } from "./paced-load.ts";

export interface SlackE2eOptions {
  corpusDir: string;
  snapshotDir?: string;
  queries: readonly string[];
  /** Requests per second (default 200). */
  rate?: number;
  /** Requests per run (default 1,000: five seconds at 200/s). */
  amount?: number;
  /** Also the autocannon burst run (default true). */
  burst?: boolean;
  /**
   * Instead of the fixed runs: the bot watches its corpus, this changes it after the warm-up second,
   * and paced load runs second by second until the bot has reloaded and for one second more — ack
   * latency while a reload runs. The corpus folder must be writable.
   */
  duringReload?: () => Promise<void>;
}

/** The bot process while serving one run: CPU time per request and event-loop delay (ms). */
export interface BotLoad {
  cpuMsPerRequest: number;
  loopDelay: { p50: number; p99: number; max: number };
}

export interface SlackRun {
  mode: "paced" | "burst" | "reload";
  /** Requests per second asked for. */
  rate: number;
  requests: number;
  /** Ack latency of the 2xx responses; `qps` is the rate actually achieved (responses / elapsed). */
  ack: LatencyStats;
  /** Non-2xx responses, socket errors and timeouts. */
  errors: number;
  /** Answers posted to a response_url by the end of the bounded wait after the run. */
  answered: number;
  seconds: number;
  /** Paced run: the most the generator itself was ever behind schedule, ms. */
  lagMs?: number;
  bot: BotLoad;
}

export interface SlackE2eResult {
  rate: number;
  paced: SlackRun;
  burst?: SlackRun;
  /** The bot's "corpus reloaded" log line, in a `duringReload` run. */
  reload?: Record<string, unknown>;
}

const TARGET = fileURLToPath(new URL("./slack-target.ts", import.meta.url));
const ANSWER_WAIT_MS = 10_000;

export async function slackEndToEnd(options: SlackE2eOptions): Promise<SlackE2eResult> {
  const rate = options.rate ?? 200;
  const amount = options.amount ?? 1_000;
  const fake = await FakeSlack.start({ botToken: BENCH_SLACK.botToken, teamId: BENCH_SLACK.teamId, users: [BENCH_SLACK.user] });
  const watch = options.duringReload !== undefined;
  // BENCH_SLACK_CPU_PROF=DIR: the bot process writes a V8 CPU profile there (open it in Chrome's DevTools).
  const profile = process.env.BENCH_SLACK_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_SLACK_CPU_PROF] : [];
  // BENCH_SLACK_NODE_FLAGS="--trace-gc …": more Node/V8 flags for the bot process only.
  profile.push(...(process.env.BENCH_SLACK_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? []));
  const child = spawn(process.execPath, [...process.execArgv, ...profile, TARGET, options.corpusDir, options.snapshotDir ?? "-", fake.apiUrl, ...(watch ? ["watch"] : [])], {
    stdio: ["pipe", "pipe", "inherit", ...(watch ? (["ipc"] as const) : [])],
  });
  let reloaded: Record<string, unknown> | undefined;
  child.on("message", (message: { reloaded?: Record<string, unknown> }) => {
    reloaded ??= message.reloaded;
  });
  try {
    const lines = createInterface({ input: child.stdout! });
    const exited = once(child, "exit").then(() => Promise.reject(new Error("the Slack bench target exited early")));
    exited.catch(() => undefined);
    const nextLine = async <T>(): Promise<T> => JSON.parse(((await Promise.race([once(lines, "line"), exited])) as [string])[0]) as T;
    const botLoad = async (requests: number): Promise<BotLoad> => {
      const reply = nextLine<{ cpuMs: number; loopDelay: BotLoad["loopDelay"] }>();
      child.stdin!.write("stats\n");
      const { cpuMs, loopDelay } = await reply;
      return { cpuMsPerRequest: cpuMs / Math.max(1, requests), loopDelay };
    };
    const { port } = await nextLine<{ port: number }>();
    const origin = `http://127.0.0.1:${port}`;
    const actor = { userId: BENCH_SLACK.user.id, userName: BENCH_SLACK.user.name, channelId: BENCH_SLACK.channelId, teamId: BENCH_SLACK.teamId };
    const responseUrl = fake.responseUrl("bench");
    const signed = (i: number): PacedRequest => {
      const body = slashCommandBody(actor, "/lesson", options.queries[i % options.queries.length]!, responseUrl);
      return { path: EVENTS_PATH, body, headers: { "content-type": "application/x-www-form-urlencoded", ...signRequest(BENCH_SLACK.signingSecret, body) } };
    };
    /** Waits (bounded) until `expected` more answers than `before` arrived; returns how many did. */
    const answersSince = async (before: number, expected: number) => {
      await fake.waitFor(() => (fake.responses.length - before >= expected ? true : undefined), "answers", ANSWER_WAIT_MS).catch(() => undefined);
      return fake.responses.length - before;
    };

    // Every request is a new command (its own trigger_id): the bot answers a repeated trigger_id once, so a
    // reused request would be acked without any work. Signed ahead per phase (a signature holds for five
    // minutes), so the paced generator only sends.
    let issued = 0;
    const batch = (count: number) => {
      const requests = Array.from({ length: count }, () => signed(issued++));
      return (i: number) => requests[i % count]!;
    };

    // A running bot is warm: one unmeasured second at the same rate first (JIT, connection pools, caches).
    const warmup = Math.min(rate, amount);
    await pacedLoad({ origin, count: warmup, rate, make: batch(warmup) });
    await answersSince(0, warmup);
    await botLoad(warmup);

    if (options.duringReload) return { rate, paced: await loadDuringReload(options.duringReload), ...(reloaded && { reload: reloaded }) };

    /** Paced seconds from the change until the reload is served, and one more (at most five minutes). */
    async function loadDuringReload(change: () => Promise<void>): Promise<SlackRun> {
      const before = fake.responses.length;
      await change();
      const latencies: number[] = [];
      let errors = 0;
      let elapsedMs = 0;
      let lagMs = 0;
      let sent = 0;
      let after = 0;
      while (after < 1 && sent < rate * 300) {
        if (reloaded) after++;
        const run = await pacedLoad({ origin, count: rate, rate, make: batch(rate) });
        sent += rate;
        latencies.push(...run.latencies);
        errors += run.errors;
        elapsedMs += run.elapsedMs;
        lagMs = Math.max(lagMs, run.lagMs);
      }
      return {
        mode: "reload",
        rate,
        requests: sent,
        ack: summarize(latencies, elapsedMs),
        errors,
        answered: await answersSince(before, sent),
        seconds: Math.round(elapsedMs) / 1000,
        lagMs: Math.round(lagMs * 100) / 100,
        bot: await botLoad(sent),
      };
    }

    let before = fake.responses.length;
    const paced = await pacedLoad({ origin, count: amount, rate, make: batch(amount) });
    const pacedAnswered = await answersSince(before, amount);
    const pacedRun: SlackRun = {
      mode: "paced",
      rate,
      requests: amount,
      ack: summarize(paced.latencies, paced.elapsedMs),
      errors: paced.errors,
      answered: pacedAnswered,
      seconds: Math.round(paced.elapsedMs) / 1000,
      lagMs: Math.round(paced.lagMs * 100) / 100,
      bot: await botLoad(amount),
    };
    if (options.burst === false) return { rate, paced: pacedRun };

    before = fake.responses.length;
    let sent = 0;
    const burst = batch(amount);
    const instance = autocannon({
      url: origin,
      connections: 10,
      overallRate: rate,
      amount,
      timeout: 10,
      requests: [{ method: "POST", path: EVENTS_PATH, setupRequest: (request) => ({ ...request, ...burst(sent++) }) }],
    });
    // Raw response times (autocannon's own histogram has 1 ms resolution).
    const latencies: number[] = [];
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
    const result = await instance;
    const burstAnswered = await answersSince(before, amount);
    return {
      rate,
      paced: pacedRun,
      burst: {
        mode: "burst",
        rate,
        requests: result.requests.total,
        ack: summarize(latencies, result.duration * 1000),
        errors: result.errors + result.timeouts + result.non2xx,
        answered: burstAnswered,
        seconds: result.duration,
        bot: await botLoad(result.requests.total),
      },
    };
  } finally {
    child.stdin!.end();
    if (child.exitCode === null && child.signalCode === null) {
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await once(child, "exit");
      clearTimeout(timer);
    }
    await fake.close();
  }
}
