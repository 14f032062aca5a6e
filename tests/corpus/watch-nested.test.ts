/** Reload sees nested folders: a change deep in the tree is noticed by fs.watch and by the poll alone. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { watchCorpus, type CorpusWatcher } from "../../src/corpus/watch.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { eventually } from "../snapshot/helpers.ts";
import { tempDir } from "./helpers.ts";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("watching a nested library", () => {
  let dir: string;
  let cleanup: () => void;
  let watcher: CorpusWatcher | undefined;
  let calls: number;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir("watch-nested"));
    mkdirSync(join(dir, "team", "ops"), { recursive: true });
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, "team", "ops", "runbook.md"), "# Runbook\n\nFirst version.\n");
    calls = 0;
  });
  afterEach(() => {
    watcher?.close();
    cleanup();
  });

  it.each([
    ["fs.watch", { native: true, pollMs: 0 }],
    ["the poll alone", { native: false, pollMs: 50 }],
  ])("notices an edit two folders down with %s, and ignores hidden folders and non-documents", async (_name, mode) => {
    watcher = watchCorpus(dir, () => calls++, { log: silentLogger(), debounceMs: 30, ...mode });
    await pause(200);
    writeFileSync(join(dir, ".git", "index.md"), "hidden");
    writeFileSync(join(dir, "team", "ops", "diagram.png"), "not a document");
    await pause(400);
    expect(calls).toBe(0);
    writeFileSync(join(dir, "team", "ops", "runbook.md"), "# Runbook\n\nSecond, longer version of the text.\n");
    await eventually(() => calls === 1, "the nested edit is reported");
    mkdirSync(join(dir, "team", "new"));
    writeFileSync(join(dir, "team", "new", "page.html"), "<h1>New</h1><p>A new page.</p>");
    await eventually(() => calls >= 2, "a document in a new folder is reported");
  });

  /** Inotify watches this process holds (Linux: one `inotify wd:` line per watch in the inotify fd's fdinfo). */
  const inotifyWatches = () =>
    readdirSync("/proc/self/fdinfo").reduce((sum, fd) => {
      try {
        return sum + readFileSync(`/proc/self/fdinfo/${fd}`, "utf8").split("\n").filter((line) => line.startsWith("inotify wd:")).length;
      } catch {
        return sum;
      }
    }, 0);

  it.runIf(process.platform === "linux")("watches each folder once, not each file, and follows folders as they come and go", async () => {
    // Node's recursive fs.watch on Linux watches every file and lists the folder synchronously at each event.
    for (let i = 0; i < 300; i++) writeFileSync(join(dir, "team", `note-${i}.md`), `# Note ${i}\n\nText.\n`);
    const before = inotifyWatches();
    watcher = watchCorpus(dir, () => calls++, { log: silentLogger(), debounceMs: 30, pollMs: 0 });
    // The root, team and team/ops; .git is skipped.
    await eventually(() => inotifyWatches() - before === 3, "one watch per folder");
    mkdirSync(join(dir, "team", "later"));
    await eventually(() => inotifyWatches() - before === 4, "a new folder is watched");
    const seen = calls;
    writeFileSync(join(dir, "team", "later", "page.md"), "# Later\n\nA page in the new folder.\n");
    await eventually(() => calls > seen, "a document in the new folder is reported by its folder's watch");
    rmSync(join(dir, "team", "later"), { recursive: true });
    await eventually(() => inotifyWatches() - before === 3, "a removed folder's watch is dropped");
    watcher.close();
    watcher = undefined;
    await eventually(() => inotifyWatches() === before, "closing drops every watch");
  });
});
