/**
 * Plain text (`.txt`): notes, or an article copied from a web page. The importer's rules for scraped
 * text run as a pass over it (title line, byline, date, boilerplate such as share buttons, headings
 * recognised from short lines); what they do not recognise stays as paragraphs. The result is read back
 * through the Markdown reader, so a text file and its imported `.md` give the same passages.
 */
import { importArticle } from "../../ingest/import-article.ts";
import { writeBody } from "../../ingest/frontmatter-writer.ts";
import { parseMarkdownBody } from "../markdown.ts";
import { readFrontMatter, type FrontMatter } from "../front-matter.ts";
import type { DocumentParts } from "../load.ts";

export function readTextDocument(text: string): DocumentParts {
  const result = importArticle(text, { format: "text" });
  const front: FrontMatter = readFrontMatter("", "none");
  const { title, author, date, source, summary, speakers } = result.meta;
  if (title) front.title = title;
  if (author) front.author = author;
  if (date) front.date = date;
  if (source) front.source = source;
  if (summary) front.summary = summary;
  if (speakers?.length) front.speakers = speakers;
  return { front, sections: parseMarkdownBody(writeBody(result.blocks)) };
}
