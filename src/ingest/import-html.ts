/**
 * A saved web page → the text of a corpus file: the same extractor the loader uses for `.html` files
 * (Readability + the page's metadata), written out as front matter and Markdown. What the page does not
 * say (author, date) becomes a `todo` for a human, never a guess.
 */
import { extractHtmlArticle } from "../corpus/formats/html.ts";
import { detectLanguage, sectionsText } from "../corpus/language.ts";
import type { Section } from "../corpus/types.ts";
import type { ImportOptions, ImportResult } from "./import-article.ts";
import { writeBody, writeFrontMatter, type FrontMatter } from "./frontmatter-writer.ts";
import type { DraftBlock } from "./structure.ts";

export function importHtml(html: string, options: ImportOptions = {}): ImportResult {
  const page = extractHtmlArticle(html);
  const warnings: string[] = [];
  const todo: string[] = [];
  let title = page.title;
  if (options.title) {
    if (title && title !== options.title) warnings.push(`title "${title}" replaced by --title`);
    title = options.title;
  }
  if (!title) todo.push("title: the page has no title; pass --title (or write it here)");
  if (!page.date) todo.push("date: the page states no date; add `date: YYYY-MM-DD` if known");
  if (!page.author) todo.push("author: the page names no author; add `author:` if known");
  todo.push("speakers: who is quoted? set `speakers:` (the importer cannot tell the writer from the interviewee)");

  const meta: FrontMatter = {
    title,
    author: page.author,
    source: page.site,
    url: page.url,
    date: page.date,
    lang: options.lang ?? page.lang ?? detectLanguage(sectionsText(page.sections)),
    summary: page.summary,
    todo,
  };
  const blocks = draftBlocks(page.sections);
  if (!blocks.some((b) => b.kind !== "heading")) warnings.push("the page has no article text the extractor could find");
  return { markdown: `${writeFrontMatter(meta)}\n${writeBody(blocks)}`, meta, blocks, warnings };
}

/** Sections back to the importer's block list (headings, paragraphs, lists), for writing. */
function draftBlocks(sections: Section[]): DraftBlock[] {
  return sections.flatMap((section): DraftBlock[] => [
    ...(section.level > 0 ? [{ kind: "heading" as const, level: section.level, text: section.heading }] : []),
    ...section.blocks.map((block): DraftBlock => (block.kind === "list" ? { kind: "list", items: block.items } : { kind: "paragraph", text: block.text })),
  ]);
}
