/**
 * An engine's passage index as binary sections and back: the sorted terms as one UTF-8 blob (joined by
 * "\n") and the typed arrays as they are. A snapshot file stores the sections (src/index-cache), a reload
 * transfers them from the worker thread without copying; restoring makes views over the bytes, never
 * millions of objects. Restoring is only valid for the same articles, options and code, which the
 * cache's key guarantees; a section of the wrong size or an out-of-range posting makes it throw.
 */
import type { EngineTables, IndexState } from "./engine.ts";
import { INDEX_FIELDS, TermIndex, type TermIndexData } from "./term-index.ts";

/** The small part of a saved index (JSON); its arrays are `sections`, in `SECTION_ORDER`. */
export interface SavedIndexHead {
  docCount: number;
  termCount: number;
  averages: number[];
  /** The engine's tables (their priors are the last section), when saved with the index. */
  tables?: { charDfs: [string, number][]; headingTerms: string[] };
}

export interface SavedIndex {
  head: SavedIndexHead;
  /** Terms blob, dfs, then per field: offsets, docs, tfs, lengths; then the tables' priors. */
  sections: Uint8Array[];
}

const FIELDS = INDEX_FIELDS.length;
/** Sections of the index itself (the tables' come after). */
const INDEX_SECTIONS = 2 + 4 * FIELDS;

export function saveIndex(state: IndexState): SavedIndex {
  const saved = encodeIndex(state.index.data);
  const { tables } = state;
  if (!tables?.charDfs || !tables.headingTerms || !tables.priors) return saved;
  return {
    head: { ...saved.head, tables: { charDfs: [...tables.charDfs], headingTerms: [...tables.headingTerms] } },
    sections: [...saved.sections, new Uint8Array(tables.priors.buffer, tables.priors.byteOffset, tables.priors.byteLength)],
  };
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
  return run(restoring(saved));
}

/** `restoreIndex` in steps: a caller may let other work run between two (a reload's main thread). */
export function* restoring(saved: SavedIndex): Generator<void, IndexState> {
  const data = yield* decoding(saved);
  yield;
  const tables = saved.head.tables ? decodeTables(saved.head.tables, saved.sections[INDEX_SECTIONS], data.docCount) : undefined;
  return { index: new TermIndex(data), ...(tables && { tables }) };
}

function decodeTables(head: NonNullable<SavedIndexHead["tables"]>, section: Uint8Array | undefined, docCount: number): EngineTables {
  if (!Array.isArray(head.charDfs) || !Array.isArray(head.headingTerms) || !section || section.byteLength !== docCount * 4) throw new Error("saved engine tables are incomplete");
  const aligned = section.byteOffset % 4 === 0 ? section : section.slice();
  return { charDfs: new Map(head.charDfs), headingTerms: new Set(head.headingTerms), priors: new Float32Array(aligned.buffer, aligned.byteOffset, docCount) };
}

export function decodeIndex(saved: SavedIndex): TermIndexData {
  return run(decoding(saved));
}

function run<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function* decoding(saved: SavedIndex): Generator<void, TermIndexData> {
  const { head, sections } = saved ?? {};
  if (!head || !Array.isArray(sections) || sections.length !== INDEX_SECTIONS + (head.tables ? 1 : 0)) throw new Error("saved index is incomplete");
  const { docCount, termCount, averages } = head;
  if (!Number.isInteger(docCount) || !Number.isInteger(termCount) || !Array.isArray(averages) || averages.length !== FIELDS) throw new Error("saved index head is malformed");
  const terms = termCount === 0 ? [] : new TextDecoder().decode(sections[0]!).split("\n");
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
    for (let t = 0; t < termCount; t++) if (fieldOffsets[t]! > fieldOffsets[t + 1]!) throw new Error("saved index offsets are not ascending");
    for (let p = 0; p < postings; p++) if (fieldDocs[p]! >= docCount) throw new Error("saved index posting out of range");
    offsets.push(fieldOffsets);
    docs.push(fieldDocs);
    tfs.push(u16(sections[at + 2]!, postings));
    lengths.push(u32(sections[at + 3]!, docCount));
    yield;
  }
  return { terms, docCount, offsets, docs, tfs, lengths, averages: Float64Array.from(averages), dfs };
}
