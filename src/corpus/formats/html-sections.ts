/**
 * An article's HTML (already cut out of its page) → sections and blocks: headings open sections,
 * paragraphs and list items become blocks, a table row reads as one sentence, code and preformatted
 * text are never prose. Shared by saved web pages and Word files (mammoth gives HTML).
 */
import { parseHTML } from "linkedom";
import type { Block, Section } from "../types.ts";
import { joinLines } from "../markdown.ts";
import { rowsAsSentences } from "../table-rows.ts";
import { SectionBuilder } from "../sections.ts";

/** Elements whose text is never an article's words. */
const DROPPED = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME", "BUTTON", "FORM", "SELECT", "NAV", "PRE", "CODE", "IMG", "FIGURE", "PICTURE", "VIDEO", "AUDIO", "CANVAS", "OBJECT", "MATH"]);
/** Elements that hold blocks, read by walking into them. */
const CONTAINERS = new Set(["HTML", "BODY", "DIV", "SECTION", "ARTICLE", "MAIN", "HEADER", "ASIDE", "BLOCKQUOTE", "DETAILS", "CENTER", "TBODY", "THEAD", "TFOOT", "DL", "FOOTER", "SPAN", "FONT"]);
const BLOCK_LEVEL = new Set([...CONTAINERS, "P", "UL", "OL", "LI", "TABLE", "TR", "H1", "H2", "H3", "H4", "H5", "H6", "HR", "PRE", "FIGURE", "DD", "DT", "SUMMARY", "FIGCAPTION", "ADDRESS"]);

/** The minimal DOM surface read here (linkedom's nodes), so no DOM lib types are needed. */
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

export function htmlToSections(html: string): Section[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return nodeToSections(document.body as unknown as DomNode);
}

function nodeToSections(root: DomNode): Section[] {
  const sections = new SectionBuilder();
  const push = (block: Block) => sections.push(block);
  const open = (level: number, heading: string) => sections.open(level, heading);

  const visit = (node: DomNode): void => {
    const name = node.nodeName.toUpperCase();
    if (DROPPED.has(name) || node.nodeType !== 1) return;
    if (/^H[1-6]$/.test(name)) {
      const heading = inlineText(node);
      if (heading) open(Number(name[1]), heading);
      return;
    }
    if (name === "UL" || name === "OL") {
      const items = listItems(node);
      if (items.length) push({ kind: "list", items });
      return;
    }
    if (name === "TABLE") {
      const rows = tableRows(node);
      if (rows.length) push({ kind: "list", items: rows });
      return;
    }
    if (CONTAINERS.has(name) && hasBlockChild(node)) {
      // Text between blocks (`<div>text<p>…</p></div>`) is a paragraph of its own.
      let loose: DomNode[] = [];
      const flush = () => {
        const text = joinInline(loose);
        if (text) push({ kind: "paragraph", text });
        loose = [];
      };
      for (const child of Array.from(node.childNodes)) {
        if (child.nodeType === 1 && BLOCK_LEVEL.has(child.nodeName.toUpperCase())) {
          flush();
          visit(child);
        } else if (child.nodeName.toUpperCase() === "BR") {
          flush();
        } else {
          loose.push(child);
        }
      }
      flush();
      return;
    }
    for (const paragraph of splitAtBreaks(node)) push({ kind: "paragraph", text: paragraph });
  };

  for (const child of Array.from(root.childNodes)) {
    if (child.nodeType === 1) visit(child);
    else if (child.nodeType === 3 && child.textContent?.trim()) push({ kind: "paragraph", text: joinLines(textOf(child).split("\n")) });
  }
  return sections.finish();
}

function hasBlockChild(node: DomNode): boolean {
  return Array.from(node.childNodes).some((child) => child.nodeType === 1 && BLOCK_LEVEL.has(child.nodeName.toUpperCase()));
}

/** A paragraph's text with `<br>`s as paragraph breaks (a scraped page often has no `<p>`). */
function splitAtBreaks(node: DomNode): string[] {
  const parts: DomNode[][] = [[]];
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeName.toUpperCase() === "BR") parts.push([]);
    else parts.at(-1)!.push(child);
  }
  return parts.map(joinInline).filter(Boolean);
}

function joinInline(nodes: DomNode[]): string {
  return joinLines(nodes.map((n) => textOf(n)).join("").split("\n"));
}

/** The words of an inline element: code spans kept (they are part of the sentence), images dropped. */
function textOf(node: DomNode): string {
  // A no-break space (`&nbsp;`) is layout, not a different character in the sentence.
  if (node.nodeType === 3) return (node.textContent ?? "").replace(/\u00a0/g, " ");
  if (node.nodeType !== 1) return "";
  const name = node.nodeName.toUpperCase();
  if (name === "BR") return "\n";
  if (name === "CODE") return node.textContent ?? "";
  if (DROPPED.has(name)) return "";
  return Array.from(node.childNodes).map(textOf).join("");
}

function inlineText(node: DomNode): string {
  return joinLines(textOf(node).split("\n"));
}

/** Items of a list; a nested list's items follow their parent item. */
function listItems(list: DomNode): string[] {
  const items: string[] = [];
  for (const child of Array.from(list.childNodes)) {
    if (child.nodeName.toUpperCase() !== "LI") continue;
    const own = Array.from(child.childNodes).filter((n) => !["UL", "OL"].includes(n.nodeName.toUpperCase()));
    const text = joinLines(own.map((n) => (n.nodeType === 1 && BLOCK_LEVEL.has(n.nodeName.toUpperCase()) ? `\n${textOf(n)}\n` : textOf(n))).join("").split("\n"));
    if (text) items.push(text);
    for (const nested of Array.from(child.childNodes)) {
      if (["UL", "OL"].includes(nested.nodeName.toUpperCase())) items.push(...listItems(nested));
    }
  }
  return items;
}

/** Table rows as sentences: "Header: cell; Header: cell" when the table has a header row. */
function tableRows(table: DomNode): string[] {
  const rows: string[][] = [];
  const collect = (node: DomNode) => {
    for (const child of Array.from(node.childNodes)) {
      const name = child.nodeName.toUpperCase();
      if (name === "TR") rows.push(Array.from(child.childNodes).filter((c) => /^T[DH]$/i.test(c.nodeName)).map((c) => inlineText(c)));
      else if (["THEAD", "TBODY", "TFOOT"].includes(name)) collect(child);
    }
  };
  collect(table);
  return rowsAsSentences(rows);
}
