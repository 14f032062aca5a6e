import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { watchCorpus, type CorpusWatcher } from "../../src/corpus/watch.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { eventually } from "../snapshot/helpers.ts";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("corpus watcher", () => {
  let dir: string;
  let watcher: CorpusWatcher | undefined;
  let calls: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "lessonbot-watch-"));
    writeFileSync(join(dir, "a.md"), "one");
    calls = 0;
  });
  afterEach(() => {
    watcher?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("turns a burst of file events into one call", async () => {
    watcher = watchCorpus(dir, () => calls++, { log: silentLogger(), debounceMs: 300, pollMs: 0 });
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, `b${i}.md`), `text ${i}`);
    writeFileSync(join(dir, "glossary.yml"), "a: 乙");
    await eventually(() => calls > 0, "the watcher reports");
    await pause(500);
    expect(calls).toBe(1);
  });

  it("notices changes by polling alone (where fs.watch is unavailable)", async () => {
    watcher = watchCorpus(dir, () => calls++, { log: silentLogger(), debounceMs: 20, pollMs: 50, native: false });
    await pause(120); // the first poll records the starting state
    writeFileSync(join(dir, "a.md"), "one, edited to a different size");
    await eventually(() => calls === 1, "the poll reports the edit");
    rmSync(join(dir, "a.md"));
    await eventually(() => calls === 2, "the poll reports the removal");
  });

  it("ignores files that are neither articles nor the glossary", async () => {
    watcher = watchCorpus(dir, () => calls++, { log: silentLogger(), debounceMs: 20, pollMs: 50 });
    await pause(120);
    writeFileSync(join(dir, "photo.png"), "not an article");
    writeFileSync(join(dir, ".draft.md"), "hidden");
    await pause(400);
    expect(calls).toBe(0);
    writeFileSync(join(dir, "c.md"), "an article");
    await eventually(() => calls === 1, "the article is reported");
  });

  it("calls nothing after close", async () => {
    watcher = watchCorpus(dir, () => calls++, { log: silentLogger(), debounceMs: 100, pollMs: 30 });
    writeFileSync(join(dir, "d.md"), "pending when closed");
    watcher.close();
    await pause(400);
    expect(calls).toBe(0);
  });
});
