/**
 * What a scraped page carries besides the article, and how it is recognised.
 *
 * Site chrome is found by data (the marker lists below, easy to extend when a new site shows up)
 * plus a few structural rules: a trailer (related/hot lists, comment box, promo) is cut from its
 * first marker to the end; a table of contents near the top is dropped as a block; a reference
 * list is dropped with the `[n]` markers that point into it; an image caption repeated back to
 * back (alt text + figcaption) is dropped. Every removal is reported so the importer can show it.
 */

import { isLabel } from "./lines.ts";

export interface Removal {
  line: string;
  reason: string;
}

export interface StripResult {
  lines: string[];
  removed: Removal[];
}

/** Lines that start the page trailer: everything from here on is site chrome. */
export const TRAILER_MARKERS: RegExp[] = [
  /^(相关|热门|推荐|延伸|猜你喜欢|更多)(文章|内容|资讯|阅读|推荐|新闻)[:：]?$/,
  /^相关实践学习$/,
  /^【?(本周)?(推荐阅读|精彩推荐|往期推荐|往期回顾)】?[:：]?$/,
  /^(发布评论|评论|全部评论|登录后发表评论|写下你的评论.*)$/,
  /^了解更多(…|\.\.\.|\.{3}|:|：)?$/,
  /Star\s*一下/,
  /^点击.{0,6}阅读原文/,
  /^(“|")[^”"]{1,20}(”|")\s*栏目(是|为)/,
  /^(扫码|扫描二维码|长按(识别)?二维码).{0,20}关注/,
  /^(Related (articles|posts)|Recommended|Comments|Leave a (comment|reply))$/i,
];

/** A table of contents heading; near the top only its block is dropped, further down it starts the trailer. */
export const TOC_MARKERS: RegExp[] = [/^目录[:：]?$/, /^(Table of contents|Contents)$/i];

/** Headings that introduce a list of links, dropped together with the links. */
export const REFERENCE_HEADINGS: RegExp[] = [
  /^【?(参考链接|参考资料|参考文献|参考|引用|References?|Links)】?[:：]?$/i,
  /^\d+(\.\d+)*\.?\s*(参考|参考链接|参考资料|参考文献|References?)$/i,
];

/** Single lines that are page furniture wherever they appear. */
export const NOISE_LINES: Array<{ pattern: RegExp; reason: string }> = [
  { pattern: /^[\d.,]+[kKwW万千]?(\s+[\d.,]+[kKwW万千]?)*$/, reason: "view/like counter" },
  { pattern: /^本文\s*\d+\s*字.{0,4}阅读\s*\d+\s*分钟$/, reason: "reading-time line" },
  { pattern: /^(阅读|浏览|点赞|收藏|分享|在看)\s*[:：]?\s*\d*$/, reason: "social counter" },
  { pattern: /^(分享到|分享至)[:：]?/, reason: "share buttons" },
  { pattern: /^\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2}(:\d{2})?$/, reason: "timestamp line" },
  { pattern: /^\|?\s*\d+\s*(天|小时|分钟|月)前\s*\|?$/, reason: "relative time" },
  { pattern: /^\|$/, reason: "separator" },
  { pattern: /^(图|图片|配图|题图)\s*(\d+\s*)?[:：|｜]/, reason: "image caption" },
  { pattern: /^(图片|题图)来源/, reason: "image credit" },
  { pattern: /^[\p{Script=Han}A-Za-z· ]{2,12}在.{2,30}(上|中)?(演讲|发言|致辞|分享|合影)$/u, reason: "photo caption" },
];

const URL_LINE = /^(?:[•·\-*]\s*)?(?:\[\d+\]\s*)?(?:《[^》]*》|[^:：\s]{0,40})?[:：]?\s*https?:\/\/\S+$/;
const REFERENCE_ENTRY = /^\[(\d+)\]/;

function nextText(lines: string[], from: number): string {
  for (let i = from; i < lines.length; i += 1) if (lines[i]) return lines[i]!;
  return "";
}

/** Captions and table-of-contents entries are at most this long. */
const LABEL_CHARS = 40;

function isShortLabel(line: string): boolean {
  return isLabel(line, LABEL_CHARS);
}

/** Strips chrome from the body lines (header lines already taken). Blank lines are `""`. */
export function stripBoilerplate(input: string[]): StripResult {
  const removed: Removal[] = [];
  const drop = (line: string, reason: string) => {
    if (line) removed.push({ line, reason });
  };

  // 1. The trailer: from the first marker in the second half of the text to the end.
  const total = input.reduce((n, line) => n + line.length, 0);
  let seen = 0;
  let lines = input;
  let trailer: string[] = [];
  for (let i = 0; i < input.length; i += 1) {
    const line = input[i]!.replace(/^#{1,6}\s+/, "");
    const marker = TRAILER_MARKERS.some((re) => re.test(line)) || (TOC_MARKERS.some((re) => re.test(line)) && seen > total / 2);
    if (marker && seen >= total * 0.4) {
      const count = input.slice(i).filter(Boolean).length;
      trailer = input.slice(i);
      drop(line, `page trailer (${count} lines from here to the end)`);
      lines = input.slice(0, i);
      break;
    }
    seen += line.length;
  }

  // 2. Reference lists (heading + link lines, or a run of `[n] … url` lines) and their `[n]` markers.
  const out: string[] = [];
  const referenceNumbers = new Set<string>();
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const isHeading = REFERENCE_HEADINGS.some((re) => re.test(line));
    const runStart = isHeading ? i + 1 : i;
    let end = runStart;
    while (end < lines.length && (lines[end] === "" || URL_LINE.test(lines[end]!))) end += 1;
    const links = lines.slice(runStart, end).filter((l) => l !== "");
    if (links.length > 0 && (isHeading || links.length >= 2) && (isHeading || URL_LINE.test(line))) {
      lines.slice(i, end).forEach((l) => drop(l, "link-reference list"));
      for (const l of links) {
        const n = REFERENCE_ENTRY.exec(l.replace(/^[•·\-*]\s*/, ""));
        if (n) referenceNumbers.add(n[1]!);
      }
      i = end - 1;
      continue;
    }
    out.push(line);
  }
  lines = out;
  // A reference list inside the trailer still owns the `[n]` markers in the body.
  for (const l of trailer) {
    const n = REFERENCE_ENTRY.exec(l);
    if (n && /https?:\/\//.test(l)) referenceNumbers.add(n[1]!);
  }
  if (referenceNumbers.size) {
    const marker = /\[(\d+)\]/g;
    lines = lines.map((line) => line.replace(marker, (m, n: string) => (referenceNumbers.has(n) ? "" : m)));
    removed.push({ line: [...referenceNumbers].map((n) => `[${n}]`).join(" "), reason: "markers pointing into the removed reference list" });
  }

  // 3. A table of contents near the top: the marker and the short entries after it.
  const withoutToc: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (TOC_MARKERS.some((re) => re.test(line))) {
      drop(line, "table of contents");
      // Entries are short lines; the last short line before body text is the first real heading.
      while (i + 1 < lines.length && (lines[i + 1] === "" || (isShortLabel(lines[i + 1]!) && isShortLabel(nextText(lines, i + 2))))) {
        i += 1;
        drop(lines[i]!, "table of contents");
      }
      continue;
    }
    withoutToc.push(line);
  }
  lines = withoutToc;

  // 4. Noise lines, and captions repeated back to back (image alt text + figcaption).
  const result: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const noise = NOISE_LINES.find((n) => n.pattern.test(line));
    if (noise) {
      drop(line, noise.reason);
      continue;
    }
    let j = i + 1;
    while (lines[j] === "") j += 1;
    if (isShortLabel(line) && lines[j] === line) {
      drop(line, "repeated image caption");
      drop(line, "repeated image caption");
      i = j;
      continue;
    }
    result.push(line);
  }
  return { lines: result, removed };
}
