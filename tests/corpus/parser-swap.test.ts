/**
 * The bundled corpus reads the same with the CommonMark + GFM parser as it did with the hand-written
 * dialect it was written for: every article's metadata, headings, paths and blocks. The reference was
 * saved from the old parser before the swap (tests/fixtures/bundled-parse).
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadCorpus } from "../../src/corpus/load.ts";
import type { Article } from "../../src/corpus/types.ts";

const CORPUS = join(import.meta.dirname, "../../corpus");
const BEFORE = join(import.meta.dirname, "../fixtures/bundled-parse/corpus-before-mdast.json");

/** Links are new (citations); the reference predates them. */
const withoutLinks = (article: Article) => ({
  meta: article.meta,
  sections: article.sections.map((s) => ({ ...s, blocks: s.blocks.map(({ links: _links, ...block }) => block) })),
});

describe("the parser swap", () => {
  it("parses the bundled corpus to the same articles, sections and blocks as before", async () => {
    const before = JSON.parse(readFileSync(BEFORE, "utf8")) as Record<string, unknown>;
    const { articles, errors } = await loadCorpus(CORPUS, { baseUrl: "" });
    expect(errors).toEqual([]);
    expect(articles.map((a) => a.meta.id)).toEqual(Object.keys(before));
    for (const article of articles) expect(withoutLinks(article), article.meta.id).toEqual(before[article.meta.id]);
  });
});
