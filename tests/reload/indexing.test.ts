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
    const indexed = await indexArticles(articles, { glossary });
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
    const indexed = await restoreIndexSliced(plain.saveIndex());
    const sliced = await buildEngineSliced(articles, { glossary, indexed, vocabulary: plain.vocabulary() });
    building = false;
    // Passages and entries are built 256 at a time: the loop ran in between.
    expect(ticks).toBeGreaterThanOrEqual(2);
    expect(observe(sliced)).toEqual(observe(plain));
  });
});
