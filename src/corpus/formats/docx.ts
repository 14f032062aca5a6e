/**
 * A Word file (`.docx`) → sections: mammoth maps Word's heading styles to `<h1>`…`<h6>` and its
 * paragraphs, lists and tables to HTML, which is read like a web page's article. The document's title
 * is its first heading, or the file name.
 */
import mammoth from "mammoth";
import type { DocumentParts } from "../load.ts";
import { readFrontMatter } from "../front-matter.ts";
import { FormatError } from "../errors.ts";
import { htmlToSections } from "./html-sections.ts";

export async function readDocxDocument(bytes: Buffer): Promise<DocumentParts> {
  if (bytes.subarray(0, 2).toString("latin1") !== "PK") throw new FormatError("not a Word document (a .docx is a zip file): is it misnamed, or an old .doc? Save it as .docx");
  const { value } = await mammoth.convertToHtml({ buffer: bytes });
  return { front: readFrontMatter("", "none"), sections: htmlToSections(value) };
}
