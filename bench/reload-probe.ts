/**
 * One corpus reload as a user sees it, in a fresh process: a core watching the folder (default debounce
 * and poll, snapshots on), one article added, then the time until searches find it, the reload's own
 * figures from its log line, and the longest the event loop was blocked from the change until the new
 * snapshot was saved (what a request arriving during a reload may wait). The probe article is removed
 * again afterwards.
 *
 *   node --import tsx bench/reload-probe.ts <writable corpusDir> <snapshotDir>
 * prints one JSON line.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
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

const PROBE_ID = "zz-bench-reload-probe";
const PHRASE = "紫罗兰潜水艇";
const reloads: { ms: number; warmUpMs: number }[] = [];
let snapshotsSaved = 0;
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line.includes('"index snapshot saved"')) snapshotsSaved++;
      if (!line.includes('"corpus reloaded"')) continue;
      const { ms, warmUpMs } = JSON.parse(line) as { ms: number; warmUpMs: number };
      reloads.push({ ms, warmUpMs });
    }
    done();
  },
});
const until = async (done: () => boolean, what: string, since: number) => {
  while (!done()) {
    if (performance.now() - since > 120_000) throw new Error(`${what}: not within two minutes`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
const scratch = await mkdtemp(join(tmpdir(), "lessonbot-bench-reload-"));
const probe = join(corpusDir, `${PROBE_ID}.md`);
const core = await createCore({ corpusDir, dbPath: join(scratch, "bot.db"), log: createLogger({ level: "info", destination: sink }), snapshotDir, watch: true });
try {
  const savedAtStart = snapshotsSaved;
  const found = () => core.engine().search(PHRASE).hits.some((hit) => hit.articleId === PROBE_ID);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const written = performance.now();
  await writeFile(probe, `---\ntitle: 重载探针\nauthor: bench\nlang: zh\n---\n\n## 小节\n\n这篇文章只为测量重载:${PHRASE}。\n`);
  await until(found, "the added article served", written);
  const servedMs = performance.now() - written;
  await until(() => snapshotsSaved > savedAtStart, "the reloaded index saved", written);
  loop.disable();
  process.stdout.write(`${JSON.stringify({ servedMs, ...reloads[0], loopBlockMaxMs: loop.max / 1e6 })}\n`);
} finally {
  await rm(probe, { force: true });
  await core.close();
  await rm(scratch, { recursive: true, force: true });
}
