/** Reload sees nested folders: a change deep in the tree is noticed by fs.watch and by the poll alone. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
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
});
