/**
 * Corpus reloads as a user sees them, in a fresh process: a core watching the folder (default debounce
 * and poll, snapshots on), then
 * - one file changed (a paragraph appended to an existing article): time until searches find it;
 * - a full rebuild (a glossary change, which re-indexes every article): time until it is served;
 * each made once the index worker is warm (see below), with the reload's own figures from its log line and the longest the event loop was blocked from
 * the change until the new snapshot was saved (what a request arriving during a reload may wait).
 * Every file is put back as it was afterwards.
 *
 *   node --import tsx bench/reload-probe.ts <writable corpusDir> <snapshotDir>
 * prints one JSON line.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Writable } from "node:stream";
import { createCore } from "../src/app/core.ts";
import { createLogger } from "../src/log/logger.ts";

const [corpusDir, snapshotDir] = process.argv.slice(2);
if (!corpusDir || !snapshotDir) {
  process.stderr.write("usage: bench/reload-probe.ts <writable corpusDir> <snapshotDir>\n");
  process.exit(2);
}

/** A word no corpus has, Latin so that every pipeline indexes it as one term. */
const PHRASE = "zyxwvprobe";
const GLOSSARY_TERM = "qwxzglossprobe";

interface ReloadLine {
  ms: number;
  warmUpMs: number;
  workerMs?: number;
  restoreMs?: number;
  buildMs?: number;
  mainMs?: number;
  parseMs?: number;
  warmMs?: number;
  worker?: Record<string, number>;
}
const reloads: ReloadLine[] = [];
let snapshotsSaved = 0;
let workerWarm = false;
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString("utf8").split("\n")) {
      // PROBE_LOG=1: the bot's log lines (debug included) on stderr.
      if (process.env.PROBE_LOG === "1" && line) process.stderr.write(`${line}\n`);
      if (line.includes('"index snapshot saved"')) snapshotsSaved++;
      if (line.includes('"index worker warm"')) workerWarm = true;
      if (line.includes('"corpus reloaded"')) reloads.push(JSON.parse(line) as ReloadLine);
    }
    done();
  },
});
const until = async (done: () => boolean, what: string, since: number) => {
  while (!done()) {
    if (performance.now() - since > 300_000) throw new Error(`${what}: not within five minutes`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const scratch = await mkdtemp(join(tmpdir(), "lessonbot-bench-reload-"));
const core = await createCore({ corpusDir, dbPath: join(scratch, "bot.db"), log: createLogger({ level: process.env.PROBE_LOG === "1" ? "debug" : "info", destination: sink }), snapshotDir, watch: true });
const restore: (() => Promise<void>)[] = [];

/** Makes the change, waits until `served()` and the new snapshot is saved; the figures of that reload. */
async function probe(change: () => Promise<void>, served: () => boolean, what: string) {
  const savedBefore = snapshotsSaved;
  const reloadsBefore = reloads.length;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const written = performance.now();
  await change();
  await until(served, what, written);
  const servedMs = performance.now() - written;
  await until(() => snapshotsSaved > savedBefore, `${what}: the reloaded index saved`, written);
  loop.disable();
  const line = reloads[reloadsBefore];
  return { servedMs, ms: line?.ms, warmUpMs: line?.warmUpMs, workerMs: line?.workerMs, restoreMs: line?.restoreMs, buildMs: line?.buildMs, mainMs: line?.mainMs, parseMs: line?.parseMs, warmMs: line?.warmMs, worker: line?.worker, loopBlockMaxMs: loop.max / 1e6 };
}

/** A glossary change: every article analysed again. */
async function probeRebuild(glossaryPath: string, article: { meta: { id: string } }) {
  const glossary = await readFile(glossaryPath, "utf8").catch(() => undefined);
  restore.push(() => (glossary === undefined ? rm(glossaryPath, { force: true }) : writeFile(glossaryPath, glossary)));
  return probe(
    () => writeFile(glossaryPath, `${glossary ?? ""}\n${GLOSSARY_TERM}: ${PHRASE}\n`),
    () => core.engine().search(GLOSSARY_TERM).hits.some((hit) => hit.articleId === article.meta.id),
    "the full rebuild served",
  );
}

try {
  // A change is measured once the index worker holds what the serving engine was built from (seconds
  // after start on a library): what a file saved any later costs. Until then a change pays for that too.
  await until(() => workerWarm, "the index worker warm", performance.now());
  const article = core.engine().articles()[0]!;
  const original = await readFile(article.path);
  restore.push(() => writeFile(article.path, original));
  const changed = await probe(
    () => writeFile(article.path, `${original.toString("utf8")}\n\nThis paragraph only measures a reload: ${PHRASE}.\n`),
    () => core.engine().search(PHRASE).hits.some((hit) => hit.articleId === article.meta.id),
    "the changed article served",
  );

  // PROBE_ONLY=changed measures the one-file change alone (profiling it, iterating on it).
  const rebuild = process.env.PROBE_ONLY === "changed" ? undefined : await probeRebuild(join(corpusDir, "glossary.yml"), article);
  process.stdout.write(`${JSON.stringify({ changed, ...(rebuild && { rebuild }) })}\n`);
} finally {
  for (const undo of restore.reverse()) await undo();
  await core.close();
  await rm(scratch, { recursive: true, force: true });
}
