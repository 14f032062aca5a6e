/**
 * One cold start, in a fresh process: open the engine (from the snapshot when there is one), then report
 * how long that took, how long since the process started, memory after load, and the first query's time.
 *
 *   node --expose-gc --import tsx bench/cold-start.ts <corpusDir> <snapshotDir|-> [query]
 * prints one JSON line.
 */
import pino from "pino";
import { createLogger } from "../src/log/logger.ts";
import { openEngine } from "../src/search/open.ts";

const [corpusDir, snapshotArg = "-", query = "开源社区治理"] = process.argv.slice(2);
if (!corpusDir) {
  process.stderr.write("usage: bench/cold-start.ts <corpusDir> <snapshotDir|-> [query]\n");
  process.exit(2);
}
const importedMs = performance.now();
const started = performance.now();
const opened = await openEngine(corpusDir, createLogger({ level: "warn", destination: pino.destination(2) }), {
  snapshotDir: snapshotArg === "-" ? false : snapshotArg,
});
const openMs = performance.now() - started;
const readyMs = performance.now();
const queryStarted = performance.now();
opened.engine.search(query);
const firstQueryMs = performance.now() - queryStarted;
(globalThis as { gc?: () => void }).gc?.();
const { rss, heapUsed } = process.memoryUsage();
process.stdout.write(`${JSON.stringify({ source: opened.source, importedMs, openMs, readyMs, firstQueryMs, rss, heapUsed })}\n`);
