/**
 * Cuts articles into passages, the unit of search: a paragraph within its section. Very short paragraphs
 * are merged with a neighbour of the same section, long ones are split only at sentence ends, and a list
 * becomes one passage (or a few groups of whole items) with `• ` before each item.
 */
import type { Article, Block, Section } from "../corpus/types.ts";
import type { Passage } from "./types.ts";
import { splitSentences, type Span } from "../text/sentences.ts";
import { introducesNext } from "../lessons/standalone.ts";

export interface PassageOptions {
  /** Shorter pieces merge with a neighbour of the same section (when the result stays ≤ maxChars). */
  minChars: number;
  /** Longer paragraphs/lists are split into pieces of about targetChars. */
  targetChars: number;
  maxChars: number;
}

/**
 * About 400 characters a passage, 640 at most: a handbook's list of cases or a table (zones, levels) stays
 * one passage, so the row that answers is found with the rows that name the topic; quotes stay ≤ 280.
 */
export const DEFAULT_PASSAGE_OPTIONS: PassageOptions = { minChars: 80, targetChars: 400, maxChars: 640 };

export const LIST_BULLET = "• ";

/** Passages of every article, positions counted per article from 0. */
/** Passages grouped by article id, each article's in their order. */
export function passagesByArticle(passages: readonly Passage[]): Map<string, Passage[]> {
  const byArticle = new Map<string, Passage[]>();
  for (const passage of passages) {
    const list = byArticle.get(passage.articleId);
    if (list) list.push(passage);
    else byArticle.set(passage.articleId, [passage]);
  }
  return byArticle;
}

export function buildPassages(articles: readonly Article[], options: PassageOptions = DEFAULT_PASSAGE_OPTIONS): Passage[] {
  return articles.flatMap((article) => articlePassages(article, options));
}

export function articlePassages(article: Article, options: PassageOptions = DEFAULT_PASSAGE_OPTIONS): Passage[] {
  const passages: Passage[] = [];
  for (const section of article.sections) {
    for (const text of sectionPieces(section, options)) {
      const position = passages.length;
      passages.push({
        id: `${article.meta.id}:${position}`,
        articleId: article.meta.id,
        sectionPath: section.path,
        position,
        text,
      });
    }
  }
  return passages;
}

/** The texts of one section's passages, in order. */
export function sectionPieces(section: Section, options: PassageOptions = DEFAULT_PASSAGE_OPTIONS): string[] {
  const pieces = section.blocks.flatMap((block) => splitBlock(block, options)).filter((t) => t.length > 0);
  return mergeShort(pieces, options);
}

function splitBlock(block: Block, options: PassageOptions): string[] {
  if (block.kind === "paragraph") return splitAtSentences(block.text.trim(), options);
  const items = block.items.map((item) => item.trim()).filter(Boolean).map((item) => LIST_BULLET + item);
  return groupBalanced(items, "\n", options);
}

/** A paragraph over maxChars, cut at sentence ends into pieces of about the same length. */
export function splitAtSentences(text: string, options: PassageOptions = DEFAULT_PASSAGE_OPTIONS): string[] {
  if (text.length <= options.maxChars) return [text];
  const sentences = splitSentences(text);
  const chunks: Span[] = [];
  const count = Math.ceil(text.length / options.targetChars);
  const ideal = text.length / count;
  let current: Span | undefined;
  for (const sentence of sentences) {
    if (current && (sentence.end - current.start > options.maxChars || current.end - current.start >= ideal)) {
      chunks.push(current);
      current = undefined;
    }
    current = current ? { start: current.start, end: sentence.end } : { ...sentence };
  }
  if (current) chunks.push(current);
  return chunks.map((span) => text.slice(span.start, span.end));
}

/** List items grouped into pieces of about targetChars (whole items only). */
function groupBalanced(items: string[], separator: string, options: PassageOptions): string[] {
  const total = items.reduce((n, item) => n + item.length + separator.length, 0);
  if (total <= options.maxChars) return items.length ? [items.join(separator)] : [];
  const ideal = total / Math.ceil(total / options.targetChars);
  const groups: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const item of items) {
    if (current.length && (length + item.length > options.maxChars || length >= ideal)) {
      groups.push(current);
      current = [];
      length = 0;
    }
    current.push(item);
    length += item.length + separator.length;
  }
  if (current.length) groups.push(current);
  return groups.map((group) => group.join(separator));
}

/** A paragraph that opens an item of a numbered run: "3、…", "3. …", "（3）…", "(3) …". */
export const ITEM_START = /^\s*(?:\d{1,3}\s*[、.．]\s*\S|[（(]\d{1,3}[）)])/;

/**
 * Merges pieces under minChars, and pieces ending in a colon, into the next piece (else the previous one)
 * when the result fits maxChars; never into a piece that opens a numbered item.
 */
function mergeShort(pieces: string[], options: PassageOptions): string[] {
  const out: string[] = [];
  let carry: string | undefined;
  for (const piece of pieces) {
    // A numbered item ("2、…", "(2) …") starts a passage of its own: the end of the item before is no part of it.
    if (carry !== undefined && (carry.length + 1 + piece.length > options.maxChars || ITEM_START.test(piece))) {
      placeBack(out, carry, options);
      carry = undefined;
    }
    const text = carry === undefined ? piece : `${carry}\n${piece}`;
    carry = undefined;
    // A piece that announces what follows ("The rules are:") stays with it, so the list is never cut off.
    if (text.length < options.minChars || introducesNext(text)) carry = text;
    else out.push(text);
  }
  if (carry !== undefined) placeBack(out, carry, options);
  return out;
}

function placeBack(out: string[], short: string, options: PassageOptions): void {
  const last = out[out.length - 1];
  if (last !== undefined && last.length + 1 + short.length <= options.maxChars) out[out.length - 1] = `${last}\n${short}`;
  else out.push(short);
}
