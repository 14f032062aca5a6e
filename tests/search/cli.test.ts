/**
 * `cli search`: the relevance scorer's contract (a JSON array of hits on stdout, nothing else), the
 * readable form, `--corpus`, and argument errors.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { parseArgs, readable } from "../../src/cli/search.ts";
import type { SearchResult } from "../../src/search/types.ts";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MAIN = join(ROOT, "src/cli/main.ts");
/** tsx's loader by absolute URL: the child runs in another directory, where `--import tsx` would not resolve. */
const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
const cli = (args: string[]) => run(process.execPath, ["--import", TSX, MAIN, ...args], { cwd: tmpdir(), encoding: "utf8" });

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("cli search", () => {
  it("prints only a JSON array of hits with title, section, passage, quote and score", async () => {
    // Run from another directory: the default corpus is found from the module, not the cwd.
    const { stdout } = await cli(["search", "--json", "--no-snapshot", "--limit", "3", "职业倦怠"]);
    const hits = JSON.parse(stdout) as Record<string, unknown>[];
    expect(Array.isArray(hits)).toBe(true);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(3);
    for (const hit of hits) {
      expect(hit).toEqual(expect.objectContaining({ title: expect.any(String), section: expect.any(String), passage: expect.any(String), quote: expect.any(String), score: expect.any(Number) }));
      expect(hit.passage as string).toContain((hit.quote as string).replace(/^…|…$/g, ""));
    }
    expect(String(hits[0]!.passage)).toContain("倦怠");
  });

  it("searches another corpus, reporting broken files on stderr only", async () => {
    const dir = await mkdtemp(join(tmpdir(), "corpus-"));
    dirs.push(dir);
    await writeFile(join(dir, "good.md"), "---\ntitle: 测试文章\nlang: zh\n---\n\n## 治理\n\n开源治理是非常困难的。没有一个适合所有项目的治理方法。\n");
    await writeFile(join(dir, "broken.md"), "");
    const { stdout, stderr } = await cli(["search", "--json", "--no-snapshot", "--corpus", dir, "治理"]);
    const hits = JSON.parse(stdout) as { title: string; section: string }[];
    expect(hits[0]).toMatchObject({ title: "测试文章", section: "治理" });
    expect(stderr).toContain("broken.md");
  });
  it("--queries answers one query a line with one JSON array a line, in order, loading the index once", async () => {
    const dir = await mkdtemp(join(tmpdir(), "queries-"));
    dirs.push(dir);
    const file = join(dir, "q.txt");
    await writeFile(file, "职业倦怠\n\n   \nxyzzyqqq\n开源治理\n");
    const { stdout } = await cli(["search", "--json", "--no-snapshot", "--limit", "2", "--queries", file]);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    const [burnout, nothing, governance] = lines.map((line) => JSON.parse(line) as { passage: string }[]);
    expect(burnout![0]!.passage).toContain("倦怠");
    expect(nothing).toEqual([]);
    expect(governance!.length).toBeGreaterThan(0);
    expect(governance!.length).toBeLessThanOrEqual(2);
    await expect(cli(["search", "--queries", join(dir, "missing.txt")])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("missing.txt") });
  });
});

describe("arguments and readable output", () => {
  it("parses options anywhere before the query words", () => {
    expect(parseArgs(["--limit", "2", "--json", "开源", "治理"])).toMatchObject({ json: true, snapshot: true, limit: 2, query: "开源 治理" });
    expect(parseArgs(["--no-snapshot", "开源"])).toMatchObject({ snapshot: false, query: "开源" });
    expect(parseArgs(["--", "--json"])).toMatchObject({ json: false, query: "--json" });
    expect(parseArgs(["--limit", "x", "a"])).toMatch(/whole number/);
    expect(parseArgs(["--nope", "a"])).toMatch(/unknown option/);
    expect(parseArgs(["--json"])).toMatch(/search for/);
  });

  it("renders quotes with marks, attribution and suggestions", () => {
    const result: SearchResult = {
      query: "倦怠",
      truncated: false,
      total: 3,
      suggestions: ["职业倦怠"],
      hits: [
        {
          passageId: "a:0",
          articleId: "a",
          sectionPath: ["经验教训"],
          passage: "不要忽视倦怠。",
          quote: "不要忽视倦怠。",
          quoteSegments: [{ text: "不要忽视" }, { text: "倦怠", mark: true }, { text: "。" }],
          score: 1,
          coverage: 1,
          strong: true,
          speaker: "Matt Klein",
          title: "Envoy",
          section: "经验教训",
          url: "https://example.test/a",
        },
      ],
    };
    const plain = readable(result, false);
    expect(plain).toContain("1. 「不要忽视倦怠。」");
    expect(plain).toContain("— Matt Klein · Envoy · 经验教训");
    expect(plain).toContain("https://example.test/a");
    expect(plain).toContain("Try: 职业倦怠");
    expect(readable(result, true)).toContain("\u001b[1m倦怠\u001b[22m");
    expect(readable({ ...result, query: "", hits: [], total: 0 }, false)).toContain("What should I search for?");
  });
});
