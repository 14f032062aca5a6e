/**
 * A PDF's text items (pdf.js, with their font sizes) → sections. A PDF has no heading markup, but the
 * documents people save as PDF (exported from Word, Google Docs, LaTeX, slides) set headings in a larger
 * type than the body: the size most of the text is set in is the body's, a short line set clearly larger
 * is a heading, and the distinct heading sizes, largest first, are the levels. Body lines are joined into
 * paragraphs at blank lines and at lines that end a sentence short of the page's longest line.
 */
import type { Section } from "../types.ts";
import { joinLines } from "../markdown.ts";
import { SectionBuilder } from "../sections.ts";

/** What is read of a pdf.js text item (unpdf's `extractTextItems`). */
export interface PdfTextItem {
  str: string;
  fontSize: number;
  hasEOL: boolean;
}

export interface PdfLine {
  text: string;
  /** The largest type on the line (0 for a blank line). */
  size: number;
}

/** Type this much larger than the body's is a heading's. */
const HEADING_RATIO = 1.15;
/** Longer lines are prose, whatever their size (a pull quote, a large-print paragraph). */
const MAX_HEADING_CHARS = 120;
/** Consecutive heading lines of one size are one heading (a long title wraps); more is a large-print block. */
const MAX_HEADING_LINES = 3;
/** A line ending so continues a sentence: no heading. */
const CONTINUES = /[,;，；、]$/;

/** A page's items as lines (pdf.js ends a line with `hasEOL`). */
export function pdfLines(items: readonly PdfTextItem[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let text = "";
  let size = 0;
  const end = () => {
    const trimmed = text.trim();
    lines.push({ text: trimmed, size: trimmed ? size : 0 });
    text = "";
    size = 0;
  };
  for (const item of items) {
    text += item.str;
    if (item.str.trim()) size = Math.max(size, round(item.fontSize));
    if (item.hasEOL) end();
  }
  if (text.trim()) end();
  return lines;
}

/** Sections of a document's pages (each a list of lines). */
export function pdfSections(pages: readonly (readonly PdfLine[])[]): Section[] {
  const levels = headingLevels(pages);
  const sections = new SectionBuilder();
  for (const page of pages) {
    const width = Math.max(0, ...page.map((l) => l.text.length));
    let body: string[] = [];
    const flush = () => {
      const text = joinLines(body);
      if (text) sections.push({ kind: "paragraph", text });
      body = [];
    };
    for (let i = 0; i < page.length; i++) {
      const line = page[i]!;
      const level = levels.get(line.size);
      if (level !== undefined && isHeadingLine(line)) {
        // A heading that wraps: the following lines of its size, up to MAX_HEADING_LINES.
        let j = i + 1;
        while (j < page.length && j - i < MAX_HEADING_LINES && page[j]!.size === line.size && isHeadingLine(page[j]!)) j++;
        if (j < page.length && page[j]!.size === line.size && isHeadingLine(page[j]!)) {
          // Too many lines in large type: a block of large print, read as prose.
        } else {
          flush();
          sections.open(level, joinLines(page.slice(i, j).map((l) => l.text)));
          i = j - 1;
          continue;
        }
      }
      if (!line.text) {
        flush();
        continue;
      }
      body.push(line.text);
      if (/[.!?。！？:：”"]$/.test(line.text) && line.text.length < width * 0.8) flush();
    }
    flush();
  }
  return sections.finish();
}

/** Heading type sizes → levels 1–6: sizes clearly above the body's, largest first. */
function headingLevels(pages: readonly (readonly PdfLine[])[]): Map<number, number> {
  const chars = new Map<number, number>();
  for (const page of pages) for (const line of page) if (line.text) chars.set(line.size, (chars.get(line.size) ?? 0) + line.text.length);
  let body = 0;
  let most = -1;
  for (const [size, count] of chars) if (count > most || (count === most && size < body)) [body, most] = [size, count];
  const sizes = [...chars.keys()].filter((size) => size >= body * HEADING_RATIO).sort((a, b) => b - a);
  return new Map(sizes.map((size, i) => [size, Math.min(6, i + 1)]));
}

function isHeadingLine(line: PdfLine): boolean {
  return line.text.length > 0 && line.text.length <= MAX_HEADING_CHARS && !CONTINUES.test(line.text);
}

/** Sizes to a tenth of a point: the same style measures the same. */
function round(size: number): number {
  return Math.round(size * 10) / 10;
}
