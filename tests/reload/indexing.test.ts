import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load.ts";
import { buildEngine, indexArticles } from "../../src/search/engine.ts";
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
});
