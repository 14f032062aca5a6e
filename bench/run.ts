/**
 * `npm run bench`: how fast lessonbot is, on the bundled corpus, synthetic ones of 1,000 and 10,000
 * articles, and the shared real library (`../shared/library`) when it exists;
 * `npm run bench -- --corpus DIR` runs every table on that folder only (held to the library's targets),
 * `npm run bench -- --synthetic 10000` on a synthetic corpus of that size only.
 *
 * - per corpus, in fresh processes: index from scratch (load, index, warm up, save the snapshot), start
 *   from the snapshot, memory; reloads of the watched folder — one file changed, and a full rebuild —
 *   with the time until served and the longest event-loop block;
 * - search latency p50/p99 and queries/second for lessonbot's pipeline, MiniSearch with its default
 *   tokenizer and a naive substring scan — same passages, same queries, same run — with each one's
 *   hit@3 on the scorer's dev queries (the library's own for the library);
 * - end to end: signed Slack slash commands at a fixed rate against the real Bolt HTTP receiver — evenly
 *   paced (the target's figure), then the same count in autocannon's per-second bursts; and on the
 *   library, paced while the bot reloads it.
 *
 * Every corpus is measured in a copy in a scratch folder (the original is never written). Prints the
 * tables, targets as met / not met, and writes the figures to bench/results/latest.json; asserts nothing.
 * Environment: BENCH_QUICK=1 short smoke run; BENCH_SKIP_SLACK=1 no end-to-end part; BENCH_SKIP_10K=1
 * no 10,000-article corpus; BENCH_ONLY=slack only the end-to-end part (with --corpus DIR: on that folder,
 * paced then while a reload runs; else on the bundled corpus), about a minute instead of half an hour;
 * BENCH_ONLY=reload only the index from scratch (which makes the snapshot) and the reloads, per corpus,
 * printed as JSON (iterating on reloads; PROBE_ONLY=changed: one file changed only).
 */
import { execFile } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { loadCorpus } from "../src/corpus/load.ts";
import { silentLogger } from "../src/log/logger.ts";
import { openEngine } from "../src/search/open.ts";
import type { SearchEngine } from "../src/search/types.ts";
import { miniSearchDefault, substringScan } from "./baselines.ts";
import { hitRate, type Retriever } from "./eval.ts";
import { measure, type LatencyStats } from "./latency.ts";
import { DEV_FILE, loadDevCases, timingWorkload, workload, type EvalCase } from "./queries.ts";
import { slackEndToEnd, type SlackE2eResult, type SlackRun } from "./slack-e2e.ts";
import { syntheticCorpus, writeSyntheticCorpus } from "./synthetic.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const CORPUS = join(ROOT, "corpus");
const RESULTS = join(ROOT, "bench", "results");
const QUICK = process.env.BENCH_QUICK === "1";
/** `BENCH_ONLY=slack`: the end-to-end Slack runs and nothing else (no synthetic corpora, no corpus tables). */
const ONLY_SLACK = process.env.BENCH_ONLY === "slack";
/** The shared real library, beside the project (`../shared/library`); benchmarked when it exists. */
const LIBRARY = resolve(ROOT, "..", "shared", "library");
const LIBRARY_DEV_FILE = process.env.BENCH_LIBRARY_DEV_FILE ?? resolve(ROOT, "..", "shared", "eval", "library-dev.jsonl");
const MB = 1024 * 1024;

export const TARGETS = {
  p99BundledMs: 1,
  p99ThousandMs: 10,
  coldStartSnapshotMs: 300,
  slackAckP99Ms: 20,
  slackRate: 200,
};

/** The issue's targets for a library (any folder given with --corpus is held to the shared library's). */
interface CorpusTargets {
  fromScratchMs: number;
  readyWithSnapshotMs: number;
  p50Ms: number;
  p99Ms: number;
  rssBytes: number;
  changedServedMs: number;
  loopBlockMs: number;
}
export const CORPUS_TARGETS: Record<"library" | "synthetic-10000", CorpusTargets> = {
  library: { fromScratchMs: 20_000, readyWithSnapshotMs: 1_500, p50Ms: 1, p99Ms: 10, rssBytes: 500 * MB, changedServedMs: 2_000, loopBlockMs: 50 },
  "synthetic-10000": { fromScratchMs: 120_000, readyWithSnapshotMs: 8_000, p50Ms: 5, p99Ms: 40, rssBytes: 2048 * MB, changedServedMs: 5_000, loopBlockMs: 50 },
};

interface CorpusFigures {
  name: string;
  articles: number;
  passages: number;
  /** Files the loader could not use (reported with their path when the index is built). */
  broken: number;
  snapshotBytes: number;
  /** Opening from the snapshot in this (warm) process: fingerprint, read, parse, restore. */
  snapshotLoadMs: number;
  cold: { snapshot: ColdStart; noSnapshot: ColdStart };
  reload: { changed: ReloadFigures; rebuild: ReloadFigures };
  search: { engine: string; latency: LatencyStats; hitAt3?: number }[];
  targets?: CorpusTargets;
}

interface ColdStart {
  source: string;
  /** openEngine in the fresh process (from scratch: load, index and save the snapshot). */
  openMs: number;
  /** Suggestions and lessons built before serving (core does this before it reports ready). */
  warmUpMs: number;
  /** Process start → engine ready and warm (includes starting Node and loading/transpiling the code). */
  readyMs: number;
  firstQueryMs: number;
  /** Resident memory with the code loaded, before the index (the process's own baseline). */
  rssBefore: number;
  /** Resident memory after load and warm-up (after a full GC). */
  rss: number;
  heapUsed: number;
}

/** One reload of a watched corpus (bench/reload-probe.ts). */
interface ReloadFigures {
  /** File written → searches find the change (debounce and poll as configured by default). */
  servedMs: number;
  /** The reload itself: worker (load, index, warm-up), transfer, restore, build, swap. */
  ms?: number;
  warmUpMs?: number;
  workerMs?: number;
  restoreMs?: number;
  /** The engine's tables built on the main thread (sliced). */
  buildMs?: number;
  /** Longest event-loop block from the change until the new snapshot is saved: what a request may wait. */
  loopBlockMaxMs: number;
}

const ms = (start: number) => performance.now() - start;

/** Ready to answer once the code is loaded: the engine opened and warmed up. */
const coldReadyMs = (s: ColdStart) => s.openMs + s.warmUpMs;

/** Runs a bench script in a fresh process; its last stdout line is its JSON result. */
async function inFreshProcess<T>(script: string, args: string[]): Promise<T> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", ...process.execArgv, join(ROOT, "bench", script), ...args], {
    cwd: ROOT,
    timeout: 900_000,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split("\n").pop()!) as T;
}

const coldStart = (corpusDir: string, snapshotDir: string | false) => inFreshProcess<ColdStart>("cold-start.ts", [corpusDir, snapshotDir || "-"]);

function retrievers(engine: SearchEngine): { name: string; retrieve: Retriever }[] {
  return [
    {
      name: "lessonbot",
      retrieve: (query, k) => engine.search(query, { limit: k }).hits.map((h) => ({ section: h.section, passage: h.passage, quote: h.quote })),
    },
    { name: "minisearch-default", retrieve: miniSearchDefault(engine.passages(), engine.articles()) },
    { name: "substring-scan", retrieve: substringScan(engine.passages(), engine.articles()) },
  ];
}

/** A corpus to measure: a folder of its own (the reload probe changes files in it, and puts them back). */
interface CorpusSpec {
  name: string;
  dir: string;
  queries: string[];
  dev?: EvalCase[];
  targets?: CorpusTargets;
}

/**
 * The figures for one corpus, each through the path production takes: from scratch and from the
 * snapshot in fresh processes (the first leaves the snapshot the others use), then search in this one.
 */
async function benchCorpus(spec: CorpusSpec, scratch: string): Promise<CorpusFigures> {
  const { name, dir, queries, dev } = spec;
  const snapshotDir = join(scratch, `snapshots-${name.replace(/[^\w.-]+/g, "_")}`);
  log(`${name}: index from scratch in a fresh process…`);
  const noSnapshot = await coldStart(dir, snapshotDir);
  if (noSnapshot.source !== "built") throw new Error(`${name}: a snapshot was there before the first start`);
  log(`${name}: start from the snapshot in a fresh process…`);
  const snapshot = await coldStart(dir, snapshotDir);
  if (snapshot.source !== "snapshot") throw new Error(`${name}: the snapshot was not saved or not used`);

  const started = performance.now();
  const restored = await openEngine(dir, silentLogger(), { snapshotDir });
  const snapshotLoadMs = ms(started);
  const [file] = (await readdir(snapshotDir)).filter((f) => f.endsWith(".snap"));
  const snapshotBytes = (await stat(join(snapshotDir, file!))).size;

  const spellings = timingWorkload(queries);
  const timed = spellings.map((s) => s.spelling);
  const queryOf = new Map(spellings.map((s) => [s.spelling, s.query]));
  log(`${name}: search latency (${queries.length} queries, ${timed.length} spellings)…`);
  const articles = restored.engine.articles().length;
  const budgetMs = QUICK ? 300 : articles > 100 ? 4_000 : 2_500;
  const options = { budgetMs, minRounds: QUICK ? 1 : 2 };
  const search = retrievers(restored.engine).map(({ name: engineName, retrieve }) => ({
    engine: engineName,
    latency: measure(timed, (q) => retrieve(q, 5), engineName === "lessonbot" ? { ...options, keyOf: (q) => queryOf.get(q) ?? q } : options),
    ...(dev && dev.length > 0 && { hitAt3: hitRate(dev, retrieve, 3) }),
  }));
  // The next page right after the first (a "more" button) reuses the engine's recent ranking of the query.
  search.push({
    engine: "lessonbot, next page",
    latency: measure(queries, (q) => restored.engine.search(q, { limit: 5, offset: 5 }), { ...options, prepare: (q) => restored.engine.search(q, { limit: 5 }) }),
  });
  const passages = restored.engine.passages().length;

  log(`${name}: reloads (one file changed, then a full rebuild) in a fresh process…`);
  const reload = await inFreshProcess<CorpusFigures["reload"]>("reload-probe.ts", [dir, snapshotDir]);

  return {
    name,
    articles,
    passages,
    broken: restored.errors.length,
    snapshotBytes,
    snapshotLoadMs,
    cold: { snapshot, noSnapshot },
    reload,
    search,
    ...(spec.targets && { targets: spec.targets }),
  };
}

const benchStarted = performance.now();

function log(line: string): void {
  process.stderr.write(`· ${(ms(benchStarted) / 1000).toFixed(0).padStart(3)} s  ${line}\n`);
}

// --- report ---------------------------------------------------------------------------------------

const f = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? "–" : n.toFixed(digits));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const check = (ok: boolean) => (ok ? "met" : "not met");

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ")).join("\n");
}

function report(corpora: CorpusFigures[], slack: SlackFigures[], meta: Record<string, unknown>): string {
  const out: string[] = [];
  const load = meta.loadAverage as number[];
  out.push(
    `lessonbot bench — ${String(meta.date)} — node ${process.version}, ${String(meta.cpus)} CPUs (${String(meta.cpuModel)}), load average ${load.join(" → ")}`,
    "",
  );
  // BENCH_ONLY=slack measures no corpus: only the end-to-end table.
  if (corpora.length > 0) {
    out.push(
      table([
        ["index", "articles", "passages", "broken files", "snapshot size", "snapshot load ms (warm process)"],
        ...corpora.map((c) => [c.name, String(c.articles), String(c.passages), String(c.broken), mb(c.snapshotBytes), f(c.snapshotLoadMs, 0)]),
      ]),
      "",
    );
    out.push(
      table([
        ["cold start (fresh process)", "open ms", "warm-up ms", "ready ms", "process start→ready ms", "first query ms", "rss before load", "rss after load", "heap used"],
        ...corpora.flatMap((c) =>
          (
            [
              ["with snapshot", c.cold.snapshot],
              ["from scratch (saves the snapshot)", c.cold.noSnapshot],
            ] as const
          ).map(([label, s]) => [`${c.name}, ${label}`, f(s.openMs, 0), f(s.warmUpMs, 0), f(coldReadyMs(s), 0), f(s.readyMs, 0), f(s.firstQueryMs, 1), mb(s.rssBefore), mb(s.rss), mb(s.heapUsed)]),
        ),
      ]),
      "",
    );
    out.push(
      table([
        ["corpus reload (watched folder)", "served after ms", "reload ms", "worker ms", "of which warm-up ms", "restore ms (sliced)", "main-thread build ms (sliced)", "longest event-loop block ms"],
        ...corpora.flatMap((c) =>
          (
            [
              ["one file changed", c.reload.changed],
              ["full rebuild (glossary changed)", c.reload.rebuild],
            ] as const
          ).map(([label, r]) => [`${c.name}, ${label}`, f(r.servedMs, 0), f(r.ms, 0), f(r.workerMs, 0), f(r.warmUpMs, 0), f(r.restoreMs, 0), f(r.buildMs, 0), f(r.loopBlockMaxMs, 0)]),
        ),
      ]),
      "",
    );
    out.push(
      table([
        ["search (top 5)", "corpus", "calls", "p50 ms", "p99 ms", "max ms", "queries/s", "hit@3 dev"],
        ...corpora.flatMap((c) =>
          c.search.map((s) => [s.engine, c.name, String(s.latency.n), f(s.latency.p50, 3), f(s.latency.p99, 3), f(s.latency.max, 2), f(s.latency.qps, 0), s.hitAt3 === undefined ? "" : f(s.hitAt3, 3)]),
        ),
      ]),
      "",
    );
    out.push("slowest queries, lessonbot (median ms)");
    for (const c of corpora) {
      for (const q of (c.search.find((s) => s.engine === "lessonbot")?.latency.slowest ?? []).slice(0, 3)) out.push(`  ${c.name.padEnd(16)} ${f(q.medianMs).padStart(7)}  ${q.query}`);
    }
    out.push("");
  }
  if (slack.length > 0) {
    const label = (run: SlackRun) =>
      run.mode === "paced" ? `paced, one request every ${f(1000 / run.rate, 1)} ms` : run.mode === "burst" ? "autocannon, per-second bursts" : "paced, while a reload runs";
    out.push(
      table([
        ["slack /lesson end to end", "corpus", "rate/s", "achieved/s", "requests", "ack p50 ms", "ack p99 ms", "ack max ms", "errors", "answered", "bot CPU ms/req", "bot loop delay p99/max ms"],
        ...slack.flatMap(({ corpus, result }) =>
          [result.paced, ...(result.burst ? [result.burst] : [])].map((run) => [
            label(run),
            corpus,
            String(run.rate),
            f(run.ack.qps, 0),
            String(run.requests),
            f(run.ack.p50),
            f(run.ack.p99),
            f(run.ack.max),
            String(run.errors),
            `${run.answered}/${run.requests}`,
            f(run.bot.cpuMsPerRequest),
            `${f(run.bot.loopDelay.p99, 1)} / ${f(run.bot.loopDelay.max, 0)}`,
          ]),
        ),
      ]),
      "",
    );
  }
  out.push(
    table([
      ["target", "corpus", "goal", "measured", ""],
      ...verdicts(corpora, slack).map((v) => [v.target, v.corpus, v.goal, v.measured, check(v.met)]),
    ]),
  );
  return out.join("\n");
}

interface Verdict {
  target: string;
  corpus: string;
  goal: string;
  measured: string;
  met: boolean;
}

interface SlackFigures {
  corpus: string;
  result: SlackE2eResult;
}

const msText = (n: number | undefined) => (n === undefined ? "–" : n >= 10_000 ? `${f(n / 1000, 1)} s` : `${f(n, n < 10 ? 3 : n < 100 ? 1 : 0)} ms`);

/** The issue's targets next to what this run measured. */
function verdicts(corpora: CorpusFigures[], slack: SlackFigures[]): Verdict[] {
  const out: Verdict[] = [];
  const timeVerdict = (target: string, corpus: string, goalMs: number, measuredMs: number | undefined, extra: { note?: string; ok?: boolean } = {}) => {
    out.push({
      target,
      corpus,
      goal: `≤ ${msText(goalMs)}`,
      measured: `${msText(measuredMs)}${extra.note ? `, ${extra.note}` : ""}`,
      met: measuredMs !== undefined && measuredMs <= goalMs && extra.ok !== false,
    });
  };
  for (const c of corpora) {
    const lessonbot = c.search.find((s) => s.engine === "lessonbot")?.latency;
    if (c.name === "bundled") {
      timeVerdict("search p99", c.name, TARGETS.p99BundledMs, lessonbot?.p99);
      timeVerdict("cold start with snapshot (open + warm-up)", c.name, TARGETS.coldStartSnapshotMs, coldReadyMs(c.cold.snapshot));
    }
    if (c.name === "synthetic-1000") timeVerdict("search p99", c.name, TARGETS.p99ThousandMs, lessonbot?.p99);
    const t = c.targets;
    if (!t) continue;
    timeVerdict("index from scratch (fresh process: load, index, warm up, save snapshot)", c.name, t.fromScratchMs, coldReadyMs(c.cold.noSnapshot));
    timeVerdict("process start → ready, with snapshot", c.name, t.readyWithSnapshotMs, c.cold.snapshot.readyMs);
    timeVerdict("search p50", c.name, t.p50Ms, lessonbot?.p50);
    timeVerdict("search p99", c.name, t.p99Ms, lessonbot?.p99);
    out.push({ target: "RSS after load (snapshot, after GC)", corpus: c.name, goal: `≤ ${mb(t.rssBytes)}`, measured: mb(c.cold.snapshot.rss), met: c.cold.snapshot.rss <= t.rssBytes });
    timeVerdict("one file changed → served", c.name, t.changedServedMs, c.reload.changed.servedMs);
    timeVerdict("longest event-loop block during a reload (one file)", c.name, t.loopBlockMs, c.reload.changed.loopBlockMaxMs);
    timeVerdict("longest event-loop block during a full rebuild", c.name, t.loopBlockMs, c.reload.rebuild.loopBlockMaxMs);
  }
  for (const { corpus, result } of slack) {
    const { paced } = result;
    const during = paced.mode === "reload";
    timeVerdict(`slash ack p99 at ${paced.rate}/s (paced)${during ? " while a reload runs" : ""}, no errors`, corpus, TARGETS.slackAckP99Ms, paced.ack.p99, {
      note: `${paced.errors} errors${during && !result.reload ? ", no reload seen" : ""}`,
      ok: paced.errors === 0 && (!during || result.reload !== undefined),
    });
  }
  return out;
}

// --- main -----------------------------------------------------------------------------------------

/** `--corpus DIR` (every table on that folder only) or `--synthetic N` (on a synthetic corpus of N articles only). */
function argument(name: "--corpus" | "--synthetic"): string | undefined {
  const args = process.argv.slice(2);
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (!value) throw new Error(`${name} needs a value: npm run bench -- --corpus ../shared/library, or -- --synthetic 10000`);
  return value;
}

const isLibrary = (dir: string) => resolve(dir) === LIBRARY || (existsSync(LIBRARY) && realpathSync(dir) === realpathSync(LIBRARY));

/** A copy of `dir` in the scratch folder (the reload probe writes there; the original is never touched). */
async function copyOf(dir: string, scratch: string, name: string): Promise<string> {
  const copy = join(scratch, `corpus-${name.replace(/[^\w.-]+/g, "_")}`);
  await cp(dir, copy, { recursive: true, dereference: true });
  return copy;
}

async function main(): Promise<void> {
  const startedAll = performance.now();
  const loadBefore = loadavg()[0]!;
  const scratch = await mkdtemp(join(tmpdir(), "lessonbot-bench-"));
  const only = argument("--corpus");
  const synthetic = argument("--synthetic");
  try {
    const dev = loadDevCases();
    if (dev.length === 0) log(`no dev queries at ${DEV_FILE}: hit@3 left out`);
    const libraryDev = loadDevCases(LIBRARY_DEV_FILE);
    const specs: CorpusSpec[] = [];
    if (only) {
      const library = isLibrary(only);
      const bundled = resolve(only) === resolve(CORPUS);
      const cases = library ? libraryDev : bundled ? dev : [];
      specs.push({ name: only, dir: await copyOf(only, scratch, "only"), queries: workload(cases), dev: cases, targets: CORPUS_TARGETS.library });
    } else {
      specs.push({ name: "bundled", dir: await copyOf(CORPUS, scratch, "bundled"), queries: workload(dev), dev });
      const { articles: seeds } = await loadCorpus(CORPUS);
      const glossary = await readFile(join(CORPUS, "glossary.yml"), "utf8");
      const counts = ONLY_SLACK ? [] : synthetic ? [Number(synthetic)] : QUICK ? [100] : process.env.BENCH_SKIP_10K === "1" ? [1_000] : [1_000, 10_000];
      if (synthetic) specs.length = 0;
      for (const count of counts) {
        const dir = join(scratch, `synthetic-${count}`);
        await writeSyntheticCorpus(dir, syntheticCorpus(seeds, { count }), glossary);
        const name = `synthetic-${count}`;
        specs.push({ name, dir, queries: workload(dev), ...(name === "synthetic-10000" && { targets: CORPUS_TARGETS["synthetic-10000"] }) });
      }
      if (synthetic) log(`only the synthetic ${synthetic}-article corpus`);
      else if (ONLY_SLACK) log("BENCH_ONLY=slack: the bundled corpus only (--corpus DIR for another)");
      else if (existsSync(LIBRARY)) specs.push({ name: "shared/library", dir: await copyOf(LIBRARY, scratch, "library"), queries: workload(libraryDev), dev: libraryDev, targets: CORPUS_TARGETS.library });
      else log(`no library at ${LIBRARY}: left out`);
    }

    if (process.env.BENCH_ONLY === "reload") {
      for (const spec of specs) {
        const snapshotDir = join(scratch, `snapshots-${spec.name.replace(/[^\w.-]+/g, "_")}`);
        log(`${spec.name}: index from scratch in a fresh process (makes the snapshot)…`);
        const fromScratch = await coldStart(spec.dir, snapshotDir);
        log(`${spec.name}: reloads in a fresh process…`);
        const reload = await inFreshProcess<CorpusFigures["reload"]>("reload-probe.ts", [spec.dir, snapshotDir]);
        const loadAverage = Math.round(loadavg()[0]! * 100) / 100;
        process.stdout.write(`${JSON.stringify({ corpus: spec.name, fromScratchMs: Math.round(coldReadyMs(fromScratch)), reload, loadAverage })}\n`);
      }
      return;
    }

    // First, while this process is small: the load generator runs here, and a full collection of the
    // corpus benchmarks' garbage in the middle of the run would be counted as the bot's ack latency.
    const slack: SlackFigures[] = [];
    if (process.env.BENCH_SKIP_SLACK !== "1") {
      const amount = QUICK ? 200 : TARGETS.slackRate * 5;
      const plain = specs[0]!;
      log(`slack (${plain.name}): signed /lesson requests at ${TARGETS.slackRate}/s, paced then in bursts…`);
      const snapshotDir = join(scratch, "snapshots-slack");
      slack.push({ corpus: plain.name, result: await slackEndToEnd({ corpusDir: plain.dir, snapshotDir, queries: plain.queries, rate: TARGETS.slackRate, amount }) });
      const library = specs.find((s) => s.targets === CORPUS_TARGETS.library);
      if (library) {
        log(`slack (${library.name}): paced /lesson requests at ${TARGETS.slackRate}/s while a reload runs…`);
        const probe = join(library.dir, "zz-bench-slack-reload.md");
        const result = await slackEndToEnd({
          corpusDir: library.dir,
          snapshotDir,
          queries: library.queries,
          rate: TARGETS.slackRate,
          amount,
          duringReload: () => writeFile(probe, "---\ntitle: Reload probe\n---\n\n## Section\n\nA file added while the bot answers.\n"),
        });
        await rm(probe, { force: true });
        slack.push({ corpus: library.name, result });
      }
    }

    const corpora: CorpusFigures[] = [];
    if (!ONLY_SLACK) for (const spec of specs) corpora.push(await benchCorpus(spec, scratch));

    const meta = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? "?",
      quick: QUICK,
      corpora: specs.map((s) => s.name),
      devCases: dev.length,
      libraryDevCases: libraryDev.length,
      seconds: Math.round(ms(startedAll) / 1000),
      /** 1-minute load average before and after: other work on the machine skews every figure. */
      loadAverage: [loadBefore, loadavg()[0]!].map((n) => Math.round(n * 100) / 100),
    };
    const text = report(corpora, slack, meta);
    process.stdout.write(`${text}\n\n(whole run ${meta.seconds} s)\n`);
    await mkdir(RESULTS, { recursive: true });
    const file = join(RESULTS, "latest.json");
    await writeFile(file, `${JSON.stringify({ meta, targets: { ...TARGETS, corpora: CORPUS_TARGETS }, verdicts: verdicts(corpora, slack), corpora, slack }, null, 2)}\n`);
    process.stdout.write(`figures as JSON: ${file}\n`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
