/**
 * The quote of a hit: the 1–3 consecutive whole sentences of the passage that best cover the query,
 * at most 280 characters, with the query's terms marked. A single sentence that is too long is cut at
 * clause boundaries (，；： …) and the cut ends show "…".
 */
import { clip } from "../reply/clip.ts";
import { foldWithMap, type Folded } from "../text/normalize.ts";
import { containsTerm, termsContained, termSpans } from "../text/match.ts";
import { splitClauses, splitSentences, type Span } from "../text/sentences.ts";
import { introducesNext, leansOnEarlier } from "../lessons/standalone.ts";
import type { Segment } from "./types.ts";

export const MAX_QUOTE_CHARS = 280;
export const MAX_QUOTE_SENTENCES = 3;
/** A sentence that ends in a colon brings the list it announces: up to this many sentences in all. */
export const MAX_LIST_QUOTE_SENTENCES = 8;
const BULLET = /^•\s*/;
/** A sentence that asks (ends in a question mark, perhaps inside closing quotes). */
const QUESTION = /[?？]["”’」』)）]*\s*$/;
const ELLIPSIS = "…";

/** Folded term → how much finding it is worth (0 = mark only). */
export type TermWeights = ReadonlyMap<string, number>;

export interface Quote {
  text: string;
  segments: Segment[];
}

interface Candidate extends Span {
  /** Sum of the weights of distinct terms inside. */
  gain: number;
  lead: boolean;
  tail: boolean;
  /** Ends announcing what it does not show (a colon, a list cut short). */
  open?: boolean;
  /** Starts leaning on a sentence it does not show ("这…", "However, …"). */
  dangling?: boolean;
  /** Characters that carry the match and its context (the rest is padding). */
  useful?: number;
  /** Starts with a sentence that has none of the query and that nothing after it needs. */
  idle?: boolean;
  /** Holds, at or right after a match, the form of answer the question asks for (see answer-type.ts). */
  answered?: boolean;
}

/**
 * A passage cut into sentences and folded once, with the maps between folded and original offsets:
 * computed once per passage and reused by every query's quote.
 */
export interface QuoteSource {
  text: string;
  sentences: Span[];
  /** Folded text of each sentence. */
  folded: string[];
  /** The whole passage folded, with `map` from folded to original offsets. */
  whole: Folded;
  /** Original offset → offset of its first folded character. */
  inverse: number[];
}

export function quoteSource(text: string): QuoteSource {
  const sentences = splitSentences(text);
  const whole = foldWithMap(text);
  const inverse = new Array<number>(text.length + 1).fill(-1);
  for (let i = whole.text.length; i >= 0; i--) inverse[whole.map[i]!] = i;
  // Offsets inside a character (the second half of a surrogate pair) take the next character's place.
  for (let o = text.length - 1; o >= 0; o--) if (inverse[o] === -1) inverse[o] = inverse[o + 1]!;
  const foldedOf = (span: Span) => whole.text.slice(inverse[span.start], inverse[span.end]);
  return { text, sentences, folded: sentences.map(foldedOf), whole, inverse };
}

/** Picks and marks the quote of a passage for `terms` (an empty map gives the passage's opening sentences). */
export function buildQuote(input: QuoteSource | string, terms: TermWeights, max = MAX_QUOTE_CHARS, answer?: RegExp): Quote {
  const source = typeof input === "string" ? quoteSource(input) : input;
  const { text: passage, sentences, folded } = source;
  if (sentences.length === 0) return { text: "", segments: [] };
  const total = [...terms.values()].reduce((a, b) => a + b, 0);
  const present = folded.map((f) => termsIn(f, terms));
  // Nothing of the query in the text (it matched the heading or title): the opening says what it is about.
  const none = present.every((found) => found.length === 0);
  if ((total === 0 || none) && sentences[0]!.end - sentences[0]!.start <= max) return render(source, opening(sentences, max), terms);
  let best: Candidate | undefined;
  let bestScore = -Infinity;
  const consider = (candidate: Candidate, index: number) => {
    const score = rate(candidate, total || 1, index);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  };
  const texts = sentences.map((span) => passage.slice(span.start, span.end));
  // A question restates what is asked; the answer is what follows it: it carries no context of its own.
  const asks = texts.map((text) => QUESTION.test(text));
  // The sentence holding the form of answer the question asks for (a cause for "why"), when it is asked.
  const answers = folded.map((text) => answer?.test(text) === true);
  sentences.forEach((first, i) => {
    const found = new Set<string>();
    let list = false;
    let lastMatched = -1;
    let answered = false;
    for (let n = 1; i + n - 1 < sentences.length; n++) {
      const last = sentences[i + n - 1]!;
      // Past three sentences only to finish a list that a sentence of the window announced.
      if (n > (list ? MAX_LIST_QUOTE_SENTENCES : MAX_QUOTE_SENTENCES)) break;
      for (const term of present[i + n - 1]!) found.add(term);
      if (present[i + n - 1]!.length > 0) lastMatched = i + n - 1;
      // An answer form counts in the sentence of a match or the one right after it, not in padding.
      answered ||= answers[i + n - 1]! && (present[i + n - 1]!.length > 0 || lastMatched === i + n - 2);
      if (last.end - first.start > max) {
        if (n === 1) consider(bestClauses(source, first, terms, max), i);
        break;
      }
      // Context is the match and the sentence after it (or the list it announces); more is padding.
      const usefulLast = list ? i + n - 1 : Math.min(i + n - 1, Math.max(lastMatched + 1, i));
      let useful = 0;
      for (let k = i; k <= usefulLast; k++) if (!asks[k]) useful += sentences[k]!.end - (k === i ? first.start : sentences[k - 1]!.end);
      const next = texts[i + n];
      list ||= introducesNext(texts[i + n - 1]!);
      consider(
        {
          start: first.start,
          end: last.end,
          gain: gainOf(found, terms),
          lead: false,
          tail: false,
          // A colon that announces what is not shown; a list cut before its end.
          open: introducesNext(texts[i + n - 1]!) || (list && next !== undefined && BULLET.test(next)),
          useful,
          answered,
          dangling: leansOnEarlier(texts[i]!),
          // Context before the match is only worth it when the match leans on it.
          idle: present[i]!.length === 0 && !(n > 1 && leansOnEarlier(texts[i + 1]!)),
        },
        i,
      );
    }
  });
  return render(source, best!, terms);
}

function render(source: QuoteSource, input: Candidate, terms: TermWeights): Quote {
  // A list item quoted alone is not shown with its bullet (the quote marks are its frame).
  const bullet = BULLET.exec(source.text.slice(input.start, input.end));
  const chosen = bullet && input.end - input.start > bullet[0].length ? { ...input, start: input.start + bullet[0].length } : input;
  const body = source.text.slice(chosen.start, chosen.end);
  const text = `${chosen.lead ? ELLIPSIS : ""}${body}${chosen.tail ? ELLIPSIS : ""}`;
  const marked = markSpan(source, chosen, terms.keys());
  const segments: Segment[] = [
    ...(chosen.lead ? [{ text: ELLIPSIS }] : []),
    ...marked,
    ...(chosen.tail ? [{ text: ELLIPSIS }] : []),
  ];
  return { text, segments: joinPlain(segments) };
}

/** What holding the asked-for form of answer is worth, in shares of the query's weight. */
const ANSWER_BONUS = 0.15;

/** Shorter than this, a quote is a fragment rather than a thought (Chinese is dense: ~1 clause). */
const MIN_QUOTE_CHARS = 20;
/** Without a query, the opening sentences are taken up to about this length. */
const OPENING_CHARS = 140;
/**
 * Up to about this length a quote gains by taking the sentences after its match: a sentence that names
 * the topic is often followed by the one that answers ("还真有听觉暂留。如果两个声音相隔…").
 */
const CONTEXT_CHARS = 160;

/**
 * Coverage first; then a quote that stands alone (not ending on a colon whose list is missing, not
 * starting with a reference to an earlier sentence), long enough to carry the answer after the match but
 * no longer than it needs to be; then the earlier one.
 */
function rate(candidate: Candidate, total: number, index: number): number {
  const length = candidate.end - candidate.start;
  const fragment = length < MIN_QUOTE_CHARS ? (0.1 * (MIN_QUOTE_CHARS - length)) / MIN_QUOTE_CHARS : 0;
  const useful = Math.min(candidate.useful ?? length, CONTEXT_CHARS);
  const context = 0.15 * (useful / CONTEXT_CHARS) - 0.0005 * (length - useful);
  const open = candidate.open ? 0.4 : 0;
  const dangling = candidate.dangling ? 0.12 : 0;
  const idle = candidate.idle ? 0.1 : 0;
  const answered = candidate.answered ? ANSWER_BONUS : 0;
  return candidate.gain / total - fragment + context + answered - open - dangling - idle - 0.0001 * index;
}

/** No query: the passage's opening sentences, about OPENING_CHARS long. */
function opening(sentences: Span[], max: number): Candidate {
  const first = sentences[0]!;
  let end = first.end;
  for (let n = 1; n < MAX_QUOTE_SENTENCES && n < sentences.length; n++) {
    if (end - first.start >= OPENING_CHARS || sentences[n]!.end - first.start > max) break;
    end = sentences[n]!.end;
  }
  return { start: first.start, end, gain: 0, lead: false, tail: false };
}

function termsIn(folded: string, terms: TermWeights): string[] {
  return termsContained(folded, terms.keys());
}

function gainOf(found: Iterable<string>, terms: TermWeights): number {
  let gain = 0;
  for (const term of found) gain += terms.get(term) ?? 0;
  return gain;
}

/** The best run of whole clauses of one over-long sentence, leaving room for the ellipses. */
function bestClauses(source: QuoteSource, sentence: Span, terms: TermWeights, max: number): Candidate {
  const passage = source.text;
  const clauses = splitClauses(passage, sentence.start, sentence.end);
  const budget = max - 2 * ELLIPSIS.length;
  const total = [...terms.values()].reduce((a, b) => a + b, 0) || 1;
  let best: Candidate | undefined;
  let bestScore = -Infinity;
  clauses.forEach((first, i) => {
    const found = new Set<string>();
    for (let j = i; j < clauses.length; j++) {
      const end = clauses[j]!.end;
      if (end - first.start > budget) break;
      for (const term of termsIn(source.whole.text.slice(source.inverse[clauses[j]!.start], source.inverse[end]), terms)) found.add(term);
      const candidate = { start: first.start, end, gain: gainOf(found, terms), lead: first.start > sentence.start, tail: end < sentence.end };
      // Inside one sentence more context is better: coverage first, then the longest run that fits.
      const score = candidate.gain / total + (end - first.start) / 10_000;
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
  });
  if (best) return best;
  // Not even one clause fits: cut the sentence itself, grapheme-safe.
  const cut = clip(passage.slice(sentence.start, sentence.end), budget, "");
  return { start: sentence.start, end: sentence.start + cut.length, gain: 0, lead: false, tail: true };
}

/** Splits `text` into plain and marked segments wherever a term occurs (overlapping hits merged). */
export function markTerms(text: string, terms: Iterable<string>): Segment[] {
  return markSpan(quoteSource(text), { start: 0, end: text.length }, terms);
}

/** Segments of `source.text[span]`, marked where a term occurs, found in the precomputed folding. */
function markSpan(source: QuoteSource, span: Span, terms: Iterable<string>): Segment[] {
  const { whole, inverse } = source;
  const text = source.text.slice(span.start, span.end);
  const from = inverse[span.start]!;
  const folded = whole.text.slice(from, inverse[span.end]);
  const spans: Span[] = [];
  for (const term of terms) {
    for (const found of termSpans(folded, term)) {
      spans.push({ start: whole.map[from + found.start]! - span.start, end: whole.map[from + found.end]! - span.start });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: Segment[] = [];
  let cursor = 0;
  let open: Span | undefined;
  const flush = () => {
    if (!open) return;
    if (open.start > cursor) segments.push({ text: text.slice(cursor, open.start) });
    segments.push({ text: text.slice(open.start, open.end), mark: true });
    cursor = open.end;
    open = undefined;
  };
  for (const span of spans) {
    if (span.end <= span.start) continue;
    if (open && span.start <= open.end) open.end = Math.max(open.end, span.end);
    else {
      flush();
      open = { ...span };
    }
  }
  flush();
  if (cursor < text.length) segments.push({ text: text.slice(cursor) });
  return segments;
}

/** Merges neighbouring plain segments (the ellipses next to unmarked text). */
function joinPlain(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    const last = out[out.length - 1];
    if (last && !last.mark && !segment.mark) last.text += segment.text;
    else out.push(segment.mark ? { text: segment.text, mark: true } : { text: segment.text });
  }
  return out;
}
