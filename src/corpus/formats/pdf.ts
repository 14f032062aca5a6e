/**
 * A PDF → sections and paragraphs: unpdf (pdf.js) extracts each page's text items with their type sizes,
 * and pdf-layout.ts reads headings off the sizes (a document exported from Word or Docs sets them larger)
 * and paragraphs off the lines. The title comes from the PDF's metadata when it has one.
 */
import type { DocumentParts } from "../load.ts";
import { readFrontMatter } from "../front-matter.ts";
import { FormatError } from "../errors.ts";
import { pdfLines, pdfSections } from "./pdf-layout.ts";

export async function readPdfDocument(bytes: Buffer): Promise<DocumentParts> {
  if (bytes.subarray(0, 5).toString("latin1") !== "%PDF-") throw new FormatError("not a PDF (it does not start with %PDF-): is it misnamed?");
  const { getDocumentProxy, extractTextItems, getMeta } = await import("unpdf");
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { items } = await extractTextItems(pdf);
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
  const sections = pdfSections(items.map(pdfLines));
  if (!sections.some((s) => s.blocks.length > 0)) throw new FormatError("the PDF has no text layer (a scan?): run OCR on it first, or add the text as .txt");
  return { front, sections };
}
