/**
 * What the reloader (main thread) and the index worker say to each other. The index travels as binary
 * sections transferred with the result (no copy, nothing to deserialize); arrays of objects travel in
 * chunks, one message each: a message is deserialized in one go on the receiving thread, so a large
 * array sent whole would block the serving event loop for as long as it takes to copy it in.
 */
import type { Article, CorpusError } from "../corpus/types.ts";
import type { Lesson } from "../scheduler/types.ts";
import type { SavedIndexHead } from "../search/snapshot.ts";
import type { VocabularyEntry } from "../search/suggest.ts";
import type { Glossary } from "../text/glossary.ts";

/** Items per chunk message, by part: a few milliseconds to deserialize on the receiving thread. */
export const CHUNK_ITEMS: Record<ChunkPart, number> = { articles: 25, vocabulary: 2_000, lessons: 100 };

export interface WorkerSetup {
  corpusDir: string;
  /** Where each reloaded index's snapshot goes (false = nowhere). */
  snapshotDir: string | false;
}

/** The serving engine's index, so the worker need not analyse its articles again (its sections follow). */
export interface IndexBaseline {
  head: SavedIndexHead;
  /** Article paths in index order, and their passages. */
  order: string[];
  passageCounts: number[];
}

/** Main → worker. */
export type ToWorker =
  /**
   * What the serving engine was built from, in messages; `last` closes it. Sent once per worker: articles
   * in chunks, then (when the engine has one) the index head and its sections, one per message.
   */
  | { type: "baseline"; articles: Article[]; glossary?: Glossary; index?: IndexBaseline; section?: Uint8Array; last: boolean }
  | { type: "reload"; id: number };

/** Arrays of a reload's result that travel in chunks. */
export interface ChunkedParts {
  articles: Article[];
  vocabulary: VocabularyEntry[];
  lessons: Lesson[];
}

export type ChunkPart = keyof ChunkedParts;

/** Files by their path within the corpus folder (`support/index.md`). */
export interface ReloadOutcome {
  /** False when the files' content was the same as before (no new engine). */
  changed: boolean;
  added: string[];
  updated: string[];
  removed: string[];
  /** Files that broke after having loaded: their last good version is still served. */
  kept: CorpusError[];
  /** Files that could not be loaded and had no earlier version. */
  skipped: CorpusError[];
}

/** The small rest of a reload's result, sent after its chunks. */
export interface ReloadHeader {
  outcome: ReloadOutcome;
  glossary: Glossary;
  glossaryChanged: boolean;
  /** Paths of the new corpus's articles in order; `articles` (chunked) holds the ones main doesn't have. */
  order: string[];
  /** The index's head; its sections come with the result message (transferred). */
  index: SavedIndexHead;
  /** Worker time: load, index, warm-up. */
  ms: { load: number; index: number; warmUp: number };
}

/** Worker → main. */
export type FromWorker =
  | { type: "log"; line: string }
  | { type: "chunk"; id: number; part: ChunkPart; items: unknown[] }
  /** `header` absent: nothing changed; else `sections` are the index's (see snapshot.ts). */
  | { type: "result"; id: number; header?: ReloadHeader; sections?: Uint8Array[]; outcome: ReloadOutcome }
  /** The reload's snapshot is written (or not, as logged): the worker is free. */
  | { type: "settled"; id: number }
  | { type: "failed"; id: number; message: string };

/** Posts `items` as chunk messages of `part`. */
export function postChunks(post: (message: FromWorker) => void, id: number, part: ChunkPart, items: readonly unknown[]): void {
  const size = CHUNK_ITEMS[part];
  for (let start = 0; start < items.length; start += size) post({ type: "chunk", id, part, items: items.slice(start, start + size) });
}
