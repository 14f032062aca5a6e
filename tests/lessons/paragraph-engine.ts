/**
 * A minimal SearchEngine over articles for lesson tests: one passage per paragraph, no ranking.
 * It lets lesson derivation be tested on hand-made articles without the real index.
 */
import type { Article } from "../../src/corpus/types.ts";
import type { Hit, Passage, SearchEngine } from "../../src/search/types.ts";

export function paragraphEngine(articles: Article[]): SearchEngine {
  const passages: Passage[] = [];
  for (const article of articles) {
    let position = 0;
    for (const section of article.sections) {
      for (const block of section.blocks) {
        const text = block.kind === "paragraph" ? block.text : block.items.join("\n");
        passages.push({ id: `${article.meta.id}:${position}`, articleId: article.meta.id, sectionPath: section.path, position, text });
        position++;
      }
    }
  }
  const byId = new Map(passages.map((p) => [p.id, p]));
  const articleOf = new Map(articles.map((a) => [a.meta.id, a]));
  return {
    search: (query) => ({ query, truncated: false, hits: [], total: 0, suggestions: [] }),
    suggest: () => [],
    quoteOf(passageId): Hit | undefined {
      const passage = byId.get(passageId);
      const article = passage && articleOf.get(passage.articleId);
      if (!passage || !article) return undefined;
      return {
        passageId,
        articleId: passage.articleId,
        sectionPath: passage.sectionPath,
        passage: passage.text,
        quote: passage.text,
        quoteSegments: [{ text: passage.text }],
        score: 0,
        coverage: 0,
        strong: false,
        speaker: article.meta.speakers[0] ?? article.meta.author,
        title: article.meta.title,
        section: passage.sectionPath.join(" › "),
        ...(article.meta.url ? { url: article.meta.url } : {}),
      };
    },
    passages: () => passages,
    articles: () => articles,
  };
}
