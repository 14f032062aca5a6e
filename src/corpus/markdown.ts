/**
 * The Markdown body of a document → sections and blocks, by a CommonMark + GFM parser (markdown-it, with
 * GFM tables and strikethrough built in and footnotes by its plugin; chosen over micromark/mdast for
 * speed: ten times faster on a 1,300-file library). ATX and setext headings open sections; paragraphs,
 * list items (nested ones after their parent) and quoted paragraphs become blocks of plain sentences; a
 * table row reads as one sentence ("Header: cell; Header: cell"); links keep their text (and their
 * address, for citations); images, code blocks, raw HTML and link definitions are never prose; footnote
 * texts are paragraphs at the end. Wrapped lines are joined, without a space between two CJK characters.
 */
import MarkdownIt from "markdown-it";
import footnote from "markdown-it-footnote";
import type { Block, Link, Section } from "./types.ts";
import { rowsAsSentences } from "./table-rows.ts";
import { SectionBuilder } from "./sections.ts";

/** Joins wrapped lines: no space between two CJK characters, one space otherwise. */
export function joinLines(lines: string[]): string {
  let out = "";
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (out && !(isWide(out.at(-1)!) && isWide(line[0]!))) out += " ";
    out += line;
  }
  return out;
}

function isWide(char: string): boolean {
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef\u2018-\u201f]/u.test(char);
}

// `~one~` is not strikethrough in markdown-it (GFM's double tilde only): `1~2 天` stays as written.
const parser = new MarkdownIt("default", { html: true, linkify: false }).use(footnote);

/** A paragraph that is only site-generator directives (`{{< figure >}}`, `{% include x %}`, `{{generator:x}}`): never prose. */
const TEMPLATE_ONLY = /^(?:\s*(?:\{\{.*?\}\}|\{%.*?%\}))+\s*$/;

type Token = ReturnType<InstanceType<typeof MarkdownIt>["parse"]>[number];

/** markdown-it's flat token stream as a tree: `*_open` … `*_close` pairs become nodes with children. */
interface Node {
  type: string;
  tag: string;
  token: Token;
  children: Node[];
}

function toTree(tokens: Token[]): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  for (const token of tokens) {
    if (token.nesting === 1) {
      const node: Node = { type: token.type.replace(/_open$/, ""), tag: token.tag, token, children: [] };
      stack.at(-1)!.push(node);
      stack.push(node.children);
    } else if (token.nesting === -1) {
      if (stack.length > 1) stack.pop();
    } else {
      stack.at(-1)!.push({ type: token.type, tag: token.tag, token, children: [] });
    }
  }
  return root;
}

export interface MarkdownOptions {
  /**
   * Reads the text of raw HTML blocks (a table pasted from a document, `<details>`): given, their words
   * are kept as blocks; not given, raw HTML is dropped. Never the markup itself.
   */
  htmlBlocks?: (html: string) => Section[];
}

/** Whether a body has raw HTML that holds text worth reading (so the caller can load an HTML reader). */
export function hasHtmlText(body: string): boolean {
  return /^ {0,3}<(table|div|p|ul|ol|dl|details|blockquote|section|h[1-6])[\s>]/im.test(body);
}

/** Parses a body (front matter already removed) into sections; text before the first heading is a level-0 section. */
export function parseMarkdownBody(body: string, options: MarkdownOptions = {}): Section[] {
  const tree = toTree(parser.parse(body, {}));
  const sections = new SectionBuilder();
  const open = (level: number, heading: string) => sections.open(level, heading);
  const push = (block: Block) => sections.push(block);
  let previous: string | undefined;

  const visit = (node: Node): void => {
    switch (node.type) {
      case "heading":
        open(Number(node.tag.slice(1)), inlineOf(node).text);
        return;
      case "paragraph": {
        const { text, links } = inlineOf(node);
        if (text && !TEMPLATE_ONLY.test(text)) push(links.length ? { kind: "paragraph", text, links } : { kind: "paragraph", text });
        return;
      }
      case "bullet_list":
      case "ordered_list": {
        const links: Link[] = [];
        const items = listItems(node, links);
        if (!items.length) return;
        // A list whose marker changes (`-` then `*`, or bullets then numbers) is one list to a reader.
        const last = sections.blocks.at(-1);
        if (last?.kind === "list" && (previous === "bullet_list" || previous === "ordered_list")) {
          last.items.push(...items);
          if (links.length) last.links = [...(last.links ?? []), ...links];
        } else {
          push(links.length ? { kind: "list", items, links } : { kind: "list", items });
        }
        return;
      }
      case "table": {
        const rows = tableRows(node);
        if (rows.length) push({ kind: "list", items: rows });
        return;
      }
      case "blockquote":
      case "footnote_block":
      case "footnote":
        for (const child of node.children) {
          visit(child);
          previous = child.type;
        }
        return;
      default:
        // fence, code_block, html_block, hr: never prose.
        return;
    }
  };
  // Consecutive HTML blocks are one fragment (a blank line inside a `<table>` splits it in two).
  let html = "";
  const flushHtml = () => {
    if (!html || !options.htmlBlocks) return void (html = "");
    for (const section of options.htmlBlocks(html)) {
      if (section.level > 0) open(section.level, section.heading);
      sections.push(...section.blocks);
    }
    html = "";
  };
  for (const node of tree) {
    if (node.type === "html_block") {
      html += node.token.content;
      continue;
    }
    flushHtml();
    visit(node);
    previous = node.type;
  }
  flushHtml();
  return sections.finish();
}

/** Items of a list, each the text of its paragraphs; a nested list's items follow their parent item. */
function listItems(list: Node, links: Link[]): string[] {
  const items: string[] = [];
  for (const item of list.children) {
    if (item.type !== "list_item") continue;
    const own: string[] = [];
    const nested: string[] = [];
    const collect = (node: Node) => {
      if (node.type === "paragraph" || node.type === "heading") {
        const text = inlineOf(node);
        links.push(...text.links);
        if (text.text) own.push(text.text);
      } else if (node.type === "bullet_list" || node.type === "ordered_list") {
        nested.push(...listItems(node, links));
      } else if (node.type === "blockquote") {
        node.children.forEach(collect);
      } else if (node.type === "table") {
        nested.push(...tableRows(node));
      }
    };
    item.children.forEach(collect);
    const text = joinLines(own);
    if (text) items.push(text);
    items.push(...nested);
  }
  return items;
}

/** Rows under the header row as sentences: "Header: cell; Header: cell" (empty cells left out). */
function tableRows(table: Node): string[] {
  const rows: string[][] = [];
  const collect = (node: Node) => {
    if (node.type === "tr") rows.push(node.children.filter((c) => c.type === "th" || c.type === "td").map((cell) => inlineOf(cell).text));
    else node.children.forEach(collect);
  };
  collect(table);
  return rowsAsSentences(rows);
}

/** Plain text of a block's inline content, with wrapped lines joined, and the links in it. */
function inlineOf(node: Node): { text: string; links: Link[] } {
  const inline = node.children.find((c) => c.type === "inline")?.token.children ?? [];
  const links: Link[] = [];
  const openLinks: Array<{ start: number; href: string }> = [];
  let raw = "";
  // Dropping an image between two spaces must not leave a double space in the sentence.
  let dropped = false;
  for (const token of inline) {
    switch (token.type) {
      case "text":
      case "code_inline":
        raw += dropped && /\s$/.test(raw) ? token.content.replace(/^[ \t]+/, "") : token.content;
        dropped = false;
        break;
      case "softbreak":
      case "hardbreak":
        raw += "\n";
        break;
      case "link_open":
        openLinks.push({ start: raw.length, href: String(token.attrGet("href") ?? "") });
        break;
      case "link_close": {
        const link = openLinks.pop();
        const text = link ? raw.slice(link.start).trim() : "";
        if (link && text && /^https?:/i.test(link.href)) links.push({ text, url: link.href });
        break;
      }
      case "image":
      case "html_inline":
      case "footnote_ref":
      case "footnote_anchor":
        dropped = true;
        break;
      default:
        // em/strong/s open and close: syntax only.
        break;
    }
  }
  return { text: joinLines(raw.split("\n")), links };
}
