/**
 * A scraped article in plain text → the text of a corpus file, plus what the importer decided and could
 * not decide. Pure: no file system, so the CLI, the loader (for `.txt` files) and the tests share it.
 * HTML goes through `import-html.ts` (a real article extractor), never through these line rules.
 */
import { parseHeader } from "./header.ts";
import { stripBoilerplate } from "./boilerplate.ts";
import { structureBody, type DraftBlock } from "./structure.ts";
import { BULLET } from "./lines.ts";
import { writeBody, writeFrontMatter, type FrontMatter } from "./frontmatter-writer.ts";
import { detectLanguage } from "../corpus/language.ts";

export interface ImportOptions {
  /** Overrides (or supplies) the title. */
  title?: string;
  lang?: string;
}

export interface ImportResult {
  markdown: string;
  meta: FrontMatter;
  blocks: DraftBlock[];
  /** What was dropped or decided, for the person running the import. */
  warnings: string[];
}

/** Scraped text: one paragraph per line, blank lines optional, indentation meaningless. */
export function toLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[\u00a0\u3000]/g, " ").replace(/[\u200b\u200e\u200f\ufeff]/g, "").trim());
}

/**
 * Flags lists the page may have nested following paragraphs into: after the list, the text is
 * indented deeper than before it, so the scraper saw it inside the last list item.
 */
function nestedListWarnings(raw: string[], firstLine: number): string[] {
  const warnings: string[] = [];
  const indent = (line: string) => /^\s*/.exec(line)![0].length;
  for (let i = 0; i < raw.length; i += 1) {
    if (!BULLET.test(raw[i]!) || (i > 0 && BULLET.test(raw[i - 1]!))) continue;
    let before = i - 1;
    while (before >= 0 && !raw[before]!.trim()) before -= 1;
    let after = i;
    while (after < raw.length && (BULLET.test(raw[after]!) || !raw[after]!.trim())) after += 1;
    if (before >= 0 && after < raw.length && indent(raw[after]!) > indent(raw[before]!)) {
      warnings.push(
        `list starting at line ${firstLine + i + 1}: the text after it is indented as if inside the list; ` +
          `check whether its last items are really paragraphs`,
      );
    }
  }
  return warnings;
}

export function importArticle(text: string, options: ImportOptions = {}): ImportResult {
  const raw = text.replace(/\r\n?/g, "\n").split("\n");
  const lines = toLines(text);

  const header = parseHeader(lines, options.title ? { title: options.title } : {});
  const stripped = stripBoilerplate(lines.slice(header.bodyStart));
  const structured = structureBody(stripped.lines);

  const meta: FrontMatter = {
    title: header.title,
    author: header.author,
    speakers: header.speakers,
    source: header.source,
    date: header.date,
    lang: options.lang ?? detectLanguage(structured.blocks.map((b) => (b.kind === "list" ? b.items.join("\n") : b.text)).join("\n")),
    summary: header.summary,
    todo: header.todo,
  };
  const warnings = [
    ...header.warnings,
    ...stripped.removed.map((r) => `removed (${r.reason}): ${r.line.length > 60 ? `${r.line.slice(0, 60)}…` : r.line}`),
    ...structured.warnings,
    ...nestedListWarnings(raw.slice(header.bodyStart), header.bodyStart),
  ];
  if (!structured.blocks.some((b) => b.kind !== "heading")) warnings.push("no body text left after removing boilerplate");
  const markdown = `${writeFrontMatter(meta)}\n${writeBody(structured.blocks)}`;
  return { markdown, meta, blocks: structured.blocks, warnings };
}
