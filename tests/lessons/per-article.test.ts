import { beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { loadCorpus } from "../../src/corpus/load.ts";
import type { Article } from "../../src/corpus/types.ts";
import { buildEngine } from "../../src/search/engine.ts";
import { deriveLessons, type LessonCache } from "../../src/lessons/index.ts";
import type { ArticleWordsCache } from "../../src/search/suggest.ts";
import { warmArticles } from "../../src/app/warm-up.ts";
import { EDITORIAL_FACTOR, passagePriors, type ArticlePriorsCache } from "../../src/search/priors.ts";

const CORPUS = fileURLToPath(new URL("../../corpus/", import.meta.url));

/** Warm-up's output from an engine built without any cache. */
const fresh = (articles: readonly Article[]) => {
  const engine = buildEngine(articles);
  return { vocabulary: engine.vocabulary(), lessons: deriveLessons(engine) };
};

/** The article with one more paragraph in its last section: a new version of the file. */
function edited(article: Article): Article {
  const last = article.sections.length - 1;
  return {
    ...article,
    hash: `${article.hash}-edited`,
    sections: article.sections.map((s, i) => (i === last ? { ...s, blocks: [...s.blocks, { kind: "paragraph" as const, text: "不要害怕重写代码，重写让系统更简单。" }] } : s)),
  };
}

describe("per-article warm-up caches (vocabulary shares, lessons, prior parts)", () => {
  let articles: Article[];
  beforeAll(async () => {
    articles = (await loadCorpus(CORPUS)).articles;
  });

  it("give what an engine without them gives, before and after an article changes", () => {
    const words: ArticleWordsCache = new WeakMap();
    const lessons: LessonCache = new WeakMap();
    const engine = buildEngine(articles, { articleWords: words });
    expect(engine.vocabulary()).toEqual(fresh(articles).vocabulary);
    expect(deriveLessons(engine, lessons)).toEqual(fresh(articles).lessons);

    const next = articles.map((a, i) => (i === 0 ? edited(a) : a));
    const kept = { words: words.get(articles[1]!), lessons: lessons.get(articles[1]!) };
    const again = buildEngine(next, { articleWords: words });
    expect(again.vocabulary()).toEqual(fresh(next).vocabulary);
    expect(deriveLessons(again, lessons)).toEqual(fresh(next).lessons);
    // The unchanged article's shares were reused, the edited one got its own.
    expect(words.get(articles[1]!)).toBe(kept.words);
    expect(lessons.get(articles[1]!)).toBe(kept.lessons);
    expect(words.get(next[0]!)).toBeDefined();
    expect(words.get(next[0]!)).not.toBe(words.get(articles[0]!));
  });

  it("are read instead of recomputing an article they hold", () => {
    const words: ArticleWordsCache = new WeakMap();
    const lessons: LessonCache = new WeakMap();
    const engine = buildEngine(articles, { articleWords: words });
    engine.vocabulary();
    const derived = deriveLessons(engine, lessons);
    // Plant a word and drop the lessons in the cache of one article: a new engine must show both.
    words.get(articles[2]!)!.words.set("zzplanted", { label: "ZzPlanted", passages: 1, latin: true });
    lessons.set(articles[2]!, { picks: [], lessons: [] });
    const again = buildEngine(articles, { articleWords: words });
    expect(again.vocabulary().map((e) => e.label)).toContain("ZzPlanted");
    const without = deriveLessons(again, lessons);
    expect(without.length).toBeLessThan(derived.length);
    expect(without.some((l) => l.quote.articleId === articles[2]!.meta.id)).toBe(false);
  });

  it("filled ahead by warmArticles give the same vocabulary, lessons and priors", async () => {
    const caches = { words: new WeakMap(), lessons: new WeakMap(), priors: new WeakMap() } satisfies { words: ArticleWordsCache; lessons: LessonCache; priors: ArticlePriorsCache };
    await warmArticles(articles, caches);
    for (const article of articles) expect(caches.words.has(article) && caches.lessons.has(article) && caches.priors.has(article)).toBe(true);
    const engine = buildEngine(articles, { articleWords: caches.words, articlePriors: caches.priors });
    expect(engine.vocabulary()).toEqual(fresh(articles).vocabulary);
    expect(deriveLessons(engine, caches.lessons)).toEqual(fresh(articles).lessons);
    const passages = engine.passages();
    expect(passagePriors(articles, passages, caches.priors)).toEqual(passagePriors(articles, passages));
    expect(engine.search("开源治理", { limit: 10 })).toEqual(buildEngine(articles).search("开源治理", { limit: 10 }));
  });

  it("priors come from an article's cached part, and only that article's passages change with it", () => {
    const priors: ArticlePriorsCache = new WeakMap();
    const passages = buildEngine(articles).passages();
    const before = passagePriors(articles, passages, priors);
    // Mark every passage of one article editorial in the cache: a prior that used the cache drops for those only.
    const target = articles[1]!;
    const part = priors.get(target)!;
    priors.set(target, { ...part, editorial: part.editorial.map(() => true) });
    const after = passagePriors(articles, passages, priors);
    let j = 0;
    passages.forEach((p, i) => {
      if (p.articleId !== target.meta.id) return expect(after[i]).toBe(before[i]);
      // Already editorial: unchanged; else docked by the editorial factor.
      expect(after[i]).toBeCloseTo(before[i]! * (part.editorial[j++] ? 1 : EDITORIAL_FACTOR), 5);
    });
    expect(j).toBe(part.editorial.length);
    expect(part.editorial.some((editorial) => !editorial)).toBe(true);
  });
});
