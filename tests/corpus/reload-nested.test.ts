/**
 * A running bot on a nested library: two `index.md` files in different folders are two articles, and an
 * edit deep in the tree is served after a reload without touching its namesake.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createCore, type Core } from "../../src/app/core.ts";
import { captureLog, eventually } from "../snapshot/helpers.ts";
import { tempDir } from "./helpers.ts";

describe("reload on a nested library", () => {
  let dir: string;
  let cleanup: () => void;
  let core: Core | undefined;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir("reload-nested"));
    mkdirSync(join(dir, "lib", "sales"), { recursive: true });
    mkdirSync(join(dir, "lib", "support"), { recursive: true });
    writeFileSync(join(dir, "lib", "sales", "index.md"), "# Sales\n\nThe sales team answers pricing questions about the violet submarine plan.\n");
    writeFileSync(join(dir, "lib", "support", "index.md"), "# Support\n\nThe support team answers every ticket within one business day.\n");
  });
  afterEach(async () => {
    await core?.close();
    core = undefined;
    cleanup();
  });

  it("keeps same-named files apart and serves an edit two folders down", async () => {
    const capture = captureLog();
    core = await createCore({ corpusDir: join(dir, "lib"), dbPath: join(dir, "data", "bot.db"), log: capture.log, watch: { debounceMs: 50, pollMs: 200 } });
    const c = core;
    expect(c.engine().articles().map((a) => [a.meta.id, a.meta.title])).toEqual([
      ["sales", "Sales"],
      ["support", "Support"],
    ]);
    writeFileSync(join(dir, "lib", "support", "index.md"), "# Support\n\nThe support team now answers every ticket about the orange volcano within an hour.\n");
    await eventually(() => c.engine().search("orange volcano", { limit: 5 }).hits.some((h) => h.passage.includes("orange volcano")), "the edit is served");
    expect(c.engine().search("violet submarine", { limit: 5 }).hits.some((h) => h.passage.includes("violet submarine"))).toBe(true);
    const [reloaded] = capture.find("corpus reloaded");
    expect(reloaded?.updated).toEqual(["support/index.md"]);
  });
});
