/**
 * Sentence and clause boundaries in original (unfolded) text. Quotes are built from whole sentences, so
 * a closing quote or bracket stays with the sentence it ends, and a `?` inside parentheses ends nothing.
 */

/** A half-open range `[start, end)` of the text it was cut from. */
export interface Span {
  start: number;
  end: number;
}

const TERMINATORS = new Set(["。", "！", "？", "!", "?", "｡"]);
const CLOSERS = new Set(["”", "’", "」", "』", "）", ")", "】", "》", "〕", '"', "'", "]"]);
const OPEN_BRACKETS = new Set(["（", "(", "【", "[", "〔"]);
const CLOSE_BRACKETS = new Set(["）", ")", "】", "]", "〕"]);
const CLAUSE_ENDS = new Set(["，", ",", "；", ";", "：", ":", "、"]);
const SPACE = /\s/;

/** Sentences of `text` at `。！？!?`, `……`, `. ` after a word and line breaks; whitespace between them is dropped. */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  let depth = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && SPACE.test(text[s]!)) s++;
    while (e > s && SPACE.test(text[e - 1]!)) e--;
    if (e > s) spans.push({ start: s, end: e });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\n") {
      depth = 0;
      push(i + 1);
      continue;
    }
    if (OPEN_BRACKETS.has(ch)) depth++;
    else if (CLOSE_BRACKETS.has(ch) && depth > 0) depth--;
    if (depth > 0) continue;
    let end = -1;
    if (TERMINATORS.has(ch)) end = i + 1;
    else if (ch === "…" && text[i + 1] === "…") end = i + 2;
    else if (ch === "." && isEnglishFullStop(text, i)) end = i + 1;
    if (end < 0) continue;
    // Absorb a run of terminators ("?!", "……") and the quotes/brackets that close this sentence.
    while (end < text.length && (TERMINATORS.has(text[end]!) || text[end] === "…")) end++;
    while (end < text.length && CLOSERS.has(text[end]!)) end++;
    push(end);
    i = end - 1;
  }
  push(text.length);
  return spans;
}

/** `.` ends an English sentence when a letter precedes it and a space or the end follows (not `3.0`, `e.g.x`). */
function isEnglishFullStop(text: string, i: number): boolean {
  const before = text[i - 1] ?? "";
  const after = text[i + 1];
  return /[A-Za-z)]/.test(before) && (after === undefined || after === " " || after === "\n");
}

/** Clauses of `[start, end)` split after `，,；;：:、`, each keeping its punctuation. */
export function splitClauses(text: string, start = 0, end = text.length): Span[] {
  const spans: Span[] = [];
  let s = start;
  for (let i = start; i < end; i++) {
    if (CLAUSE_ENDS.has(text[i]!)) {
      spans.push({ start: s, end: i + 1 });
      s = i + 1;
    }
  }
  if (s < end) spans.push({ start: s, end });
  return spans;
}
