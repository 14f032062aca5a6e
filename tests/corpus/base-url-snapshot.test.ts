/** The index snapshot is keyed by CORPUS_BASE_URL too: changing it never serves links from an old snapshot. */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openEngine } from "../../src/search/open.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { tempDir } from "./helpers.ts";

const { dir, cleanup } = tempDir("base-url");
afterAll(cleanup);
afterEach(() => {
  delete process.env.CORPUS_BASE_URL;
});

describe("CORPUS_BASE_URL and the index snapshot", () => {
  it("links articles to the base and rebuilds when the base changes", async () => {
    const lib = join(dir, "lib");
    mkdirSync(join(lib, "guides"), { recursive: true });
    writeFileSync(join(lib, "guides", "deploy.md"), "# Deploying\n\nDeploys go out every weekday morning after the checks pass.\n");
    const snapshots = join(dir, "snapshots");
    const urlOf = async () => {
      const opened = await openEngine(lib, silentLogger(), { snapshotDir: snapshots });
      return { source: opened.source, url: opened.engine.articles()[0]?.meta.url };
    };

    process.env.CORPUS_BASE_URL = "https://docs.example.com/";
    expect(await urlOf()).toEqual({ source: "built", url: "https://docs.example.com/guides/deploy" });
    expect(await urlOf()).toEqual({ source: "snapshot", url: "https://docs.example.com/guides/deploy" });
    process.env.CORPUS_BASE_URL = "https://handbook.example.org/team/";
    expect(await urlOf()).toEqual({ source: "built", url: "https://handbook.example.org/team/guides/deploy" });
    delete process.env.CORPUS_BASE_URL;
    expect(await urlOf()).toEqual({ source: "built", url: undefined });
  });
});
