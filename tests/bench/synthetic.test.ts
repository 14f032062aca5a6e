import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { loadCorpus, parseArticle } from "../../src/corpus/load.ts";
import { syntheticCorpus } from "../../bench/synthetic.ts";

const CORPUS = fileURLToPath(new URL("../../corpus/", import.meta.url));

describe("synthetic benchmark corpus", () => {
  it("is the same for the same seed, different for another, and has 1,000 loadable articles of real text", async () => {
    const { articles } = await loadCorpus(CORPUS);
    const a = syntheticCorpus(articles, { seed: 7 });
    const b = syntheticCorpus(articles, { seed: 7 });
    const c = syntheticCorpus(articles, { seed: 8 });
    expect(a).toHaveLength(1_000);
    expect(b).toEqual(a);
    expect(c.map((f) => f.text)).not.toEqual(a.map((f) => f.text));
    expect(new Set(a.map((f) => f.name)).size).toBe(1_000);

    const realText = articles.flatMap((x) => x.sections.flatMap((s) => s.blocks.flatMap((bl) => (bl.kind === "paragraph" ? [bl.text] : bl.items))));
    const parsed = a.map((file) => parseArticle(`/synthetic/${file.name}`, Buffer.from(file.text)));
    expect(new Set(parsed.map((p) => p.meta.id)).size).toBe(1_000);
    expect(new Set(parsed.map((p) => p.meta.title)).size).toBeGreaterThan(900);
    for (const article of parsed.slice(0, 50)) {
      expect(article.sections.length).toBeGreaterThanOrEqual(2);
      // Every paragraph is made of the bundled articles' own sentences (or is one of their paragraphs/lists).
      for (const block of article.sections.flatMap((s) => s.blocks)) {
        const piece = block.kind === "paragraph" ? block.text.slice(0, 8) : block.items[0]!.slice(0, 8);
        expect(realText.some((t) => t.includes(piece))).toBe(true);
      }
    }
  });
});
