/**
 * `/lesson sources`: the library's articles with title, author, date, link, passages and lessons, a page at
 * a time; on a library of 1,300 articles every page fits Slack's and Discord's limits and the buttons page.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../../src/corpus/types.ts";
import type { CommandDeps } from "../../src/commands/command.ts";
import type { CommandContext } from "../../src/commands/types.ts";
import type { Reply } from "../../src/reply/types.ts";
import { createCommandLayer } from "../../src/commands/layer.ts";
import { buildEngine } from "../../src/search/engine.ts";
import { lessonsOf } from "../../src/lessons/index.ts";
import { openSqliteStore } from "../../src/store/sqlite-store.ts";
import { DailyLessons } from "../../src/scheduler/daily-lessons.ts";
import { SOURCES_PAGE_SIZE } from "../../src/commands/sources.ts";
import { parseCommandText } from "../../src/commands/parse.ts";
import { renderReply as renderSlack } from "../../adapters/slack/render/blocks.ts";
import { renderReply as renderDiscord } from "../../adapters/discord/render/message.ts";
import { renderReply as renderConsole } from "../../adapters/console/render.ts";
import { violations as slackViolations } from "../slack/invariants.ts";
import { violations as discordViolations } from "../discord/invariants.ts";
import { silentLogger } from "../../src/log/logger.ts";

const ARTICLES = 1_300;

/** Articles like a real handbook: nested paths, some without author or date, a few with absurd titles and URLs. */
function library(): Article[] {
  return Array.from({ length: ARTICLES }, (_, i): Article => {
    const id = `team/handbook-${String(i).padStart(4, "0")}`;
    const long = i % 97 === 0;
    return {
      meta: {
        id,
        title: long ? `Handbook page ${i} ${"with a very long title ".repeat(40)}` : `Handbook page ${i}: on-call [rotation] *${i % 7}*`,
        ...(i % 3 === 0 ? {} : { author: i % 5 === 0 ? "@everyone <@123>" : `Writer ${i % 11}` }),
        ...(i % 4 === 0 ? {} : { date: `2025-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}` }),
        ...(i % 2 === 0 ? { url: long ? `https://handbook.example.com/${"x".repeat(2500)}` : `https://handbook.example.com/team/page_(${i})` } : {}),
        speakers: [],
        lang: "en",
        tags: i % 10 === 0 ? ["oncall"] : [],
        todo: [],
        lessons: { add: [], exclude: [] },
      },
      path: `${id}.md`,
      hash: id,
      sections: [
        {
          heading: "Why",
          level: 2,
          path: ["Why"],
          blocks: [{ kind: "paragraph", text: `Page ${i} explains why the rotation matters for every engineer on the team. It keeps incidents short.` }],
        },
      ],
    };
  });
}

const ctx = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  platform: "slack",
  actor: { id: "U1", name: "Ana", canManageChannel: false },
  channelId: "C1",
  requestId: "req",
  log: silentLogger(),
  ...overrides,
});

let dir: string;
let deps: CommandDeps;
let layer: ReturnType<typeof createCommandLayer>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lessonbot-sources-"));
  const engine = buildEngine(library());
  const store = openSqliteStore(join(dir, "bot.db"));
  const daily = new DailyLessons({ store, engine: () => engine, log: silentLogger() });
  deps = { engine: () => engine, store, history: store, daily, locale: (c) => (c.locale === "zh-CN" ? "zh" : "en"), now: () => new Date() };
  layer = createCommandLayer(deps);
});
afterAll(async () => {
  await deps.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("/lesson sources", () => {
  it("parses pages and filters from text", () => {
    expect(parseCommandText("/lesson sources")).toEqual({ name: "sources", page: 0, filter: "" });
    expect(parseCommandText("sources 3")).toEqual({ name: "sources", page: 2, filter: "" });
    expect(parseCommandText("sources on-call writer 2")).toEqual({ name: "sources", page: 1, filter: "on-call writer" });
    expect(parseCommandText("文章")).toEqual({ name: "sources", page: 0, filter: "" });
  });

  it("lists each article with title, link, author, date, passages and lessons, newest first", async () => {
    const reply = await layer.runText("sources", ctx());
    expect(reply.kind).toBe("notice");
    expect(reply.visibility).toBe("ephemeral");
    expect(reply.heading).toBe(`The library: ${ARTICLES} articles · 1–${SOURCES_PAGE_SIZE}`);
    expect(reply.entries).toHaveLength(SOURCES_PAGE_SIZE);
    const dates = reply.entries!.map((e) => /\d{4}-\d\d-\d\d/.exec(e.details)?.[0]);
    expect(dates.every(Boolean)).toBe(true);
    expect([...dates].sort().reverse()).toEqual(dates);
    const engine = deps.engine();
    const lessons = lessonsOf(engine);
    for (const entry of reply.entries!) {
      const article = engine.articles().find((a) => a.meta.title === entry.title)!;
      expect(article).toBeDefined();
      const passages = engine.passages().filter((p) => p.articleId === article.meta.id).length;
      const lessonCount = lessons.filter((l) => l.quote.articleId === article.meta.id).length;
      expect(entry.details).toContain(passages === 1 ? "1 passage" : `${passages} passages`);
      expect(entry.details).toContain(lessonCount === 1 ? "1 lesson" : `${lessonCount} lessons`);
      if (article.meta.author) expect(entry.details.startsWith(`${article.meta.author} · `)).toBe(true);
      else expect(entry.details).toMatch(/^\d{4}-\d\d-\d\d · /);
      expect(entry.url).toBe(article.meta.url);
    }
    // Only a next page from the first: no "previous".
    expect(reply.actions.map((a) => a.label)).toEqual(["Next page ›"]);
    expect(reply.footer).toContain("/lesson sources 2");
  });

  it("pages with buttons through all 1,300 articles, each exactly once, and every page fits Slack, Discord and the console", async () => {
    const seen = new Set<string>();
    let reply: Reply = await layer.runText("sources", ctx());
    let pages = 1;
    for (;;) {
      for (const entry of reply.entries ?? []) seen.add(entry.title);
      // Rendering every page would be slow; a spread of them covers the odd titles and URLs.
      if (pages % 13 === 1 || reply.entries!.some((e) => e.title.length > 200)) {
        expect(slackViolations(renderSlack(reply) as never)).toEqual([]);
        expect(discordViolations(renderDiscord(reply) as never)).toEqual([]);
        expect(renderConsole(reply, { color: false, width: 80, locale: "en" }).text).toContain(reply.entries![0]!.title.slice(0, 20));
      }
      const next = reply.actions.find((a) => a.label.startsWith("Next"));
      if (!next) break;
      reply = await layer.action(next.token, ctx());
      expect(reply.replaceOriginal).toBe(true);
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(ARTICLES / SOURCES_PAGE_SIZE));
    expect(seen.size).toBe(ARTICLES);
    expect(reply.actions.map((a) => a.label)).toEqual(["‹ Previous"]);
  });

  it("jumps to a page, says when it is past the end, and filters by words in title, author or path", async () => {
    const page5 = await layer.runText("sources 5", ctx());
    expect(page5.heading).toContain("41–50");
    expect(page5.actions.map((a) => a.label)).toEqual(["‹ Previous", "Next page ›"]);
    expect((await layer.runText("sources 999", ctx())).body[0]).toBe("There is no page 999: there are 130.");

    const filtered = await layer.runText("sources oncall", ctx());
    expect(filtered.heading).toBe("130 articles matching “oncall” · 1–10");
    const byPath = await layer.runText("sources handbook-0042", ctx());
    expect(byPath.entries!.map((e) => e.title)).toEqual(["Handbook page 42: on-call [rotation] *0*"]);
    const byAuthor = await layer.runText("sources writer", ctx());
    expect(byAuthor.entries!.every((e) => /^Writer \d+ · /.test(e.details))).toBe(true);
    // The filter rides along in the button.
    const next = await layer.action(filtered.actions[0]!.token, ctx());
    expect(next.heading).toBe("130 articles matching “oncall” · 11–20");
    expect((await layer.runText("sources no-such-thing-anywhere", ctx())).body[0]).toContain("No article's title, author or path matches");
  });

  it("speaks Chinese to Chinese users, with full-width punctuation", async () => {
    const reply = await layer.runText("sources", ctx({ locale: "zh-CN" }));
    expect(reply.heading).toBe(`文章库：共 ${ARTICLES} 篇 · 第 1–10 篇`);
    expect(reply.entries![0]!.details).toMatch(/ · \d+ 段 · \d+ 课$/);
    expect(reply.actions[0]!.label).toBe("下一页 ›");
  });

  it("help points to it", async () => {
    expect((await layer.runText("help", ctx())).body.join("\n")).toContain("/lesson sources");
    expect((await layer.runText("help", ctx({ locale: "zh-CN" }))).body.join("\n")).toContain("/lesson sources");
  });
});
