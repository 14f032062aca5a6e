/**
 * The lines above an article's body: title, date, byline, source, teaser, counters and author
 * bio. Recognised lines become metadata; anything unrecognised inside the header is dropped only
 * with a `todo`, so a human checks it rather than the importer guessing.
 */
import { NOISE_LINES } from "./boilerplate.ts";
import { parseByline } from "../corpus/formats/byline.ts";
import { BULLET, charLength } from "./lines.ts";

export interface HeaderInfo {
  title?: string;
  date?: string;
  author?: string;
  source?: string;
  summary?: string;
  speakers: string[];
  /** Questions for a human, written to front matter `todo`. */
  todo: string[];
  warnings: string[];
  /** Index of the first body line. */
  bodyStart: number;
}

const CN_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(.*)$/;
const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?(.*)$/;
const BYLINE = /^(文|作者|撰文|撰稿|采访|采写|口述|译者|翻译|编译|译|编辑|责编|责任编辑|整理|校对)\s*[|｜丨:：]\s*(.+)$/;
const SOURCE = /^(来源|出处|转载自|本文来源|原文|原文链接|发布于)\s*[|｜丨:：]\s*(.+)$/;
const SUMMARY = /^(简介|摘要|导读|导语)\s*[:：]\s*(.+)$/;
const COUNTERS = /^(\s*[\d.,]+[kKwW万千]?)*\s*$/;
/** How far past an unrecognised line we look for more header lines before deciding the body has begun. */
const LOOKAHEAD = 3;

export function formatDate(year: string, month: string, day: string): string | undefined {
  const text = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? undefined : text;
}

/** A date line (optionally followed by view/like counters), e.g. `2023年 7月 9日 71.3k 0`. */
export function parseDateLine(line: string): string | undefined {
  const m = CN_DATE.exec(line) ?? ISO_DATE.exec(line);
  if (!m || !COUNTERS.test(m[4] ?? "")) return undefined;
  return formatDate(m[1]!, m[2]!, m[3]!);
}

/** Removes a trailing parenthetical such as `(花名:奕杉 )` or `(微信号:linuxpk)`. */
function withoutAside(text: string): { main: string; aside?: string } {
  const m = /^(.*?)\s*[（(]([^()（）]*)[)）]\s*$/.exec(text);
  return m && m[1]!.trim() ? { main: m[1]!.trim(), aside: m[2]!.trim() } : { main: text.trim() };
}

type Kind = "date" | "byline" | "parts" | "source" | "summary" | "noise";

/**
 * A byline of several parts with a date among them: "张三 · 来源：开源中国 · 2023-05-12",
 * "November 8, 2025 · 14 min read".
 */
function isPartsByline(line: string): boolean {
  return charLength(line) <= 80 && parseByline(line).date !== undefined && (/[·•|｜丨]/.test(line) || /^[A-Za-z]+\.? \d{1,2},? \d{4}$/.test(line));
}

function classify(line: string): Kind | undefined {
  if (parseDateLine(line)) return "date";
  if (BYLINE.test(line)) return "byline";
  if (isPartsByline(line)) return "parts";
  if (SOURCE.test(line)) return "source";
  if (SUMMARY.test(line)) return "summary";
  if (NOISE_LINES.some((n) => n.pattern.test(line))) return "noise";
  return undefined;
}

function looksLikeTitle(line: string): boolean {
  // Titles may end in ! or ? but not like a body sentence (。；), and are never bullets.
  return charLength(line) <= 100 && !/[。；;]$/.test(line) && !BULLET.test(line);
}

/**
 * Reads the header from trimmed lines. `title` (from `--title`) overrides detection; the first
 * line is still consumed when it looks like a title, since scraped pages start with theirs.
 */
export function parseHeader(lines: string[], options: { title?: string } = {}): HeaderInfo {
  const info: HeaderInfo = { speakers: [], todo: [], warnings: [], bodyStart: 0 };
  let i = 0;
  const skipBlank = () => {
    while (i < lines.length && lines[i] === "") i += 1;
  };
  skipBlank();

  // An explicit `# title` (an HTML <h1>) near the top wins; lines above it are page chrome.
  const h1 = lines.slice(i, i + 40).findIndex((line) => /^#\s+\S/.test(line));
  if (h1 >= 0) {
    for (const skipped of lines.slice(i, i + h1)) if (skipped) info.warnings.push(`dropped line above the title: "${skipped}"`);
    i += h1;
  }
  const first = lines[i] ?? "";
  const explicit = /^#\s+(.+)$/.exec(first);
  if (explicit) {
    info.title = explicit[1]!.trim();
    i += 1;
  } else if (first && !classify(first) && looksLikeTitle(first) && lines.length > i + 1) {
    info.title = first;
    i += 1;
  }
  if (options.title) {
    if (info.title && info.title !== options.title) info.warnings.push(`title line "${info.title}" replaced by --title`);
    info.title = options.title;
  }

  let afterByline = false;
  for (;;) {
    skipBlank();
    const line = lines[i];
    if (line === undefined) break;
    const kind = classify(line);
    if (kind === "date") {
      info.date ??= parseDateLine(line);
    } else if (kind === "byline") {
      takeByline(info, line);
      afterByline = true;
    } else if (kind === "parts") {
      const parts = parseByline(line);
      info.date ??= parts.date;
      if (parts.author) info.author ??= parts.author;
      if (parts.source) info.source ??= parts.source;
      afterByline = true;
    } else if (kind === "source") {
      const value = withoutAside(SOURCE.exec(line)![2]!);
      info.source ??= value.main;
      if (value.aside) info.warnings.push(`source note "(${value.aside})" left out of 'source'`);
    } else if (kind === "summary") {
      info.summary ??= SUMMARY.exec(line)![2]!.trim();
    } else if (kind === "noise") {
      info.warnings.push(`dropped header line "${line}"`);
    } else {
      // Unrecognised: still header only if more header lines follow right after it.
      const ahead = lines.slice(i + 1).filter((l) => l !== "").slice(0, LOOKAHEAD);
      if (!ahead.some((l) => classify(l))) break;
      if (afterByline) {
        info.warnings.push(`dropped author bio line "${line}"`);
      } else {
        info.warnings.push(`dropped unrecognised header line "${line}"`);
        info.todo.push(`header line "${line}" was dropped by the importer: check whether it belongs to the title`);
      }
    }
    i += 1;
  }
  info.bodyStart = i;

  if (!info.title) info.todo.push("title: the scrape has no title line; pass --title (or write it here)");
  if (!info.date) info.todo.push("date: no date line in the scrape; add `date: YYYY-MM-DD` if known");
  if (!info.author) info.todo.push("author: no byline in the scrape; add `author:` if known");
  info.todo.push("speakers: who is quoted? set `speakers:` (the importer cannot tell the writer from the interviewee)");
  info.todo.push("url: add `url:` only if the article's address is known for certain");
  return info;
}

function takeByline(info: HeaderInfo, line: string): void {
  const [, role, raw] = BYLINE.exec(line)!;
  const value = withoutAside(raw!);
  if (value.aside) info.warnings.push(`byline note "(${value.aside})" left out of the name`);
  if (role === "口述") {
    info.speakers.push(value.main);
  } else if (["文", "作者", "撰文", "撰稿", "采访", "采写"].includes(role!)) {
    info.author ??= value.main;
  } else {
    info.warnings.push(`byline "${line}" (${role}) is not stored in front matter`);
  }
}
