/**
 * A PDF → paragraphs: unpdf (pdf.js) extracts each page's text; lines are joined into paragraphs at
 * blank lines and at lines that end a sentence short of the page's width. PDFs carry no headings, so
 * the text is one section (each paragraph still its own passage). The title comes from the PDF's
 * metadata when it has one.
 */
import type { DocumentParts } from "../load.ts";
import { readFrontMatter } from "../front-matter.ts";
import { FormatError } from "../errors.ts";
import type { Section } from "../types.ts";
import { joinLines } from "../markdown.ts";

export async function readPdfDocument(bytes: Buffer): Promise<DocumentParts> {
  if (bytes.subarray(0, 5).toString("latin1") !== "%PDF-") throw new FormatError("not a PDF (it does not start with %PDF-): is it misnamed?");
  const { getDocumentProxy, extractText, getMeta } = await import("unpdf");
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  const front = readFrontMatter("", "none");
  try {
    const { info } = await getMeta(pdf);
    const title = typeof info?.Title === "string" ? info.Title.trim() : "";
    if (title) front.title = title;
    const author = typeof info?.Author === "string" ? info.Author.trim() : "";
    if (author) front.author = author;
  } catch {
    // Metadata is optional; the text is what matters.
  }
  const paragraphs = (text as string[]).flatMap(pageParagraphs);
  if (!paragraphs.length) throw new FormatError("the PDF has no text layer (a scan?): run OCR on it first, or add the text as .txt");
  const section: Section = { heading: "", path: [], level: 0, blocks: paragraphs.map((p) => ({ kind: "paragraph" as const, text: p })) };
  return { front, sections: [section] };
}

/** A page's lines → paragraphs: a blank line, or a line ending a sentence well short of the longest line, ends one. */
function pageParagraphs(page: string): string[] {
  const lines = page.split("\n").map((l) => l.trim());
  const width = Math.max(0, ...lines.map((l) => l.length));
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const text = joinLines(current);
    if (text) paragraphs.push(text);
    current = [];
  };
  for (const line of lines) {
    if (!line) {
      flush();
      continue;
    }
    current.push(line);
    if (/[.!?。！？:：”"]$/.test(line) && line.length < width * 0.8) flush();
  }
  flush();
  return paragraphs;
}
