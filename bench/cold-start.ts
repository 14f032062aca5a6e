/**
 * One cold start, in a fresh process, as the core does it: open the engine (from the snapshot when there
 * is one) and warm it up; report each step, the time since the process started, the first query's time
 * and memory before (code loaded, no index) and after load.
 *
 *   node --expose-gc --import tsx bench/cold-start.ts <corpusDir> <snapshotDir|-> [query]
 * prints one JSON line.
 */
import pino from "pino";
import { createLogger } from "../src/log/logger.ts";
import { openEngine } from "../src/search/open.ts";
import { warmUp } from "../src/app/warm-up.ts";

const [corpusDir, snapshotArg = "-", query = "开源社区治理"] = process.argv.slice(2);
if (!corpusDir) {
  process.stderr.write("usage: bench/cold-start.ts <corpusDir> <snapshotDir|-> [query]\n");
  process.exit(2);
}
const importedMs = performance.now();
(globalThis as { gc?: () => void }).gc?.();
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const opened = await openEngine(corpusDir, createLogger({ level: "warn", destination: pino.destination(2) }), {
  snapshotDir: snapshotArg === "-" ? false : snapshotArg,
});
const openMs = performance.now() - started;
// What the core does before it reports ready (suggestions and lessons built ahead of the first request).
const warmUpMs = warmUp(opened.engine).ms;
const readyMs = performance.now();
const queryStarted = performance.now();
opened.engine.search(query);
const firstQueryMs = performance.now() - queryStarted;
(globalThis as { gc?: () => void }).gc?.();
const { rss, heapUsed } = process.memoryUsage();
process.stdout.write(`${JSON.stringify({ source: opened.source, importedMs, openMs, warmUpMs, readyMs, firstQueryMs, rssBefore, rss, heapUsed })}\n`);
