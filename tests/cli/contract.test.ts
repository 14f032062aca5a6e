/**
 * The CLI contract (issue #11, item 8): `--help` everywhere exits 0; no arguments prints the usage (0); an
 * unknown command exits 2; the top-level usage lists every command's flags; every command reads the
 * library from `--corpus DIR`, else `CORPUS_DIR`. Plus `report` over a real bot database.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/dispatch.ts";
import { USAGES } from "../../src/cli/usage.ts";
import { createCore } from "../../src/app/core.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { captureOutput } from "../support/output.ts";

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MAIN = join(ROOT, "src/cli/main.ts");
const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

/** The real CLI in a child process: exit code, stdout, stderr. */
async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ["--import", TSX, MAIN, ...args], { cwd: tmpdir(), encoding: "utf8", env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** `main()` in-process with stdout/stderr captured. */
async function inProcess(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const output = captureOutput();
  try {
    const code = await main(args);
    return { code, out: output.stdout, err: output.stderr };
  } finally {
    output.restore();
  }
}

let dir: string;
let corpus: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lessonbot-cli-"));
  corpus = join(dir, "library");
  mkdirSync(corpus);
  writeFileSync(
    join(corpus, "harbor-notes.md"),
    "---\ntitle: Harbor Notes\nauthor: Kim Lee\ndate: 2024-05-06\nlang: en\nlessons:\n  add:\n    - title: Check every line twice\n      text: A harbor pilot checks every mooring line twice before the tide turns, because a loose line breaks under load.\n---\n\n## Mooring\n\nA harbor pilot checks every mooring line twice before the tide turns, because a loose line breaks under load.\n",
  );
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  delete process.env.CORPUS_DIR;
  delete process.env.DATABASE_PATH;
  delete process.env.DEFAULT_LOCALE;
});

describe("cli usage and exit codes (a real process)", () => {
  it("--help and no arguments print every command with its flags on stdout and exit 0; an unknown command exits 2", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    for (const [name, usage] of Object.entries(USAGES)) {
      expect(help.stdout).toContain(usage.synopsis);
      for (const flag of usage.flags) expect(help.stdout, `${name} ${flag}`).toContain(flag.split(/\s{2,}/)[0]!);
    }
    expect(help.stdout).toContain("--queries FILE");
    expect(help.stdout).toContain("--slug S");
    const bare = await cli([]);
    expect(bare).toMatchObject({ code: 0, stdout: help.stdout });
    const unknown = await cli(["serach", "x"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "serach"');
    expect(unknown.stdout).toBe("");
  });

  it("search --help answers with its usage and exit 0 (it was 'unknown option')", async () => {
    const help = await cli(["search", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("usage: npm run -s cli -- search");
    expect(help.stdout).toContain("--queries FILE");
  });
});

describe("every command", () => {
  it("answers --help and -h with its own usage, exit 0", async () => {
    for (const name of Object.keys(USAGES)) {
      for (const flag of ["--help", "-h"]) {
        const { code, out } = await inProcess([name, flag]);
        expect(code, `${name} ${flag}`).toBe(0);
        expect(out).toContain(`usage: npm run -s cli -- ${name}`);
      }
    }
    // After `--`, --help is a query, not a flag.
    expect((await inProcess(["search", "--json", "--no-snapshot", "--corpus", corpus, "--", "--help"])).out.trim()).toBe("[]");
  });

  it("reads the library from --corpus DIR and from CORPUS_DIR", async () => {
    const byFlag = await inProcess(["search", "--json", "--no-snapshot", "--corpus", corpus, "mooring line"]);
    expect(JSON.parse(byFlag.out)[0]).toMatchObject({ title: "Harbor Notes" });
    process.env.CORPUS_DIR = corpus;
    const byEnv = await inProcess(["search", "--json", "--no-snapshot", "mooring line"]);
    expect(JSON.parse(byEnv.out)[0]).toMatchObject({ title: "Harbor Notes" });
    const lessons = await inProcess(["lessons", "--json"]);
    expect(new Set((JSON.parse(lessons.out) as { article: string }[]).map((l) => l.article))).toEqual(new Set(["Harbor Notes"]));
    const check = await inProcess(["check"]);
    expect(check).toMatchObject({ code: 0 });
    expect(check.out).toContain(`${corpus}: 1 article`);
    delete process.env.CORPUS_DIR;
    const checkFlag = await inProcess(["check", "--corpus", corpus]);
    expect(checkFlag.out).toContain(`${corpus}: 1 article`);
    // `import` writes into the library: CORPUS_DIR by default, --corpus DIR when given.
    const page = fileURLToPath(new URL("../fixtures/corpus-import/page.html", import.meta.url));
    const target = join(dir, "imported");
    mkdirSync(target);
    process.env.CORPUS_DIR = target;
    const imported = await inProcess(["import", page, "--slug", "imported-page"]);
    expect(imported.code).toBe(0);
    expect(existsSync(join(target, "imported-page.md"))).toBe(true);
    delete process.env.CORPUS_DIR;
    const other = join(dir, "other");
    mkdirSync(other);
    expect((await inProcess(["import", page, "--slug", "imported-page", "--corpus", other])).code).toBe(0);
    expect(existsSync(join(other, "imported-page.md"))).toBe(true);
    const lessonsFlag = await inProcess(["lessons", "--json", "--corpus", corpus]);
    expect(lessonsFlag.code).toBe(0);
    expect(lessonsFlag.out).toContain("Harbor Notes");
  });
});

describe("cli report", () => {
  it("reports a bot database: questions, gaps and delivery, as text and as JSON, for one channel or all", async () => {
    const dbPath = join(dir, "bot.db");
    const core = await createCore({ corpusDir: corpus, dbPath, log: silentLogger(), snapshotDir: false, defaultLocale: "en" });
    const ctx = (channelId: string) => ({ platform: "slack" as const, actor: { id: "U1", canManageChannel: true }, channelId, requestId: "r", log: silentLogger() });
    await core.commands.runText("mooring line", ctx("C1"));
    await core.commands.runText("mooring line", ctx("C2"));
    await core.commands.runText("volcano", ctx("C1"));
    const post = { platform: "slack" as const, channelId: "C1", localDate: "2026-01-05" };
    await core.store.claimPost({ ...post, lessonId: "l1", cycle: 0, owner: "me", leaseUntil: new Date(Date.now() + 60_000), claimedAt: new Date() });
    await core.store.updatePost(post, "me", { status: "posted", postedAt: new Date() });
    await core.close();

    process.env.DEFAULT_LOCALE = "en";
    const text = await inProcess(["report", "--db", dbPath, "--corpus", corpus, "--since", "24h"]);
    expect(text.code).toBe(0);
    expect(text.out).toContain("lessonbot report · last 24 hours");
    expect(text.out).toContain("3 questions: 1 found nothing");
    expect(text.out).toMatch(/Asked most:\n1\. mooring line \(2×\)/);
    expect(text.out).toMatch(/gaps[^\n]*\n(\d\. [^\n]*\n)*\d\. volcano \(1×, nothing\)/);
    expect(text.out).toContain("Daily lesson:\nslack:C1: 1 posted, 0 failed, 0 pending; last 2026-01-05 (posted) (unsubscribed)");

    // The bot's default language, read as the bot reads it: unset means zh, and zh-CN is zh.
    for (const setting of [undefined, "zh-CN", "ZH"]) {
      if (setting === undefined) delete process.env.DEFAULT_LOCALE;
      else process.env.DEFAULT_LOCALE = setting;
      const zh = await inProcess(["report", "--db", dbPath, "--corpus", corpus, "--since", "24h"]);
      expect(zh.code).toBe(0);
      expect(zh.out, `DEFAULT_LOCALE=${setting}`).toContain("lessonbot 报告 · 最近 24 小时");
    }

    process.env.DATABASE_PATH = dbPath;
    const json = await inProcess(["report", "--json", "--channel", "slack:C2", "--corpus", corpus]);
    const report = JSON.parse(json.out) as { questions: number; channel: unknown; gaps: { query: string }[] };
    expect(report).toMatchObject({ questions: 1, nothingFound: 0, channel: { platform: "slack", channelId: "C2" }, topQuestions: [{ query: "mooring line", count: 1 }] });
    expect(report.gaps.map((g) => g.query)).not.toContain("volcano");

    expect((await inProcess(["report", "--since", "forever"])).code).toBe(2);
    expect((await inProcess(["report", "--channel", "C2"])).err).toContain("PLATFORM:ID");
    const missing = await inProcess(["report", "--db", join(dir, "nope.db")]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("no database at");
  });
});
