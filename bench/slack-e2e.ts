/**
 * End-to-end figure: signed `/lesson <query>` slash commands against the real Slack app's HTTP receiver
 * on loopback, at a fixed rate for a fixed count (autocannon) after an unmeasured warm-up second → ack
 * latency p50/p99, errors, and how many answers reached their response_url afterwards. The bot runs in its own process (bench/slack-target.ts);
 * the fake Slack Web API (tests/fakes/slack) and the load generator run here.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { FakeSlack } from "../tests/fakes/slack/server.ts";
import { signRequest } from "../tests/fakes/slack/signer.ts";
import { slashCommandBody } from "../tests/fakes/slack/payloads.ts";
import { BENCH_SLACK } from "./slack-config.ts";
import { summarize, type LatencyStats } from "./latency.ts";

export interface SlackE2eOptions {
  corpusDir: string;
  snapshotDir?: string;
  queries: readonly string[];
  /** Requests per second (default 200). */
  rate?: number;
  /** Requests in all (default 1,000: five seconds at 200/s). */
  amount?: number;
  connections?: number;
}

export interface SlackE2eResult {
  rate: number;
  requests: number;
  ack: LatencyStats;
  /** Non-2xx responses, socket errors and timeouts. */
  errors: number;
  /** Answers posted to a response_url by the end of the bounded wait after the run. */
  answered: number;
  seconds: number;
  /** The bot process while serving (warm-up included): CPU time per request and event-loop delay (ms). */
  bot?: { cpuMsPerRequest: number; loopDelay: { p50: number; p99: number; max: number } };
}

const TARGET = fileURLToPath(new URL("./slack-target.ts", import.meta.url));
const ANSWER_WAIT_MS = 10_000;

export async function slackEndToEnd(options: SlackE2eOptions): Promise<SlackE2eResult> {
  const rate = options.rate ?? 200;
  const amount = options.amount ?? 1_000;
  const fake = await FakeSlack.start({ botToken: BENCH_SLACK.botToken, teamId: BENCH_SLACK.teamId, users: [BENCH_SLACK.user] });
  const child = spawn(process.execPath, [...process.execArgv, TARGET, options.corpusDir, options.snapshotDir ?? "-", fake.apiUrl], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  try {
    const lines = createInterface({ input: child.stdout! });
    const exited = once(child, "exit").then(() => Promise.reject(new Error("the Slack bench target exited early")));
    exited.catch(() => undefined);
    const nextLine = async <T>(): Promise<T> => JSON.parse(((await Promise.race([once(lines, "line"), exited])) as [string])[0]) as T;
    const { port } = await nextLine<{ port: number }>();
    const actor = { userId: BENCH_SLACK.user.id, userName: BENCH_SLACK.user.name, channelId: BENCH_SLACK.channelId, teamId: BENCH_SLACK.teamId };
    const responseUrl = fake.responseUrl("bench");
    let sent = 0;
    const load = (count: number) =>
      autocannon({
        url: `http://127.0.0.1:${port}`,
        connections: options.connections ?? 10,
        overallRate: rate,
        amount: count,
        timeout: 10,
        requests: [
          {
            method: "POST",
            path: "/slack/events",
            setupRequest: (request) => {
              const body = slashCommandBody(actor, "/lesson", options.queries[sent++ % options.queries.length]!, responseUrl);
              return { ...request, body, headers: { "content-type": "application/x-www-form-urlencoded", ...signRequest(BENCH_SLACK.signingSecret, body) } };
            },
          },
        ],
      });
    // A running bot is warm: one unmeasured second at the same rate first (JIT, connection pools, caches).
    const warmup = Math.min(rate, amount);
    await load(warmup);
    await fake.waitFor(() => (fake.responses.length >= warmup ? true : undefined), "warm-up answers", ANSWER_WAIT_MS).catch(() => undefined);
    const answeredBefore = fake.responses.length;

    const instance = load(amount);
    // Raw response times (autocannon's own histogram has 1 ms resolution).
    const latencies: number[] = [];
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
    const result = await instance;
    // Answers go out after the ack: give the last ones a bounded moment to arrive.
    await fake.waitFor(() => (fake.responses.length - answeredBefore >= amount ? true : undefined), "all answers", ANSWER_WAIT_MS).catch(() => undefined);
    const answered = fake.responses.length - answeredBefore;
    const report = nextLine<{ cpuMs: number; loopDelay: { p50: number; p99: number; max: number } }>();
    child.stdin!.end();
    const { cpuMs, loopDelay } = await report;
    return {
      rate,
      requests: result.requests.total,
      ack: summarize(latencies, result.duration * 1000),
      errors: result.errors + result.timeouts + result.non2xx,
      answered,
      seconds: result.duration,
      bot: { cpuMsPerRequest: cpuMs / Math.max(1, result.requests.total + warmup), loopDelay },
    };
  } finally {
    child.stdin!.end();
    if (child.exitCode === null) {
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await once(child, "exit");
      clearTimeout(timer);
    }
    await fake.close();
  }
}
