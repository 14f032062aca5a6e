/**
 * Word-wrapping styled text for a terminal, so the quote bar stays on every line. Knows that CJK
 * characters take two columns and may break anywhere, that Latin words break at spaces, and that
 * closing punctuation (，。」…) must not start a line.
 */
import type { Style } from "./ansi.ts";

export interface Run {
  text: string;
  style?: Style;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** East Asian Wide/Fullwidth and emoji code points (two terminal columns). */
function isWideCodePoint(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function graphemeWidth(grapheme: string): number {
  const cp = grapheme.codePointAt(0) ?? 0;
  if (isWideCodePoint(cp) || grapheme.includes("\uFE0F")) return 2;
  return 1;
}

/** Columns `text` occupies in a terminal (no escape sequences expected). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}

/** Characters that must not start a line (kinsoku) / end one. */
const NO_LINE_START = new Set([..."，。、；：！？）」』》〉】”’…,.;:!?)]}%"]);
const NO_LINE_END = new Set([..."（「『《〈【“‘([{"]);

interface Cell {
  text: string;
  style?: Style;
  width: number;
  wide: boolean;
  space: boolean;
}

/** May the line break between `cells[i - 1]` and `cells[i]`? */
function canBreakBefore(cells: Cell[], i: number): boolean {
  const prev = cells[i - 1];
  const cur = cells[i];
  if (!prev || !cur || cur.space) return false;
  if (prev.space) return true;
  if (!prev.wide && !cur.wide) return false;
  return !NO_LINE_START.has(cur.text) && !NO_LINE_END.has(prev.text);
}

function toRuns(cells: Cell[]): Run[] {
  const runs: Run[] = [];
  for (const cell of cells) {
    const last = runs[runs.length - 1];
    if (last && last.style === cell.style) last.text += cell.text;
    else runs.push({ text: cell.text, style: cell.style });
  }
  return runs;
}

function trimEnd(cells: Cell[]): Cell[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1]!.space) end--;
  return cells.slice(0, end);
}

/**
 * Splits styled runs into lines of at most `width` columns (closing punctuation may hang one
 * character past it). Explicit newlines are kept; a word longer than a line is cut.
 */
export function wrapRuns(runs: readonly Run[], width: number): Run[][] {
  const max = Math.max(8, width);
  const lines: Run[][] = [];
  let line: Cell[] = [];
  let used = 0;
  /** The current line began at a soft wrap (so leading spaces are dropped), not at a newline. */
  let wrapped = false;
  const flush = (soft: boolean) => {
    lines.push(toRuns(trimEnd(line)));
    line = [];
    used = 0;
    wrapped = soft;
  };

  for (const run of runs) {
    for (const { segment } of segmenter.segment(run.text.replace(/\t/g, "  "))) {
      if (segment === "\n" || segment === "\r\n") {
        flush(false);
        continue;
      }
      const cell: Cell = {
        text: segment,
        style: run.style,
        width: graphemeWidth(segment),
        wide: graphemeWidth(segment) === 2,
        space: /^\s+$/.test(segment),
      };
      if (used + cell.width > max && line.length > 0) {
        if (cell.space) {
          flush(true);
          continue;
        }
        if (NO_LINE_START.has(cell.text) && used + cell.width <= max + 2) {
          line.push(cell);
          used += cell.width;
          continue;
        }
        // The last break opportunity, counting the one just before the incoming cell.
        const cells = [...line, cell];
        let cut = line.length;
        while (cut > 0 && !canBreakBefore(cells, cut)) cut--;
        const carry = cut > 0 ? line.slice(cut) : [];
        if (cut > 0) line = line.slice(0, cut);
        flush(true);
        line = carry;
        used = carry.reduce((sum, c) => sum + c.width, 0);
        // A carried word that is itself too long gets cut here.
        if (used + cell.width > max) flush(true);
      }
      if (cell.space && line.length === 0 && wrapped) continue;
      line.push(cell);
      used += cell.width;
    }
  }
  flush(false);
  return lines;
}
