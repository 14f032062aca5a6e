/**
 * The articles in a snapshot: what identifies them (meta, path, hash) in the JSON head, their bodies
 * (sections) as one JSON string each in binary sections, parsed only when something reads an article's
 * `sections`. A start needs none of them (passages, tables, vocabulary and lessons are saved), so it
 * parses no body and keeps them as bytes; a reload or a re-derivation reads them as usual.
 */
import type { Article, Section } from "../corpus/types.ts";
import { encodeStrings, stringReader } from "./saved-strings.ts";

/** An article as the JSON head keeps it. */
export type SavedArticle = Omit<Article, "sections">;

/** Body blob and body ends (see saved-strings.ts). */
export const ARTICLE_SECTIONS = 2;

export function encodeArticles(articles: readonly Article[]): { head: SavedArticle[]; sections: Uint8Array[] } {
  const head = articles.map(({ sections: _, ...rest }) => rest);
  return { head, sections: encodeStrings(articles.map((article) => JSON.stringify(article.sections))) };
}

/** The saved articles, `relocate` deciding each one's path; throws when heads and bodies do not match. */
export function decodeArticles(head: readonly SavedArticle[], sections: readonly Uint8Array[], relocate: (article: SavedArticle) => string): Article[] {
  if (!Array.isArray(head) || sections.length !== ARTICLE_SECTIONS) throw new Error("saved articles are incomplete");
  const bodies = stringReader(sections);
  if (bodies.count !== head.length) throw new Error("saved articles do not match their bodies");
  return head.map((saved, i) => {
    if (typeof saved?.meta?.id !== "string" || typeof saved.path !== "string") throw new Error("saved article is malformed");
    return withLazySections({ ...saved, path: relocate(saved) }, () => JSON.parse(bodies.at(i)) as Section[]);
  });
}

/**
 * `sections` as an own, enumerable accessor that parses on first read and then becomes a plain value, so
 * spreading, cloning to a worker and JSON see an ordinary article.
 */
function withLazySections(article: SavedArticle, parse: () => Section[]): Article {
  const settle = (target: object, value: Section[]) => Object.defineProperty(target, "sections", { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(article, "sections", {
    enumerable: true,
    configurable: true,
    get(this: object) {
      const sections = parse();
      settle(this, sections);
      return sections;
    },
    set(this: object, value: Section[]) {
      settle(this, value);
    },
  });
  return article as Article;
}
