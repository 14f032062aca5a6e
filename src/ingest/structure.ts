/**
 * Body lines → headings, paragraphs and lists.
 *
 * Scraped text has lost its markup, so headings are recognised from what survives:
 * - explicit Markdown `#` lines;
 * - numbered headings `1. 以开源为核心的商业模式`, `2.1 产品研发` (depth from the number);
 * - `PART. 3` + the title line after it, and `|前言|`;
 * - interview questions `Q: …` (one level under the section they are in);
 * - a short standalone line (≤ 25 characters, no sentence-final punctuation) followed by text.
 * A heading followed directly by another heading is treated as its parent.
 * Bullets (`•`, `·`, `-`, `*`) become list items, except a two-item "list" of a short label and
 * a long paragraph, which is a sub-heading with its body that the page styled as bullets.
 */

import { BULLET, charLength, isLabel } from "./lines.ts";

export type DraftBlock =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] };

export const MAX_HEADING_CHARS = 25;
const NUMBERED = /^(\d{1,2}(?:\.\d{1,2})*)(\.?)\s+(\S.*)$/;
const PART = /^PART\s*\.?\s*\d+$/i;
const PIPED = /^[|｜]\s*(.{1,20}?)\s*[|｜]$/;
const QUESTION = /^(?:Q|问)\s*[:：]/;
const MARKDOWN_HEADING = /^(#{1,6})\s+(.+)$/;

function isHeadingLike(line: string): boolean {
  return isLabel(line, MAX_HEADING_CHARS, { commas: true });
}

function nextNonBlank(lines: string[], from: number): number {
  let i = from;
  while (i < lines.length && lines[i] === "") i += 1;
  return i;
}

interface Candidate {
  text: string;
  /** Fixed level when the form says it (numbers, `#`); undefined for standalone lines. */
  level?: number;
  question?: boolean;
  /** Lines consumed. */
  span: number;
}

/** Recognises a heading at `i`, or returns undefined. `follows` is the next non-blank line. */
function headingAt(lines: string[], i: number): Candidate | undefined {
  const line = lines[i]!;
  const next = lines[nextNonBlank(lines, i + 1)];
  const md = MARKDOWN_HEADING.exec(line);
  if (md) return { text: md[2]!.trim(), level: Math.max(2, md[1]!.length), span: 1 };
  if (PART.test(line) && next !== undefined && isHeadingLike(next)) {
    return { text: `${line} ${next}`, level: 2, span: nextNonBlank(lines, i + 1) - i + 1 };
  }
  const piped = PIPED.exec(line);
  if (piped) return { text: piped[1]!, level: 2, span: 1 };
  if (next === undefined) return undefined;
  if (QUESTION.test(line) && charLength(line) <= 80) return { text: line, question: true, span: 1 };
  const numbered = NUMBERED.exec(line);
  if (numbered && isHeadingLike(line)) {
    const depth = numbered[1]!.split(".").length;
    return { text: line, level: Math.min(6, depth + 1), span: 1 };
  }
  if (isHeadingLike(line) && !numbered) return { text: line, span: 1 };
  return undefined;
}

export interface StructureResult {
  blocks: DraftBlock[];
  warnings: string[];
}

export function structureBody(lines: string[]): StructureResult {
  const blocks: DraftBlock[] = [];
  const warnings: string[] = [];
  /** Level of the last heading not produced by the question rule; questions nest under it. */
  let sectionLevel = 1;
  /** Level for standalone headings: 2, or 3 under a parent heading. */
  let standaloneLevel = 2;

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line === "") continue;

    const bullet = BULLET.exec(line);
    if (bullet) {
      const group: string[] = [];
      while (i < lines.length && lines[i] !== "" && BULLET.test(lines[i]!)) {
        group.push(BULLET.exec(lines[i]!)![1]!.trim());
        i += 1;
      }
      i -= 1;
      const [label, body] = group;
      if (group.length === 2 && label && body && isHeadingLike(label) && body.length >= 60 && /[。！？!?]/.test(body)) {
        warnings.push(`bullet pair "${label}" + text read as a sub-heading with its paragraph`);
        blocks.push({ kind: "heading", level: Math.min(6, sectionLevel + 1), text: label }, { kind: "paragraph", text: body });
        continue;
      }
      const previous = blocks.at(-1);
      if (previous?.kind === "list") previous.items.push(...group.filter(Boolean));
      else blocks.push({ kind: "list", items: group.filter(Boolean) });
      continue;
    }

    const heading = headingAt(lines, i);
    if (heading) {
      const after = lines[nextNonBlank(lines, i + heading.span)];
      const followedByHeading = after !== undefined && headingAt(lines, nextNonBlank(lines, i + heading.span)) !== undefined && !BULLET.test(after);
      let level: number;
      if (heading.question) {
        level = Math.min(6, sectionLevel + 1);
      } else if (heading.level !== undefined) {
        level = heading.level;
        sectionLevel = level;
        standaloneLevel = Math.min(6, level + 1);
      } else if (followedByHeading) {
        level = 2;
        sectionLevel = level;
        standaloneLevel = 3;
        warnings.push(`"${heading.text}" is followed directly by a heading: the standalone headings after it are nested under it; check where that part ends`);
      } else {
        level = standaloneLevel;
        sectionLevel = level;
      }
      if (heading.level !== undefined && followedByHeading) standaloneLevel = Math.min(6, level + 1);
      if (heading.level === undefined && !followedByHeading && level === 2) standaloneLevel = 2;
      blocks.push({ kind: "heading", level, text: heading.text });
      i += heading.span - 1;
      continue;
    }
    blocks.push({ kind: "paragraph", text: line });
  }
  return { blocks, warnings };
}
