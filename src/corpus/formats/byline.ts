/**
 * A byline line → author, date and source: "2016-10-16 11:15:34", "November 8, 2025 · 14 min read",
 * "张三 · 来源：开源中国 · 2023-05-12", "By Jane Doe | March 3, 2024". The parts are split at the
 * separators bylines use; each part is a date, a reading time or counter (dropped), a labelled source
 * or author, or else (the first short one without digits) the author's name.
 */
export interface Byline {
  author?: string;
  date?: string;
  source?: string;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const SEPARATORS = /\s*[·•|｜丨/]\s*|\s{2,}|\s+[—–-]\s+/;
const SOURCE_LABEL = /^(?:来源|出处|转载自|本文来源|发布于|source|via|from)\s*[:：|｜丨]?\s*(.+)$/i;
const AUTHOR_LABEL = /^(?:作者|文|撰文|撰稿|编辑|责编|译者|翻译|by|written by|posted by|author)\s*[:：|｜丨]?\s+(.+)$|^(?:作者|文|撰文|撰稿|编辑|责编|译者|翻译)\s*[:：|｜丨]\s*(.+)$/i;
const NOISE = /^(?:\d+\s*(?:min|mins|minutes?)\s*read|阅读\s*\d+\s*分钟|\d+\s*分钟阅读|(?:阅读|浏览|评论|点赞|views?|likes?|comments?)\s*[:：]?\s*[\d.,]+[kw万]?|[\d.,]+[kw万]?\s*(?:views?|likes?|comments?|阅读|浏览|评论|次阅读)|updated.*|更新于.*)$/i;

/** Reading times and counters inside a part ("阅读 1.2k", "14 min read"): dropped. */
const NOISE_INSIDE = /\b\d+\s*(?:min|mins|minutes?)\s*read\b|阅读\s*\d+\s*分钟|\d+\s*分钟阅读|(?:阅读|浏览|评论|点赞)(?:量|数)?\s*[:：]?\s*[\d.,]+[kw万]?|[\d.,]+[kw万]?\s*(?:views?|likes?|comments?|次阅读|阅读)\b|\d{1,2}:\d{2}(?::\d{2})?/gi;

export function parseByline(line: string): Byline {
  const out: Byline = {};
  const parts = line
    .replace(/\s+/g, " ")
    .trim()
    .split(SEPARATORS)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const whole of parts) {
    let part = whole;
    const found = findDate(part);
    if (found) {
      out.date ??= found.date;
      part = part.replace(found.text, " ");
    }
    part = part.replace(NOISE_INSIDE, " ").replace(/\s+/g, " ").trim();
    if (!part || NOISE.test(part)) continue;
    const source = SOURCE_LABEL.exec(part);
    if (source) {
      out.source ??= source[1]!.trim();
      continue;
    }
    const author = AUTHOR_LABEL.exec(part);
    if (author) {
      out.author ??= (author[1] ?? author[2])!.trim();
      continue;
    }
    if (!out.author && part.length <= 40 && !/\d/.test(part) && !/[:：@]|\w\.\w/.test(part)) out.author = part;
  }
  return out;
}

function findDate(text: string): { date: string; text: string } | undefined {
  const found = (m: RegExpExecArray | null, y: number, mo: number | string, d: number) => {
    const date = m ? isoDay(`${m[y]}-${typeof mo === "number" ? m[mo] : mo}-${m[d]}`) : undefined;
    return m && date ? { date, text: m[0] } : undefined;
  };
  const iso = /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(text);
  if (iso) return found(iso, 1, 2, 3);
  const cn = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(text);
  if (cn) return found(cn, 1, 2, 3);
  const en = /\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(text);
  const month = en ? MONTHS.indexOf(en[1]!.slice(0, 3).toLowerCase()) : -1;
  if (en && month >= 0) return found(en, 3, String(month + 1), 2);
  const enDayFirst = /\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/.exec(text);
  const month2 = enDayFirst ? MONTHS.indexOf(enDayFirst[2]!.slice(0, 3).toLowerCase()) : -1;
  if (enDayFirst && month2 >= 0) return found(enDayFirst, 3, String(month2 + 1), 1);
  return undefined;
}

/** `2023-05-12T08:00:00+08:00`, `2023-05-12 11:15:34`, `2023/5/12` → `2023-05-12` (the day as written). */
export function isoDay(value: string): string | undefined {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(value.trim());
  if (!m) return undefined;
  const text = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text ? text : undefined;
}
