/**
 * What lessonbot's pipeline is compared with, over the very same passages:
 * - MiniSearch out of the box: default tokenizer (splits at spaces and punctuation, so a Chinese run
 *   is one token), default term processing and search options, same fields as lessonbot;
 * - a naive substring scan: the query cut at spaces/punctuation, passages ranked by how often those
 *   pieces occur in their text, section and title.
 */
import MiniSearch from "minisearch";
import type { Article } from "../src/corpus/types.ts";
import type { Passage } from "../src/search/types.ts";
import type { Retrieved, Retriever } from "./eval.ts";

/** MiniSearch's own default separator (spaces and punctuation). */
const SEPARATOR = /[\n\r\p{Z}\p{P}]+/u;

interface Doc {
  passage: Passage;
  section: string;
  title: string;
}

function docsOf(passages: readonly Passage[], articles: readonly Article[]): Doc[] {
  const titles = new Map(articles.map((a) => [a.meta.id, a.meta.title]));
  return passages.map((passage) => ({ passage, section: passage.sectionPath.join(" › "), title: titles.get(passage.articleId) ?? "" }));
}

const retrieved = (doc: Doc): Retrieved => ({ section: doc.section, passage: doc.passage.text });

export function miniSearchDefault(passages: readonly Passage[], articles: readonly Article[]): Retriever {
  const docs = docsOf(passages, articles);
  const index = new MiniSearch<{ id: number; text: string; heading: string; title: string }>({ fields: ["text", "heading", "title"] });
  index.addAll(docs.map((doc, id) => ({ id, text: doc.passage.text, heading: doc.section, title: doc.title })));
  return (query, k) =>
    index
      .search(query)
      .slice(0, k)
      .map((result) => retrieved(docs[result.id as number]!));
}

export function substringScan(passages: readonly Passage[], articles: readonly Article[]): Retriever {
  const docs = docsOf(passages, articles);
  const hays = docs.map((doc) => `${doc.passage.text}\n${doc.section}\n${doc.title}`.toLowerCase());
  return (query, k) => {
    const pieces = query.toLowerCase().split(SEPARATOR).filter(Boolean);
    if (pieces.length === 0) return [];
    const scored: { id: number; score: number }[] = [];
    hays.forEach((hay, id) => {
      let score = 0;
      for (const piece of pieces) for (let at = hay.indexOf(piece); at >= 0; at = hay.indexOf(piece, at + piece.length)) score++;
      if (score > 0) scored.push({ id, score });
    });
    scored.sort((a, b) => b.score - a.score || a.id - b.id);
    return scored.slice(0, k).map((s) => retrieved(docs[s.id]!));
  };
}
