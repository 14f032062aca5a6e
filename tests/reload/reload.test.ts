import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createCore, type Core } from "../../src/app/core.ts";
import type { IndexedEngine } from "../../src/search/engine.ts";
import { articleText, captureLog, corpusCopy, eventually, observe, type CapturedLog } from "../snapshot/helpers.ts";

const passagesWith = (core: Core, query: string, phrase: string) => core.engine().search(query, { limit: 10 }).hits.filter((h) => h.passage.includes(phrase));

describe("corpus reload while running", () => {
  let root: string;
  let corpus: string;
  let cleanup: () => void;
  let capture: CapturedLog;
  let core: Core | undefined;

  beforeEach(() => {
    ({ root, corpus, cleanup } = corpusCopy(2));
    capture = captureLog();
  });
  afterEach(async () => {
    await core?.close();
    core = undefined;
    cleanup();
  });

  const start = (watch: boolean) =>
    createCore({ corpusDir: corpus, dbPath: join(root, "data", "bot.db"), log: capture.log, watch: watch && { debounceMs: 50, pollMs: 250 } });

  it("picks up an added, edited and removed article without a restart", async () => {
    core = await start(true);
    const c = core;
    const path = join(corpus, "reload-probe.md");
    expect(passagesWith(c, "紫罗兰潜水艇", "紫罗兰潜水艇")).toHaveLength(0);

    writeFileSync(path, articleText("重载测试", "这篇文章讲的是紫罗兰潜水艇如何在开源社区里航行。"));
    await eventually(() => passagesWith(c, "紫罗兰潜水艇", "紫罗兰潜水艇").length > 0, "the added article is found");
    expect(c.engine().articles().map((a) => a.meta.id)).toContain("reload-probe");

    writeFileSync(path, articleText("重载测试", "改写以后,这篇文章只讲橘子味的火山。"));
    await eventually(() => passagesWith(c, "橘子味的火山", "橘子味的火山").length > 0, "the edited text is found");
    expect(passagesWith(c, "紫罗兰潜水艇", "紫罗兰潜水艇")).toHaveLength(0);

    rmSync(path);
    await eventually(() => !c.engine().articles().some((a) => a.meta.id === "reload-probe"), "the removed article is gone");
    expect(passagesWith(c, "橘子味的火山", "橘子味的火山")).toHaveLength(0);
    expect(capture.find("corpus reloaded").length).toBeGreaterThanOrEqual(3);
  });

  it("asks the next engine the questions the serving one was asked last, before it serves them", async () => {
    core = await start(true);
    const c = core;
    const old = c.engine() as IndexedEngine;
    for (const query of ["开源社区", "云原生", "how to avoid burnout"]) old.search(query);
    expect(old.recentQueries()).toEqual(["开源社区", "云原生", "how to avoid burnout"]);

    writeFileSync(join(corpus, "replay-probe.md"), articleText("重放测试", "这篇文章讲的是琥珀色的灯塔。"));
    await eventually(() => c.engine() !== old, "the reload is served");
    const next = c.engine() as IndexedEngine;
    // Already ranked when it started serving: its cache holds them, in the same order, and nothing else.
    expect(next.recentQueries()).toEqual(["开源社区", "云原生", "how to avoid burnout"]);
    expect(next.search("云原生").hits.map((h) => h.passageId)).toEqual(old.search("云原生").hits.map((h) => h.passageId));
    expect(capture.find("corpus reloaded").at(-1)?.replayed).toBe(3);
  });

  it("swaps the whole index at once: the engine in use never changes, the next one has every change", async () => {
    core = await start(true);
    const c = core;
    const old = c.engine();
    const oldView = observe(old);
    const edited = join(corpus, readdirSync(corpus).filter((n) => n.endsWith(".md")).sort()[0]!);

    // Every engine searches see while the reload runs (indexing yields between slices, so this runs too).
    const seen = new Set([old]);
    let watching = true;
    const look = () => {
      seen.add(c.engine());
      if (watching) setImmediate(look);
    };
    setImmediate(look);
    // One change touching two files: searches must see both or neither.
    writeFileSync(join(corpus, "whole-a.md"), articleText("整体替换", "新文章里有一只琥珀色的水母。"));
    writeFileSync(edited, `${readFileSync(edited, "utf8")}\n\n同一次改动里,旧文章多了一句:翡翠色的灯塔。\n`);
    await eventually(() => c.engine() !== old, "a new engine is served");
    watching = false;

    const next = c.engine();
    seen.add(next);
    // Nothing in between: no engine with one file changed and not the other, none half indexed.
    expect(seen.size).toBe(2);
    expect([...seen][1]).toBe(next);
    expect(passagesWith(c, "琥珀色的水母", "琥珀色的水母").length).toBeGreaterThan(0);
    expect(passagesWith(c, "翡翠色的灯塔", "翡翠色的灯塔").length).toBeGreaterThan(0);
    // The old engine (still held by requests that started before the swap) answers exactly as before.
    expect(observe(old)).toEqual(oldView);
    expect(old.search("琥珀色的水母").hits.filter((h) => h.passage.includes("琥珀色的水母"))).toHaveLength(0);
  });

  it("leaves a snapshot of the reloaded index that the next start loads", async () => {
    core = await start(true);
    const c = core;
    writeFileSync(join(corpus, "snapshot-probe.md"), articleText("快照测试", "重载之后保存的快照里有青铜色的风筝。"));
    // The worker writes the snapshot while this thread assembles the engine: either may finish first.
    await eventually(
      () => capture.find("index snapshot saved").length >= 2 && passagesWith(c, "青铜色的风筝", "青铜色的风筝").length > 0,
      "the reloaded index is served and saved",
    );
    await c.close();

    const seen = capture.lines.length;
    core = await start(false);
    expect(capture.find("search index loaded from snapshot", seen)).toHaveLength(1);
    expect(passagesWith(core, "青铜色的风筝", "青铜色的风筝").length).toBeGreaterThan(0);
  });

  it("keeps the last good version of an article that breaks, and names the file", async () => {
    core = await start(true);
    const c = core;
    const name = readdirSync(corpus).filter((n) => n.endsWith(".md")).sort()[0]!;
    const path = join(corpus, name);
    const id = name.replace(/\.md$/, "");
    const before = c.engine();
    const sample = before.passages().find((p) => p.articleId === id && p.text.length > 40)!;
    const phrase = sample.text.slice(0, 12);
    // A new article in the same change proves the reload happened despite the broken file.
    writeFileSync(path, "---\ntitle: [its front matter broke\n---\nText.\n");
    writeFileSync(join(corpus, "still-fine.md"), articleText("另一篇", "同一次改动里加入的金色长颈鹿。"));

    await eventually(() => passagesWith(c, "金色长颈鹿", "金色长颈鹿").length > 0, "the other new article is found");
    const [warning] = capture.find("corpus file broken; keeping its last good version");
    expect(warning?.path).toBe(path);
    expect(String(warning?.reason)).toMatch(/front matter/);
    expect(c.engine()).not.toBe(before);
    expect(c.engine().articles().find((a) => a.meta.id === id)?.hash).toBe(before.articles().find((a) => a.meta.id === id)?.hash);
    expect(passagesWith(c, phrase, phrase).length).toBeGreaterThan(0);
  });

  it("applies a glossary change, and keeps the last good glossary when the file becomes unreadable YAML", async () => {
    core = await start(true);
    const c = core;
    const glossary = join(corpus, "glossary.yml");
    expect(c.engine().search("zorblatt").hits).toHaveLength(0);
    writeFileSync(glossary, `${readFileSync(glossary, "utf8")}\nzorblatt: 开源\n`);
    await eventually(() => c.engine().search("zorblatt").hits.length > 0, "the new glossary term expands");

    const seen = capture.lines.length;
    writeFileSync(glossary, "zorblatt: [开源\n  : : broken");
    await eventually(() => capture.find("glossary unusable; keeping its last good version", seen).length > 0, "the broken glossary is reported");
    expect(c.engine().search("zorblatt").hits.length).toBeGreaterThan(0);
  });

  it("does not watch unless asked, and stops watching when the core closes", async () => {
    const unwatched = await start(false);
    const watched = await start(true);
    await watched.close();
    const engines = [unwatched.engine(), watched.engine()];
    writeFileSync(join(corpus, "after-close.md"), articleText("关闭以后", "关闭以后才写的银色企鹅。"));
    // Longer than debounce + poll interval: a live watcher would have reloaded by now.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect([unwatched.engine(), watched.engine()]).toEqual(engines);
    expect(unwatched.engine().search("银色企鹅").hits.filter((h) => h.passage.includes("银色企鹅"))).toHaveLength(0);
    expect(capture.find("corpus reloaded")).toHaveLength(0);
    await unwatched.close();
  });
});
