/**
 * `/lesson sources` and `/lesson stats` through a real discord.js Client against the fake Discord: the
 * subcommands are registered with their options, the library is listed a page at a time (buttons edit the
 * message in place), and stats are for members with Manage Channels.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createCore, type Core } from "../../src/app/core.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { startHarness, ALICE, MOD, type Harness } from "./harness.ts";
import { violations } from "./invariants.ts";
import { botMessage, opt, type OptionPayload } from "../fakes/discord/payloads.ts";
import { lessonCommand } from "../../adapters/discord/commands/index.ts";
import { writeLibrary } from "../support/library-fixture.ts";

type Json = Record<string, unknown>;
const EPHEMERAL = 64;
const INTEGER = 4;

let dir: string;
let library: Core;
let h: Harness;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lessonbot-discord-sources-"));
  writeLibrary(join(dir, "library"), 23);
  library = await createCore({ corpusDir: join(dir, "library"), dbPath: join(dir, "bot.db"), log: silentLogger(), defaultLocale: "en", snapshotDir: false });
  // The harness's client and fake Discord, answering from this library.
  h = await startHarness({ deferAfterMs: 10_000, wrap: () => library });
});
afterAll(async () => {
  await h?.close();
  await library?.close();
  rmSync(dir, { recursive: true, force: true });
});

const embeds = (data: Json) => (data.embeds ?? []) as Json[];
const buttons = (data: Json) => ((data.components ?? []) as Json[]).flatMap((row) => (row.components ?? []) as Json[]);
const isEphemeral = (data: Json) => (Number(data.flags ?? 0) & EPHEMERAL) === EPHEMERAL;
const sources = (options: OptionPayload[] = []) => [opt.sub("sources", options)];

describe("registration", () => {
  test("/lesson has sources (filter, page) and stats (since) subcommands, described in Chinese too", () => {
    const json = lessonCommand.toJSON() as unknown as { options: { name: string; options?: { name: string }[]; description_localizations?: Record<string, string> }[] };
    const byName = new Map(json.options.map((o) => [o.name, o]));
    expect(byName.get("sources")?.options?.map((o) => o.name)).toEqual(["filter", "page"]);
    expect(byName.get("stats")?.options?.map((o) => o.name)).toEqual(["since"]);
    expect(byName.get("sources")?.description_localizations?.["zh-CN"]).toContain("文章库");
  });
});

describe("/lesson sources in Discord", () => {
  test("lists the library privately, each title bold with its details and link, and pages with buttons", async () => {
    const first = await h.command(sources());
    expect(first.type).toBe(4);
    expect(isEphemeral(first.data)).toBe(true);
    expect(violations(first.data)).toEqual([]);
    const [embed] = embeds(first.data);
    expect(String(embed!.title)).toBe("The library: 23 articles · 1–10");
    const description = String(embed!.description);
    // Markup in titles is escaped; the author that tries to ping is broken up.
    expect(description).toContain("**Field note 22: keeping \\*watch\\* \\[1\\]**\nWriter 2 · 2024-01-23 · 1 passage");
    expect(description).toContain("\nhttps://notes.example.com/field_22\n");
    expect(description).not.toMatch(/@everyone/);
    expect(description.split("\n").filter((line) => line.startsWith("**Field note"))).toHaveLength(10);
    const [next] = buttons(first.data);
    expect(next!.label).toBe("Next page ›");

    const second = await h.press(String(next!.custom_id), botMessage({ ...first.data, flags: EPHEMERAL }));
    expect(second.type).toBe(7);
    expect(String(embeds(second.data)[0]!.title)).toBe("The library: 23 articles · 11–20");
    expect(buttons(second.data).map((b) => b.label)).toEqual(["‹ Previous", "Next page ›"]);
    expect(violations(second.data)).toEqual([]);
  });

  test("page and filter options; Chinese users get Chinese headings", async () => {
    const last = await h.command(sources([{ name: "page", type: INTEGER, value: 3 }]));
    expect(String(embeds(last.data)[0]!.title)).toBe("The library: 23 articles · 21–23");
    const one = await h.command(sources([opt.string("filter", "note-07")]));
    expect(String(embeds(one.data)[0]!.title)).toBe("1 article matching “note-07”");
    const zh = await h.command(sources(), { user: ALICE, locale: "zh-CN" });
    expect(String(embeds(zh.data)[0]!.title)).toBe("文章库：共 23 篇 · 第 1–10 篇");
  });
});

describe("/lesson stats in Discord", () => {
  test("refused without Manage Channels; a moderator sees the channel's questions and gaps", async () => {
    await h.command([opt.sub("search", [opt.string("query", "night watch")])]);
    await h.command([opt.sub("search", [opt.string("query", "volcano eruption")])]);
    const refused = await h.command([opt.sub("stats")], { user: ALICE });
    expect(isEphemeral(refused.data)).toBe(true);
    expect(String(embeds(refused.data)[0]!.description)).toContain("Only people who manage this channel");

    const stats = await h.command([opt.sub("stats", [opt.string("since", "30d")])], { user: MOD });
    expect(isEphemeral(stats.data)).toBe(true);
    expect(violations(stats.data)).toEqual([]);
    const [embed] = embeds(stats.data);
    expect(String(embed!.title)).toBe("This channel over the last 30 days");
    const description = String(embed!.description);
    expect(description).toMatch(/\d+ questions: \d+ found nothing/);
    expect(description).toContain("volcano eruption (1×, nothing)");
  });
});

describe("first-week rough edges in Discord", () => {
  test("daily set with UTC+8 or Asia/Shangai says which zone was meant", async () => {
    for (const zone of ["UTC+8", "Asia/Shangai"]) {
      const set = [opt.group("daily", opt.sub("set", [opt.string("time", "09:00"), opt.string("timezone", zone)]))];
      const answer = await h.command(set, { user: MOD });
      expect(isEphemeral(answer.data)).toBe(true);
      expect(String(embeds(answer.data)[0]!.description)).toContain("Did you mean Asia/Shanghai");
    }
  });
});
