/**
 * The bot side of the end-to-end benchmark, in its own process so that neither the load generator nor
 * the fake Slack shares its event loop: a real core and the real Slack app (Bolt's HTTP receiver) on
 * loopback, talking to the fake Slack Web API the parent runs.
 *
 *   tsx bench/slack-target.ts <corpusDir> <snapshotDir|-> <apiUrl> [watch]
 * prints one JSON line `{ port }` once listening; with `watch`, the core reloads the corpus when it
 * changes and each "corpus reloaded" log line is sent to the parent over IPC; for each line read on stdin, one JSON line
 * `{ cpuMs, loopDelay }`: CPU time and event-loop delay since the previous one (is the bot itself the
 * bottleneck?). Shuts down when stdin closes.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import pino from "pino";
import { createCore } from "../src/app/core.ts";
import { createLogger } from "../src/log/logger.ts";
import { startSlack } from "../adapters/slack/app.ts";
import { BENCH_SLACK } from "./slack-config.ts";

const [corpusDir, snapshotArg, apiUrl, mode] = process.argv.slice(2);
const watch = mode === "watch";
if (!corpusDir || !snapshotArg || !apiUrl) {
  process.stderr.write("usage: tsx bench/slack-target.ts <corpusDir> <snapshotDir|-> <apiUrl>\n");
  process.exit(2);
}

// Production-like logging: JSON lines at info level, written (to nowhere) as they would be to stdout.
const reloads = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString("utf8").split("\n")) if (line.includes('"corpus reloaded"')) process.send?.({ reloaded: JSON.parse(line) as unknown });
    done();
  },
});
const log = createLogger({ level: "info", destination: watch ? reloads : pino.destination({ dest: "/dev/null", sync: false }) });
const dir = await mkdtemp(join(tmpdir(), "lessonbot-bench-slack-"));
const core = await createCore({ corpusDir, dbPath: join(dir, "bot.db"), log, snapshotDir: snapshotArg === "-" ? false : snapshotArg, watch });
const bot = await startSlack(core, { botToken: BENCH_SLACK.botToken, signingSecret: BENCH_SLACK.signingSecret, port: 0, host: "127.0.0.1", apiUrl, log });
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
let cpuBefore = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ port: bot.port })}\n`);

const msOf = (ns: number) => Math.round(ns / 1e4) / 100;
const input = createInterface({ input: process.stdin });
input.on("line", () => {
  const cpu = process.cpuUsage(cpuBefore);
  const delay = { p50: msOf(loopDelay.percentile(50)), p99: msOf(loopDelay.percentile(99)), max: msOf(loopDelay.max) };
  process.stdout.write(`${JSON.stringify({ cpuMs: Math.round((cpu.user + cpu.system) / 1000), loopDelay: delay })}\n`);
  loopDelay.reset();
  cpuBefore = process.cpuUsage();
});
input.on("close", () => {
  loopDelay.disable();
  void (async () => {
    await bot.stop();
    await core.close();
    await rm(dir, { recursive: true, force: true });
    process.exit(0);
  })();
});
