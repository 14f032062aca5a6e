/**
 * The Markdown body of a corpus file → sections and blocks.
 *
 * A deliberately small dialect: ATX headings (`#`…`######`), paragraphs separated by blank
 * lines, bullet (`-`, `*`, `+`) and ordered (`1.`, `1)`) list items with continuation lines,
 * `>` quote markers (dropped, text kept), fenced code (kept as a paragraph), thematic breaks.
 * Inline syntax is removed by `stripInline`, so blocks hold the plain sentences search quotes.
 */
import type { Block, Section } from "./types.ts";
import { stripInline } from "./inline.ts";

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const LIST_ITEM = /^( {0,3})(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const QUOTE_MARKER = /^ {0,3}>[ \t]?/;

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

interface OpenList {
  items: string[][];
}

/** Parses a body (front matter already removed) into sections; text before the first heading is a level-0 section. */
export function parseMarkdownBody(body: string): Section[] {
  const sections: Section[] = [];
  const stack: Section[] = [];
  let current: Section = { heading: "", path: [], level: 0, blocks: [] };
  let paragraph: string[] = [];
  let list: OpenList | undefined;
  let fence: { marker: string; lines: string[] } | undefined;

  const flushParagraph = () => {
    const text = stripInline(joinLines(paragraph)).trim();
    if (text) current.blocks.push({ kind: "paragraph", text });
    paragraph = [];
  };
  const flushList = () => {
    if (!list) return;
    const items = list.items.map((lines) => stripInline(joinLines(lines)).trim()).filter(Boolean);
    if (items.length) current.blocks.push({ kind: "list", items });
    list = undefined;
  };
  const flush = () => {
    flushParagraph();
    flushList();
  };
  const openSection = (level: number, heading: string) => {
    flush();
    if (current.level > 0 || current.blocks.length) sections.push(current);
    while (stack.length && stack.at(-1)!.level >= level) stack.pop();
    const path = [...stack.map((s) => s.heading), heading];
    current = { heading, path, level, blocks: [] };
    stack.push(current);
  };

  let blankBefore = false;
  for (const line of body.split("\n")) {
    if (fence) {
      if (line.trimStart().startsWith(fence.marker)) {
        const text = fence.lines.join("\n").trim();
        if (text) current.blocks.push({ kind: "paragraph", text });
        fence = undefined;
      } else {
        fence.lines.push(line);
      }
      continue;
    }
    const blank = line.trim() === "";
    if (blank) {
      flushParagraph();
      blankBefore = true;
      continue;
    }
    const fenceOpen = FENCE.exec(line);
    if (fenceOpen) {
      flush();
      fence = { marker: fenceOpen[1]!, lines: [] };
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      openSection(heading[1]!.length, stripInline((heading[2] ?? "").trim()));
      blankBefore = false;
      continue;
    }
    if (THEMATIC_BREAK.test(line)) {
      flush();
      blankBefore = false;
      continue;
    }
    const text = line.replace(QUOTE_MARKER, "");
    const item = LIST_ITEM.exec(text);
    if (item) {
      flushParagraph();
      list ??= { items: [] };
      list.items.push([item[2]!]);
    } else if (list && (!blankBefore || /^\s{2,}/.test(text))) {
      // Indented lines, or lines right under an item, continue that item.
      list.items.at(-1)!.push(text);
    } else {
      flushList();
      paragraph.push(text);
    }
    blankBefore = false;
  }
  if (fence) {
    const text = fence.lines.join("\n").trim();
    if (text) current.blocks.push({ kind: "paragraph", text });
  }
  flush();
  if (current.level > 0 || current.blocks.length) sections.push(current);
  return sections;
}
