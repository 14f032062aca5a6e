/**
 * The search engine's public contract. Commands, lessons, adapters' autocomplete and the CLI use only this.
 */
import type { Article } from "../corpus/types.ts";

/** A run of text; `mark` = one of the query's terms (adapters render it bold). */
export interface Segment {
  text: string;
  mark?: boolean;
}

/** A searchable unit: a paragraph (or merged short paragraphs / split long one) within its section. */
export interface Passage {
  /** Stable while the article is unchanged: `${articleId}:${position}`. */
  id: string;
  articleId: string;
  sectionPath: string[];
  /** Order of the passage within its article, from 0. */
  position: number;
  text: string;
}

export interface Attribution {
  /** Who said it: first speaker, else the author. */
  speaker?: string;
  title: string;
  /** Section path joined with " › " ("" for the preamble). */
  section: string;
  url?: string;
  source?: string;
  date?: string;
}

export interface Hit extends Attribution {
  passageId: string;
  articleId: string;
  sectionPath: string[];
  /** The whole matched passage. */
  passage: string;
  /** 1–3 consecutive whole sentences (≤ 280 chars) that best cover the query. */
  quote: string;
  quoteSegments: Segment[];
  score: number;
  /** Share of the query's meaningful terms found in the passage (0–1). */
  coverage: number;
  /** Good enough to volunteer unasked (channel Q&A posts only strong hits). */
  strong: boolean;
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
}

export interface SearchResult {
  /** The query as searched (trimmed, cut to the maximum length). */
  query: string;
  /** True when the input was longer than the maximum and only its start was searched. */
  truncated: boolean;
  hits: Hit[];
  /** Hits in all, for paging. */
  total: number;
  /** Close terms to try when hits are few or none. */
  suggestions: string[];
}

export interface SearchEngine {
  search(query: string, options?: SearchOptions): SearchResult;
  /** Completions for a partial query (Discord autocomplete), best first. */
  suggest(partial: string, limit?: number): string[];
  /** A passage rendered as a quote hit without a query (random, share, lessons). */
  quoteOf(passageId: string, query?: string): Hit | undefined;
  passages(): readonly Passage[];
  articles(): readonly Article[];
}
