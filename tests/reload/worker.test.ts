import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { loadCorpus } from "../../src/corpus/load.ts";
import { buildEngine, savedIndexOf, type IndexedEngine } from "../../src/search/engine.ts";
import { startReloader, type Reloader } from "../../src/app/reload.ts";
import { lessonsOf } from "../../src/lessons/index.ts";
import type { SearchEngine } from "../../src/search/types.ts";
import { loadGlossary } from "../../src/text/glossary.ts";
import { articleText, captureLog, corpusCopy, observe, type CapturedLog } from "../snapshot/helpers.ts";

const CRASHING = new URL("./fixtures/crashing-worker.mjs", import.meta.url);
const found = (engine: SearchEngine, phrase: string) => engine.search(phrase, { limit: 10 }).hits.some((h) => h.passage.includes(phrase));

describe("reload in the index worker", () => {
  let corpus: string;
  let cleanup: () => void;
  let capture: CapturedLog;
  let reloader: Reloader | undefined;
  let serving: SearchEngine;

  beforeEach(async () => {
    ({ corpus, cleanup } = corpusCopy(3));
    capture = captureLog();
    const [{ articles }, { glossary }] = await Promise.all([loadCorpus(corpus), loadGlossary(join(corpus, "glossary.yml"))]);
    serving = buildEngine(articles, { glossary });
    // Reloads are called directly: the watcher is slowed down so it does not start its own.
    reloader = startReloader({
      corpusDir: corpus,
      log: capture.log,
      // The serving engine's index: the worker reads the articles' analyses back from it.
      initial: { articles, glossary, engine: serving },
      swap: (engine) => {
        serving = engine;
      },
      snapshotDir: false,
      debounceMs: 600_000,
      pollMs: 0,
      workerUrl: CRASHING,
    });
  });
  afterEach(async () => {
    await reloader?.close();
    cleanup();
  });

  it("analyses only the changed article, reading the others back from the serving index", async () => {
    writeFileSync(serving.articles()[1]!.path, articleText("改写", "改写以后的文章讲一只紫色的独角鲸。"));
    await reloader!.reload();
    expect(capture.find("articles analysed").map(({ analysed, reused }) => ({ analysed, reused }))).toEqual([{ analysed: 1, reused: 2 }]);
    expect(found(serving, "紫色的独角鲸")).toBe(true);
    const [{ articles }, { glossary }] = await Promise.all([loadCorpus(corpus), loadGlossary(join(corpus, "glossary.yml"))]);
    const fresh = buildEngine(articles, { glossary });
    expect(observe(serving)).toEqual(observe(fresh));
    // The very index and tables a fresh build makes, byte for byte (heading terms in any order).
    const tablesOf = (engine: SearchEngine) => {
      const saved = savedIndexOf(engine)!;
      return { ...saved, head: { ...saved.head, tables: { ...saved.head.tables!, headingTerms: [...saved.head.tables!.headingTerms].sort() } } };
    };
    expect(tablesOf(serving)).toEqual(tablesOf(fresh));

    // The next change reuses what the last reload analysed.
    writeFileSync(join(corpus, "added.md"), articleText("新增的一篇", "新增的文章讲一只橙色的海马。"));
    await reloader!.reload();
    expect(capture.find("articles analysed").at(-1)).toMatchObject({ analysed: 1, reused: 3 });
    expect(found(serving, "橙色的海马")).toBe(true);
  });

  it("sends only the changed article: the others are the very objects the serving engine has", async () => {
    const before = serving;
    const [first, second] = before.articles();
    writeFileSync(first!.path, articleText("改写", "改写以后只剩一只会唱歌的灯笼鱼。"));
    const outcome = await reloader!.reload();
    expect(outcome).toMatchObject({ changed: true, added: [], updated: [relative(corpus, first!.path)], removed: [] });
    expect(serving).not.toBe(before);
    expect(found(serving, "会唱歌的灯笼鱼")).toBe(true);
    expect(serving.articles().find((a) => a.path === second!.path)).toBe(second);
    expect(serving.articles().find((a) => a.path === first!.path)).not.toBe(first);
  });

  it("serves exactly what a fresh build of the same files serves, lessons and suggestions included", async () => {
    writeFileSync(join(corpus, "added.md"), articleText("新增的一篇", "新增的文章讲的是如何在开源社区里养一只琥珀色的水母。"));
    rmSync(serving.articles()[2]!.path);
    const outcome = await reloader!.reload();
    expect(outcome.added).toEqual(["added.md"]);
    expect(outcome.removed).toHaveLength(1);
    const [{ articles }, { glossary }] = await Promise.all([loadCorpus(corpus), loadGlossary(join(corpus, "glossary.yml"))]);
    const fresh = buildEngine(articles, { glossary });
    expect(observe(serving)).toEqual(observe(fresh));
    expect(lessonsOf(serving)).toEqual(lessonsOf(fresh));

    // The next result comes as edits of this one's terms, vocabulary and lessons: still a fresh build's.
    writeFileSync(serving.articles()[0]!.path, articleText("又改了", "改过的文章讲一只会下棋的翠绿色章鱼。"));
    await reloader!.reload();
    const [again, glossaryAgain] = await Promise.all([loadCorpus(corpus), loadGlossary(join(corpus, "glossary.yml"))]);
    const freshAgain = buildEngine(again.articles, { glossary: glossaryAgain.glossary });
    expect(found(serving, "翠绿色章鱼")).toBe(true);
    expect(observe(serving)).toEqual(observe(freshAgain));
    expect(lessonsOf(serving)).toEqual(lessonsOf(freshAgain));
    expect((serving as IndexedEngine).vocabulary()).toEqual(freshAgain.vocabulary());
    expect((serving as IndexedEngine).indexTerms()).toEqual(freshAgain.indexTerms());
  });

  it("leaves the current engine serving when the worker dies, and the next reload starts a new one", async () => {
    const before = serving;
    writeFileSync(join(corpus, "crash-the-worker"), "");
    writeFileSync(join(corpus, "during-crash.md"), articleText("崩溃之时", "工作线程崩溃时写入的青铜色风筝。"));
    await expect(reloader!.reload()).rejects.toThrow(/index worker exited/);
    expect(serving).toBe(before);
    expect(found(serving, "青铜色风筝")).toBe(false);

    rmSync(join(corpus, "crash-the-worker"));
    const outcome = await reloader!.reload();
    expect(outcome.added).toEqual(["during-crash.md"]);
    expect(found(serving, "青铜色风筝")).toBe(true);
  });

  it("reports a reload that fails in the worker and keeps the worker for the next", async () => {
    const before = serving;
    renameSync(corpus, `${corpus}-away`);
    await expect(reloader!.reload()).rejects.toThrow(/ENOENT/);
    expect(serving).toBe(before);
    renameSync(`${corpus}-away`, corpus);
    writeFileSync(join(corpus, "after-failure.md"), articleText("失败以后", "失败以后加入的银色企鹅。"));
    await reloader!.reload();
    expect(found(serving, "银色企鹅")).toBe(true);
    expect(capture.find("index worker failed; the current index stays")).toHaveLength(0);
    expect(capture.find("corpus reloaded")).toHaveLength(1);
  });
});
