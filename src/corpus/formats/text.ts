/**
 * Plain text (`.txt`): notes, or an article copied from a web page. Text has no headings, so it is one
 * section of paragraphs. The importer's rules for scraped text run as an extra pass over its top and
 * its lines: a title line, a byline and a date become metadata; share buttons, counters and "related"
 * lists are dropped. A paragraph is a block of lines between blank lines when the text is hard-wrapped,
 * else each line (scrapes put one paragraph on a line); bullet lines are list items.
 */
import { parseHeader } from "../../ingest/header.ts";
import { stripBoilerplate } from "../../ingest/boilerplate.ts";
import { toLines } from "../../ingest/import-article.ts";
import { BULLET, charLength, endsSentence } from "../../ingest/lines.ts";
import { joinLines } from "../markdown.ts";
import { readFrontMatter } from "../front-matter.ts";
import type { Block } from "../types.ts";
import type { DocumentParts } from "../load.ts";

export function readTextDocument(text: string): DocumentParts {
  const lines = toLines(text);
  const header = parseHeader(lines);
  const front = readFrontMatter("", "none");
  let body = lines.slice(header.bodyStart);
  if (body.some(Boolean)) {
    if (header.title) front.title = header.title;
    if (header.author) front.author = header.author;
    if (header.date) front.date = header.date;
    if (header.source) front.source = header.source;
    if (header.summary) front.summary = header.summary;
    if (header.speakers.length) front.speakers = header.speakers;
  } else {
    // Only a line or two: that is the text, not a title.
    body = lines;
  }
  const blocks = textBlocks(stripBoilerplate(body).lines);
  return { front, sections: blocks.length ? [{ heading: "", path: [], level: 0, blocks }] : [] };
}

/** Lines (blank = "") → paragraphs and lists. */
function textBlocks(lines: string[]): Block[] {
  const groups: string[][] = [[]];
  for (const line of lines) {
    if (line) groups.at(-1)!.push(line);
    else if (groups.at(-1)!.length) groups.push([]);
  }
  const blocks: Block[] = [];
  for (const group of groups.filter((g) => g.length)) {
    if (hardWrapped(group)) {
      blocks.push({ kind: "paragraph", text: joinLines(group) });
      continue;
    }
    for (const line of group) {
      const bullet = BULLET.exec(line);
      const last = blocks.at(-1);
      if (bullet && bullet[1]) {
        if (last?.kind === "list") last.items.push(bullet[1]);
        else blocks.push({ kind: "list", items: [bullet[1]] });
      } else {
        blocks.push({ kind: "paragraph", text: line });
      }
    }
  }
  return blocks;
}

/** A block wrapped at a fixed width: its lines (but the last) are long and mostly stop mid-sentence. */
function hardWrapped(group: string[]): boolean {
  if (group.length < 2 || group.some((line) => BULLET.test(line))) return false;
  const inner = group.slice(0, -1);
  const width = (line: string) => charLength(line) * (/[\u3000-\u9fff]/.test(line) ? 2 : 1);
  const long = inner.filter((line) => width(line) >= 50).length;
  const open = inner.filter((line) => !endsSentence(line) && !/[.。]$/.test(line)).length;
  return long >= inner.length * 0.75 && open >= inner.length * 0.5;
}
