import { afterAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCorpus } from "../../src/corpus/load.ts";
import { articleShare, sharesInWorker, WORKER_MIN_ARTICLES } from "../../src/index-cache/article-shares.ts";
import { openEngine } from "../../src/search/open.ts";
import { buildEngine } from "../../src/search/engine.ts";
import { lessonsOf } from "../../src/lessons/index.ts";
import { parseGlossary } from "../../src/text/glossary.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { syntheticCorpus, writeSyntheticCorpus } from "../../bench/synthetic.ts";

const CORPUS = fileURLToPath(new URL("../../corpus/", import.meta.url));
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** A library just big enough for the worker, written to a scratch folder. */
async function library(count = WORKER_MIN_ARTICLES + 20): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "lessonbot-shares-"));
  dirs.push(dir);
  const { articles } = await loadCorpus(CORPUS);
  await writeSyntheticCorpus(dir, syntheticCorpus(articles, { count }), await readFile(join(CORPUS, "glossary.yml"), "utf8"));
  return dir;
}

describe("article shares computed in a worker thread", () => {
  it("are each article's vocabulary words and lesson picks, exactly as computed here, keyed by this thread's articles", async () => {
    const { articles } = await loadCorpus(await library());
    const shares = sharesInWorker(articles);
    await shares.filled;
    for (const article of articles) {
      const here = articleShare(article);
      expect(shares.words.get(article)).toEqual(here.words);
      expect(shares.lessons.get(article)).toEqual(here.lessons);
    }
  }, 60_000);

  it("are not worth a worker for a small corpus: the caches stay empty and the build computes them itself", async () => {
    const { articles } = await loadCorpus(CORPUS);
    const shares = sharesInWorker(articles);
    await shares.filled;
    expect(articles.every((a) => !shares.words.has(a) && !shares.lessons.has(a))).toBe(true);
  });

  it("give a build from the files the same vocabulary and lessons as a build that computes them itself", async () => {
    const dir = await library();
    const { engine } = await openEngine(dir, silentLogger(), { snapshotDir: false });
    const { articles } = await loadCorpus(dir);
    const glossary = parseGlossary(await readFile(join(dir, "glossary.yml"), "utf8")).glossary;
    const alone = buildEngine(articles, { glossary });
    const indexed = engine as ReturnType<typeof buildEngine>;
    expect(indexed.vocabulary()).toEqual(alone.vocabulary());
    expect(lessonsOf(engine)).toEqual(lessonsOf(alone));
    expect(lessonsOf(engine).length).toBeGreaterThan(0);
  }, 120_000);
});
