import type { Article, Block, Section } from "../../src/corpus/types.ts";

export interface SectionSpec {
  heading: string;
  /** Parent headings above this one. */
  parents?: string[];
  blocks: (string | string[])[];
}

/** A parsed article built in memory: strings are paragraphs, string arrays are lists. */
export function article(id: string, sections: SectionSpec[], meta: Partial<Article["meta"]> = {}): Article {
  return {
    meta: {
      id,
      title: meta.title ?? `Title of ${id}`,
      author: meta.author,
      speakers: meta.speakers ?? [],
      source: meta.source,
      url: meta.url ?? `https://example.test/${id}`,
      date: meta.date,
      lang: "zh",
      tags: meta.tags ?? [],
      todo: [],
      lessons: { add: [], exclude: [] },
    },
    path: `/corpus/${id}.md`,
    hash: id,
    sections: sections.map(
      (spec): Section => ({
        heading: spec.heading,
        path: spec.heading ? [...(spec.parents ?? []), spec.heading] : [],
        level: spec.heading ? (spec.parents?.length ?? 0) + 2 : 0,
        blocks: spec.blocks.map((b): Block => (typeof b === "string" ? { kind: "paragraph", text: b } : { kind: "list", items: b })),
      }),
    ),
  };
}

/** A sentence of about `length` characters ending in 。 (distinct per seed). */
export function sentence(seed: string, length = 40): string {
  return `${seed}${"内容".repeat(Math.max(0, Math.ceil((length - seed.length - 1) / 2)))}`.slice(0, length - 1) + "。";
}

/** Short notes that all mention a topic in passing (`text(i)`): competitors for the article under test. */
export function notes(ids: readonly string[], text: (i: number) => string): Article[] {
  return ids.map((id, i) => article(id, [{ heading: "笔记", blocks: [text(i + 1)] }]));
}

/** Hits' scores, which must stay in descending order whatever a ranking rule moved. */
export function scoresInOrder(hits: readonly { score: number }[]): boolean {
  return hits.every((hit, i) => i === 0 || hits[i - 1]!.score >= hit.score);
}
