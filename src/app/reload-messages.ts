/**
 * What the reloader (main thread) and the index worker say to each other. The index travels as binary
 * sections transferred with the result (no copy, nothing to deserialize); arrays of objects travel in
 * chunks of JSON bytes, also transferred, that the receiving thread parses one per turn of its event loop:
 * a port delivers every queued message in one go, so even many small structured-clone messages arriving
 * together block the serving loop for as long as it takes to copy them all in (~170 ms on a library).
 */
import type { Article, CorpusError } from "../corpus/types.ts";
import type { Lesson } from "../scheduler/types.ts";
import type { SavedIndexHead } from "../search/snapshot.ts";
import type { VocabularyEntry } from "../search/suggest.ts";
import type { Glossary, GlossaryEntry } from "../text/glossary.ts";
import { nextTurn } from "../util/steps.ts";
import type { ListPatch, TermsPatch, VocabularyPatch } from "./reload-patches.ts";

/** Items per chunk, by part: a few milliseconds to parse on the receiving thread. */
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
  | { type: "baseline"; articles: Article[]; glossary?: Glossary; index?: IndexBaseline; section?: Uint8Array; vocabularyDigest?: number; lessonsDigest?: number; last: boolean }
  | { type: "reload"; id: number }
  /** The reload's result is served (or given up) on the main thread: the worker writes the snapshot now. */
  | { type: "served"; id: number; swapped: boolean };

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
  /** The index's terms as edits of the serving engine's (absent: decode them from the index's section). */
  termsPatch?: TermsPatch;
  /** The vocabulary as edits of the serving engine's, the chunks holding only new entries (absent: all). */
  vocabularyPatch?: VocabularyPatch;
  /** Digest of the new vocabulary (the next patch is made against it). */
  vocabularyDigest: number;
  /** The lessons as edits of the serving engine's, the chunks holding only new ones (absent: all). */
  lessonsPatch?: ListPatch;
  /** Digest of the new lessons' ids. */
  lessonsDigest: number;
  /** The aliases the worker's engine mined (so main does not mine them again). */
  aliases: GlossaryEntry[];
  /** Worker time: load, index (analyse, lay out the index, build the engine), warm-up; then sending. */
  ms: { load: number; index: number; warmUp: number; analyse: number; lay: number; engine: number; send: number };
}

/** Worker → main. */
export type FromWorker =
  | { type: "log"; line: string }
  /** Items of `part` as UTF-8 JSON (see `parseChunks`). */
  | { type: "chunk"; id: number; part: ChunkPart; bytes: Uint8Array }
  /** `header` absent: nothing changed; else `sections` are the index's (see snapshot.ts). */
  | { type: "result"; id: number; header?: ReloadHeader; sections?: Uint8Array[]; outcome: ReloadOutcome }
  /** The reload's snapshot is written (or not, as logged): the worker is free. */
  | { type: "settled"; id: number }
  | { type: "failed"; id: number; message: string };

/** Posts `items` as chunk messages of `part`, each a transferred buffer of JSON. */
export function postChunks(post: (message: FromWorker, transfer: ArrayBuffer[]) => void, id: number, part: ChunkPart, items: readonly unknown[]): void {
  const size = CHUNK_ITEMS[part];
  const encoder = new TextEncoder();
  for (let start = 0; start < items.length; start += size) {
    const bytes = encoder.encode(JSON.stringify(items.slice(start, start + size)));
    post({ type: "chunk", id, part, bytes }, [bytes.buffer as ArrayBuffer]);
  }
}

/** The chunks received, parsed one per turn of the event loop (other work runs in between). */
export async function parseChunks(chunks: readonly { part: ChunkPart; bytes: Uint8Array }[]): Promise<ChunkedParts> {
  const parts: ChunkedParts = { articles: [], vocabulary: [], lessons: [] };
  const decoder = new TextDecoder();
  for (const { part, bytes } of chunks) {
    await nextTurn();
    (parts[part] as unknown[]).push(...(JSON.parse(decoder.decode(bytes)) as unknown[]));
  }
  return parts;
}
