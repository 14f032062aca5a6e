/**
 * The console as a newcomer used it (issue #15), on the real core in-process: pressing 👍 or Share keeps
 * the reply's other buttons; plain lines follow the channel's respond mode once one is set; the one-time
 * note says what a plain line did (searched, or ran a command); sources, stats and paging work by number.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/app/core.ts";
import { startConsole, type ConsoleSession } from "../../adapters/console/console.ts";
import { silentLogger } from "../../src/log/logger.ts";

const corpusDir = join(import.meta.dirname, "../../corpus");
let dir: string;
let core: Core;
let session: { console: ConsoleSession; type(line: string): Promise<string> };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "lessonbot-console-"));
  core = await createCore({ corpusDir, dbPath: join(dir, "bot.db"), log: silentLogger(), snapshotDir: false, defaultLocale: "en" });
  const input = new PassThrough();
  const output = new PassThrough();
  let out = "";
  output.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  const console = startConsole({ commands: core.commands, input, output, log: silentLogger(), locale: "en", color: false, userName: "ana" });
  session = {
    console,
    async type(line: string) {
      const from = out.length;
      input.write(`${line}\n`);
      while (!out.slice(from).includes("lessonbot> ")) await new Promise((r) => setTimeout(r, 2));
      return out.slice(from);
    },
  };
});
afterEach(async () => {
  session.console.close();
  await session.console.done;
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `[n] label` → n. */
const numberOf = (text: string, label: string): number => {
  const match = new RegExp(`\\[(\\d+)\\] ${label}`).exec(text);
  if (!match) throw new Error(`no ${label} in ${text}`);
  return Number(match[1]);
};

describe("console buttons", () => {
  it("👍, 👎 and Share leave the reply's other buttons pressable, with the same numbers", async () => {
    const search = await session.type("/lesson 职业倦怠");
    const helpful = numberOf(search, "👍 Helpful");
    const share = numberOf(search, "Share to channel");
    const more = numberOf(search, "More");
    expect(await session.type(String(helpful))).toContain("Thanks for the feedback!");
    const shared = await session.type(String(share));
    expect(shared).toContain("Shared by ana");
    expect(shared).not.toContain("There is no button");
    // 👎 on the second quote (one vote per person and quote: 👎 on the first would change the 👍).
    const secondDown = [...search.matchAll(/\[(\d+)\] 👎 Not helpful/g)][1]![1]!;
    expect(await session.type(secondDown)).toContain("Thanks, we'll use that to improve.");
    // And the reply's own button still pages.
    expect(await session.type(String(more))).toMatch(/“职业倦怠” · 4–\d+ of \d+/);
    const votes = await core.history.usage({ since: new Date(0), limit: 5 });
    expect(votes.mostHelpful).toHaveLength(1);
    expect(votes.leastHelpful).toHaveLength(1);
  });

  it("/lesson sources lists the bundled articles; stats shows what was asked", async () => {
    const sources = await session.type("/lesson sources");
    expect(sources).toContain("The library: 5 articles · 1–5");
    expect(sources).toMatch(/1\. .+\n {3}.+ · \d+ passages · \d+ lessons/);
    await session.type("/lesson 火箭");
    const stats = await session.type("/lesson stats");
    expect(stats).toContain("This channel over the last 7 days");
    expect(stats).toMatch(/1\. 火箭 \(1×, nothing\)/);
  });
});

describe("plain lines", () => {
  it("under the default respond mode are searched; a line that is a command runs it, and the note says so", async () => {
    const searched = await session.type("etcd");
    expect(searched).toContain("(searched as /lesson etcd;");
    const ran = await session.type("daily status");
    expect(ran).toContain("(ran as the command /lesson daily status;");
    expect(ran).not.toContain("searched");
    expect(ran).toContain("This channel has no daily lesson.");
  });

  it("after `config respond questions` behave like channel messages: questions answered, chatter quiet", async () => {
    expect(await session.type("/lesson config respond questions")).toContain("Done: this channel now answers questions");
    const question = await session.type("开源维护者如何避免职业倦怠？");
    expect(question).toContain("respond mode is questions");
    expect(question).toContain("│ ");
    // Answers in a thread carry no Share button (nothing to share from a thread).
    expect(question).not.toContain("Share to channel");
    const chatter = await session.type("今天天气不错");
    expect(chatter).toContain("lessonbot stays quiet: under respond mode questions");
    expect(chatter).not.toContain("│ ");
    await session.type("/lesson config respond mentions");
    expect(await session.type("etcd")).toContain("(searched as /lesson etcd;");
  });
});
