import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load.ts";
import { buildEngine, buildEngineSliced, indexArticles, restoreIndexSliced } from "../../src/search/engine.ts";
import { loadGlossary } from "../../src/text/glossary.ts";
import { CORPUS, observe } from "../snapshot/helpers.ts";

describe("indexing for a reload", () => {
  it("lets other work run between slices and gives the same engine as a plain build", async () => {
    const [{ articles }, { glossary }] = await Promise.all([loadCorpus(CORPUS), loadGlossary(`${CORPUS}/glossary.yml`)]);
    let ticks = 0;
    let indexing = true;
    const tick = () => {
      ticks++;
      if (indexing) setImmediate(tick);
    };
    setImmediate(tick);
    // No time budget: the loop runs between every two slices.
    const indexed = await indexArticles(articles, { glossary }, 0);
    indexing = false;
    // The bundled corpus has 160+ passages, indexed 64 at a time: the loop ran in between.
    expect(ticks).toBeGreaterThanOrEqual(2);

    const reloaded = buildEngine(articles, { glossary, indexed });
    expect(observe(reloaded)).toEqual(observe(buildEngine(articles, { glossary })));
  });

  it("restores a saved index and builds the engine over it a slice at a time, answering like a plain build", async () => {
    const [{ articles }, { glossary }] = await Promise.all([loadCorpus(CORPUS), loadGlossary(`${CORPUS}/glossary.yml`)]);
    const plain = buildEngine(articles, { glossary });
    let ticks = 0;
    let building = true;
    const tick = () => {
      ticks++;
      if (building) setImmediate(tick);
    };
    setImmediate(tick);
    // No time budget: the loop runs between every two slices (a small corpus fits in one budget).
    const indexed = await restoreIndexSliced(plain.saveIndex(), 0);
    const sliced = await buildEngineSliced(articles, { glossary, indexed, vocabulary: plain.vocabulary() }, 0);
    building = false;
    // Passages and entries are built in slices: the loop ran in between.
    expect(ticks).toBeGreaterThanOrEqual(2);
    expect(observe(sliced)).toEqual(observe(plain));
  });

  it("takes an unchanged article's passages from the engine it replaces, splits a changed one again, and answers like a plain build", async () => {
    const [{ articles }, { glossary }] = await Promise.all([loadCorpus(CORPUS), loadGlossary(`${CORPUS}/glossary.yml`)]);
    const before = buildEngine(articles, { glossary });
    // A new version of the second article (a new object, as the loader makes for a changed file).
    const changed = { ...articles[1]!, hash: `${articles[1]!.hash}-edited`, sections: articles[1]!.sections.map((section, i) => (i === 0 ? { ...section, heading: `${section.heading} 新版` } : section)) };
    const next = articles.map((article, i) => (i === 1 ? changed : article));
    const after = buildEngine(next, { glossary, previous: before });
    expect(observe(after)).toEqual(observe(buildEngine(next, { glossary })));
    const old = new Set(before.passages());
    for (const passage of after.passages()) expect(old.has(passage)).toBe(passage.articleId !== changed.meta.id);
    // Another way of splitting passages is not reused.
    const other = buildEngine(articles, { glossary, previous: before, passages: { minChars: 40, targetChars: 160, maxChars: 260 } });
    expect(other.passages().some((passage) => old.has(passage))).toBe(false);
  });
});
