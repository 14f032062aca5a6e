/**
 * An engine's index as plain JSON data and back: the MiniSearch index (its own `toJSON`/`loadJS`) plus
 * the term statistics indexing gathered. Saved by the snapshot cache (src/index-cache) so a restart with
 * an unchanged corpus skips tokenizing and indexing; restoring is only valid for the same articles,
 * options and code, which the cache's key guarantees.
 */
import MiniSearch, { type AsPlainObject, type Options } from "minisearch";
import type { IndexState } from "./engine.ts";

export interface SavedIndex {
  minisearch: AsPlainObject;
  /** Document frequencies, `[term, passages]`. */
  dfs: [string, number][];
  /** Index terms that have no document frequency (from headings' parents and titles only). */
  otherTerms: string[];
}

export function saveIndex(state: IndexState): SavedIndex {
  const minisearch = state.index.toJSON();
  // Loading inserts every term into MiniSearch's radix tree; in sorted order that is about twice as fast.
  minisearch.index.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    minisearch,
    dfs: [...state.dfs],
    otherTerms: [...state.vocabularyTerms].filter((term) => !state.dfs.has(term)),
  };
}

/** Throws when `saved` is not a whole saved index (a truncated or foreign file). */
export function restoreIndex<T>(saved: SavedIndex, options: Options<T>): IndexState {
  checkSaved(saved);
  return stateOf(MiniSearch.loadJS(saved.minisearch, options) as unknown as IndexState["index"], saved);
}

/** `restoreIndex` a slice at a time: MiniSearch yields to the event loop while it loads the terms. */
export async function restoreIndexAsync<T>(saved: SavedIndex, options: Options<T>): Promise<IndexState> {
  checkSaved(saved);
  return stateOf((await MiniSearch.loadJSAsync(saved.minisearch, options)) as unknown as IndexState["index"], saved);
}

function checkSaved(saved: SavedIndex): void {
  if (!saved || typeof saved.minisearch !== "object" || !Array.isArray(saved.dfs) || !Array.isArray(saved.otherTerms)) {
    throw new Error("saved index is incomplete");
  }
}

function stateOf(index: IndexState["index"], saved: SavedIndex): IndexState {
  const dfs = new Map(saved.dfs);
  const vocabularyTerms = new Set([...saved.otherTerms, ...dfs.keys()]);
  return { index, dfs, vocabularyTerms };
}
