import type { Article, Section } from "../../src/corpus/types.ts";

/** A hand-made article: `sections` as [heading, level, ...paragraphs]; paths follow the levels. */
export function article(
  id: string,
  sections: [heading: string, level: number, ...paragraphs: string[]][],
  lessons: Article["meta"]["lessons"] = { add: [], exclude: [] },
): Article {
  const stack: { heading: string; level: number }[] = [];
  const built: Section[] = sections.map(([heading, level, ...paragraphs]) => {
    while (stack.length > 0 && stack.at(-1)!.level >= level) stack.pop();
    if (level > 0) stack.push({ heading, level });
    const path = stack.map((s) => s.heading);
    return { heading, level, path, blocks: paragraphs.map((text) => ({ kind: "paragraph" as const, text })) };
  });
  return {
    meta: { id, title: `文章 ${id}`, speakers: ["讲者"], lang: "zh", tags: [], todo: [], lessons },
    path: `corpus/${id}.md`,
    hash: id,
    sections: built,
  };
}
