/**
 * The console as a user meets it: `src/main.ts --console` in a real process, typed at through stdin,
 * read back from stdout, on the bundled corpus and a temp database.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cleanEnv, ROOT, startBot, type BotProcess } from "./bot-process.ts";

let bot: BotProcess | undefined;
afterEach(() => {
  bot?.cleanup();
  bot = undefined;
});

/** The number in front of a button label in rendered output, e.g. `[7] More` → 7. */
function choiceNumber(text: string, label: RegExp): number {
  const match = new RegExp(`\\[(\\d+)\\] ${label.source}`).exec(text);
  if (!match) throw new Error(`no ${label} button in:\n${text}`);
  return Number(match[1]);
}

describe("console", () => {
  it("searches, pages, helps, answers questions, ignores empty input and exits 0 on Ctrl-D", async () => {
    bot = startBot(["--console"], { DEFAULT_LOCALE: "en" });
    const banner = await bot.waitFor(/Index ready: \d+ articles, \d+ passages\./);
    expect(banner).toContain("lessonbot local console");
    expect(bot.stdout()).not.toContain("\x1b[");

    // A search: quotes behind bars, with 倦怠 in a quote and an attribution under it.
    const search = await bot.send("/lesson 职业倦怠");
    expect(search).toMatch(/“职业倦怠” · 1–\d+ of \d+/);
    const quoteLines = search.split("\n").filter((line) => line.startsWith("│ "));
    expect(quoteLines.length).toBeGreaterThan(0);
    expect(quoteLines.join("")).toContain("倦怠");
    expect(search).toMatch(/\n {2}— [^\n]*《/);
    expect(search).toMatch(/\[\d+\] Share to channel/);

    // Paging: press the "More" number → the next page.
    const more = choiceNumber(search, /More/);
    const page2 = await bot.send(String(more));
    const firstTo = Number(/1–(\d+) of/.exec(search)![1]);
    expect(page2).toMatch(new RegExp(`“职业倦怠” · ${firstTo + 1}–\\d+ of \\d+`));
    expect(page2.split("\n").some((line) => line.startsWith("│ "))).toBe(true);

    // A number with no button behind it gets a hint, not a crash.
    expect(await bot.send("99")).toMatch(/There is no button 99\. The latest reply's buttons are 1–\d+\./);

    const help = await bot.send("/lesson help");
    expect(help).toContain("How to use lessonbot");
    expect(help).toContain("/lesson random");

    // Q&A through a mention: a threaded answer with quotes, or the console says the bot stays quiet.
    const answer = await bot.send("@lessonbot 开源维护者如何避免职业倦怠？");
    expect(answer).toMatch(/│ |lessonbot stays quiet/);

    // Empty input: just a new prompt.
    expect((await bot.send("")).trim()).toBe("");
    // Plain text is searched as /lesson <text>, with a hint the first time.
    const plain = await bot.send("etcd");
    expect(plain).toContain("(searched as /lesson etcd;");
    expect(plain).toContain("│ ");

    bot.child.stdin.end();
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(bot.stderr()).toBe("");
  });

  it("without tokens: says how to connect Slack and Discord (in Chinese by default) and answers piped lines in order", async () => {
    bot = startBot([], {});
    // Piped before the index is loaded: lines wait for it instead of getting "still loading".
    bot.child.stdin.end("/lesson help\n/lesson random\n");
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    const out = bot.stdout();
    expect(out).toContain("lessonbot 本地控制台");
    expect(out).toContain("SLACK_BOT_TOKEN");
    expect(out).toContain("SLACK_SIGNING_SECRET");
    expect(out).toContain("DISCORD_TOKEN");
    expect(out).toContain("README");
    expect(out).not.toContain("正在加载文章索引");
    expect(out.indexOf("lessonbot 用法")).toBeGreaterThan(0);
    expect(out.indexOf("lessonbot 用法")).toBeLessThan(out.indexOf("随手一读"));
    expect(out.slice(out.indexOf("随手一读"))).toContain("│ ");
  });

  it("shuts down cleanly on SIGTERM, closing the database so settings survive a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lessonbot-db-"));
    const env = { DEFAULT_LOCALE: "en", DATABASE_PATH: join(dir, "bot.db") };
    try {
      bot = startBot(["--console"], env);
      await bot.waitFor(/Index ready/);
      expect(await bot.send("/lesson config respond all")).toContain("this channel now answers all messages");
      bot.signal("SIGTERM");
      expect(await bot.exited).toEqual({ code: 0, signal: null });
      expect(bot.stderr()).toBe("");
      // A clean close checkpoints SQLite's write-ahead log and removes it.
      expect(existsSync(join(dir, "bot.db"))).toBe(true);
      expect(existsSync(join(dir, "bot.db-wal"))).toBe(false);
      bot.cleanup();

      bot = startBot(["--console"], env);
      await bot.waitFor(/Index ready/);
      expect(await bot.send("/lesson config respond")).toContain("This channel answers: all messages");
      bot.child.stdin.end();
      expect((await bot.exited).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("start-up", () => {
  it("refuses a partial Slack config with exit code 2 and a message naming the variable", async () => {
    bot = startBot([], { SLACK_BOT_TOKEN: "xoxb-1234-5678-zqxleakPARTIALsecret" });
    const { code } = await bot.exited;
    expect(code).toBe(2);
    expect(bot.stderr()).toContain("SLACK_SIGNING_SECRET is missing: Slack needs it with SLACK_BOT_TOKEN");
    expect(bot.stderr()).toContain("Basic Information → App Credentials");
    expect(bot.stderr() + bot.stdout()).not.toMatch(/zqxleak/i);
  });

  it("exits 1 with a clear message when the corpus folder or the database can't be opened", async () => {
    bot = startBot(["--console"], { DEFAULT_LOCALE: "en", CORPUS_DIR: "/nonexistent/corpus" });
    expect((await bot.exited).code).toBe(1);
    expect(bot.stdout()).toContain("The index failed to load: ENOENT");
    bot.cleanup();

    // A database path under a regular file cannot be created.
    bot = startBot(["--console"], { DATABASE_PATH: join(ROOT, "package.json", "bot.db") });
    expect((await bot.exited).code).toBe(1);
    expect(bot.stderr()).toContain("cannot open the database at DATABASE_PATH=");
  });

  it("exits 2 on an unknown option", async () => {
    bot = startBot(["--consol"], {});
    expect((await bot.exited).code).toBe(2);
    expect(bot.stderr()).toContain("unknown option --consol");
  });

  it("npm start with a partial Slack config exits 2 with the message", async () => {
    const child = spawn("npm", ["start", "--silent"], { cwd: ROOT, env: cleanEnv({ SLACK_SIGNING_SECRET: "0123456789abcdefzqxleakSECRETtail" }) });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toContain("SLACK_BOT_TOKEN is missing");
    expect(stderr).not.toMatch(/zqxleak/i);
  });
});
