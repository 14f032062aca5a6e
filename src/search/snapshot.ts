/**
 * An engine's passage index as binary sections and back: the sorted terms as one UTF-8 blob (joined by
 * "\n") and the typed arrays as they are. A snapshot file stores the sections (src/index-cache), a reload
 * transfers them from the worker thread without copying; restoring makes views over the bytes, never
 * millions of objects. Restoring is only valid for the same articles, options and code, which the
 * cache's key guarantees; a section of the wrong size or an out-of-range posting makes it throw.
 */
import type { EngineTables, IndexState } from "./engine.ts";
import { INDEX_FIELDS, TermIndex, type TermIndexData } from "./term-index.ts";
import { runSteps } from "../util/steps.ts";

/** The small part of a saved index (JSON); its arrays are `sections`, in `SECTION_ORDER`. */
export interface SavedIndexHead {
  docCount: number;
  termCount: number;
  averages: number[];
  /** The engine's tables (their priors are the section after the index's), when saved with the index. */
  tables?: { charDfs: [string, number][]; headingTerms: string[] };
  /** The suggestions' label index (suggest.ts), when saved with it: its sections come last, laid out as the index's. */
  suggestions?: IndexShape;
}

/** A term index's head: what its sections are the arrays of. */
interface IndexShape {
  docCount: number;
  termCount: number;
  averages: number[];
}

export interface SavedIndex {
  head: SavedIndexHead;
  /** Terms blob, dfs, then per field: offsets, docs, tfs, lengths; then the tables' priors; then the suggestions' index, laid out alike. */
  sections: Uint8Array[];
}

const FIELDS = INDEX_FIELDS.length;
/** Sections of the index itself (the tables' come after). */
const INDEX_SECTIONS = 2 + 4 * FIELDS;

export function saveIndex(state: IndexState): SavedIndex {
  const saved = encodeIndex(state.index.data);
  const head: SavedIndexHead = { ...saved.head };
  const sections = [...saved.sections];
  const { tables } = state;
  if (tables?.charDfs && tables.headingTerms && tables.priors) {
    head.tables = { charDfs: [...tables.charDfs], headingTerms: [...tables.headingTerms] };
    sections.push(new Uint8Array(tables.priors.buffer, tables.priors.byteOffset, tables.priors.byteLength));
  }
  if (state.suggestions) {
    const suggestions = encodeIndex(state.suggestions);
    head.suggestions = suggestions.head;
    sections.push(...suggestions.sections);
  }
  return { head, sections };
}

export function encodeIndex(data: TermIndexData): SavedIndex {
  for (const term of data.terms) if (term.includes("\n")) throw new Error(`index term with a line break: ${JSON.stringify(term)}`);
  const bytes = (array: ArrayBufferView) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  const sections = [new TextEncoder().encode(data.terms.join("\n")), bytes(data.dfs)];
  for (let f = 0; f < FIELDS; f++) sections.push(bytes(data.offsets[f]!), bytes(data.docs[f]!), bytes(data.tfs[f]!), bytes(data.lengths[f]!));
  return { head: { docCount: data.docCount, termCount: data.terms.length, averages: [...data.averages] }, sections };
}

/** Throws when `saved` is not a whole, consistent saved index (a truncated or foreign file). */
export function restoreIndex(saved: SavedIndex): IndexState {
  return runSteps(restoring(saved));
}

/** `restoreIndex` in steps: a caller may let other work run between two (a reload's main thread). */
/** `terms`: the index's terms already at hand (a reload's, patched), so the blob is not decoded again. */
export function* restoring(saved: SavedIndex, terms?: string[]): Generator<void, IndexState> {
  const { head, sections } = saved ?? {};
  if (!head || !Array.isArray(sections)) throw new Error("saved index is incomplete");
  const tablesAt = INDEX_SECTIONS;
  const suggestionsAt = tablesAt + (head.tables ? 1 : 0);
  if (sections.length !== suggestionsAt + (head.suggestions ? INDEX_SECTIONS : 0)) throw new Error("saved index is incomplete");
  const data = yield* decoding(head, sections.slice(0, INDEX_SECTIONS), terms);
  yield;
  const tables = head.tables ? decodeTables(head.tables, sections[tablesAt], data.docCount) : undefined;
  const suggestions = head.suggestions ? yield* decoding(head.suggestions, sections.slice(suggestionsAt)) : undefined;
  return { index: new TermIndex(data), ...(tables && { tables }), ...(suggestions && { suggestions }) };
}

function decodeTables(head: NonNullable<SavedIndexHead["tables"]>, section: Uint8Array | undefined, docCount: number): EngineTables {
  if (!Array.isArray(head.charDfs) || !Array.isArray(head.headingTerms) || !section || section.byteLength !== docCount * 4) throw new Error("saved engine tables are incomplete");
  const aligned = section.byteOffset % 4 === 0 ? section : section.slice();
  return { charDfs: new Map(head.charDfs), headingTerms: new Set(head.headingTerms), priors: new Float32Array(aligned.buffer, aligned.byteOffset, docCount) };
}

export function decodeIndex(saved: SavedIndex): TermIndexData {
  return runSteps(restoring(saved)).index.data;
}

/** One term index from its head and its `INDEX_SECTIONS` sections. */
function* decoding(head: IndexShape, sections: Uint8Array[], known?: string[]): Generator<void, TermIndexData> {
  if (sections.length !== INDEX_SECTIONS) throw new Error("saved index is incomplete");
  const { docCount, termCount, averages } = head;
  if (!Number.isInteger(docCount) || !Number.isInteger(termCount) || !Array.isArray(averages) || averages.length !== FIELDS) throw new Error("saved index head is malformed");
  const terms = termCount === 0 ? [] : known?.length === termCount ? known : yield* decodingLines(sections[0]!);
  if (terms.length !== termCount) throw new Error("saved index terms do not match their count");
  yield;
  const view = <T>(make: (buffer: ArrayBuffer, offset: number, length: number) => T, size: number, section: Uint8Array, length?: number): T => {
    if (section.byteLength % size !== 0 || (length !== undefined && section.byteLength !== length * size)) throw new Error("saved index section has the wrong size");
    // Typed arrays need aligned offsets; an unaligned section is copied once.
    const aligned = section.byteOffset % size === 0 ? section : section.slice();
    return make(aligned.buffer as ArrayBuffer, aligned.byteOffset, aligned.byteLength / size);
  };
  const u32 = (section: Uint8Array, length?: number) => view((b, o, n) => new Uint32Array(b, o, n), 4, section, length);
  const u16 = (section: Uint8Array, length?: number) => view((b, o, n) => new Uint16Array(b, o, n), 2, section, length);
  const dfs = u32(sections[1]!, termCount);
  const offsets: Uint32Array[] = [];
  const docs: Uint32Array[] = [];
  const tfs: Uint16Array[] = [];
  const lengths: Uint32Array[] = [];
  for (let f = 0; f < FIELDS; f++) {
    const at = 2 + 4 * f;
    const fieldOffsets = u32(sections[at]!, termCount + 1);
    const postings = fieldOffsets[termCount]!;
    const fieldDocs = u32(sections[at + 1]!, postings);
    yield* checking(termCount, (t) => fieldOffsets[t]! <= fieldOffsets[t + 1]!, "saved index offsets are not ascending");
    yield* checking(postings, (p) => fieldDocs[p]! < docCount, "saved index posting out of range");
    offsets.push(fieldOffsets);
    docs.push(fieldDocs);
    tfs.push(u16(sections[at + 2]!, postings));
    lengths.push(u32(sections[at + 3]!, docCount));
    yield;
  }
  return { terms, docCount, offsets, docs, tfs, lengths, averages: Float64Array.from(averages), dfs };
}

/** Values checked between two yields of `checking` (a field of a library has millions of postings). */
const CHECK_SLICE = 1 << 19;

/** Throws `message` unless `holds(i)` for every i below `count`; a slice at a time. */
function* checking(count: number, holds: (i: number) => boolean, message: string): Generator<void, void> {
  for (let from = 0; from < count; from += CHECK_SLICE) {
    const to = Math.min(count, from + CHECK_SLICE);
    for (let i = from; i < to; i++) if (!holds(i)) throw new Error(message);
    yield;
  }
}

/** Bytes of the terms blob decoded between two yields (a library's terms are megabytes). */
const TERMS_SLICE = 1 << 18;

/** `decode(blob).split("\n")` a slice at a time: each slice ends before a newline (one byte in UTF-8). */
function* decodingLines(blob: Uint8Array): Generator<void, string[]> {
  const lines: string[] = [];
  for (let start = 0; ; ) {
    const newline = blob.indexOf(0x0a, start + TERMS_SLICE);
    const end = newline < 0 ? blob.byteLength : newline;
    // As one decode would: a byte-order mark is dropped at the start of the blob only.
    const decoder = new TextDecoder("utf-8", { ignoreBOM: start > 0 });
    for (const line of decoder.decode(blob.subarray(start, end)).split("\n")) lines.push(line);
    if (newline < 0) return lines;
    start = end + 1;
    yield;
  }
}
