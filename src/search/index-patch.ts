/**
 * A reload's next passage index made from the last one instead of laid out again over every passage: the
 * unchanged articles' postings are copied (their doc ids shifted past the changed ones), the changed
 * articles' merged in, terms that lost their last posting dropped and new ones inserted in order. The
 * result is the very index `TermIndexBuilder` makes of the same analyses, array for array (tests compare
 * them), in a few tight passes over typed arrays instead of a sort of every posting.
 */
import type { ArticleAnalysis } from "./engine.ts";
import { INDEX_FIELDS, unionCounts, type TermDictionary, type TermIndexData } from "./term-index.ts";

const FIELDS = INDEX_FIELDS.length;

/** An index and what it was laid out from: the articles' analyses in order, each term's dictionary id. */
export interface LaidIndex {
  data: TermIndexData;
  analyses: readonly ArticleAnalysis[];
  /** Dictionary id of each term of `data.terms`. */
  ids: Uint32Array;
}

/** The dictionary ids of an index's terms (once per index laid out from scratch). */
export function termIdsOf(data: TermIndexData, dictionary: TermDictionary): Uint32Array {
  return Uint32Array.from(data.terms, (term) => dictionary.idOf(term));
}

/**
 * The index of `next` (analyses in corpus order) made from `base`; undefined when patching would not pay
 * or does not apply (most articles changed, an analysis twice, unchanged articles in another order):
 * then the caller lays the index out from scratch.
 */
export function patchIndex(base: LaidIndex, next: readonly ArticleAnalysis[], dictionary: TermDictionary): LaidIndex | undefined {
  const { data } = base;
  const oldIndex = new Map<ArticleAnalysis, number>();
  for (const [i, analysis] of base.analyses.entries()) {
    if (oldIndex.has(analysis)) return undefined;
    oldIndex.set(analysis, i);
  }
  // Where each old article's docs start.
  const oldStarts = new Uint32Array(base.analyses.length + 1);
  base.analyses.forEach((analysis, i) => (oldStarts[i + 1] = oldStarts[i]! + analysis.passages.length));
  if (oldStarts[base.analyses.length] !== data.docCount) return undefined;

  // Old doc → new doc (or -1: its article changed or went); the new articles' docs and passages.
  const docMap = new Int32Array(data.docCount).fill(-1);
  const seen = new Set<ArticleAnalysis>();
  const added: { doc: number; analysis: ArticleAnalysis }[] = [];
  let doc = 0;
  let lastOld = -1;
  let keptDocs = 0;
  for (const analysis of next) {
    if (seen.has(analysis)) return undefined;
    seen.add(analysis);
    const i = oldIndex.get(analysis);
    if (i === undefined) {
      added.push({ doc, analysis });
    } else {
      // Kept articles keep their order (the corpus is sorted by path), so doc ids stay ascending.
      if (i < lastOld) return undefined;
      lastOld = i;
      for (let d = oldStarts[i]!; d < oldStarts[i + 1]!; d++) docMap[d] = doc + (d - oldStarts[i]!);
      keptDocs += analysis.passages.length;
    }
    doc += analysis.passages.length;
  }
  const docCount = doc;
  // Mostly new: the builder is as quick, and simpler.
  if (keptDocs < data.docCount / 2) return undefined;
  const removed = base.analyses.filter((analysis) => !seen.has(analysis));

  // Title words are vocabulary only: given ids first, so that the tables below cover them.
  const titleIds = next.map((analysis) => analysis.titleTerms.map((term) => dictionary.idOf(term)));
  // Postings per dictionary id and field after the change, and which terms live (postings, or a title word).
  const size = Math.max(dictionary.size, 1);
  const counts = Array.from({ length: FIELDS }, () => new Int32Array(size));
  for (let f = 0; f < FIELDS; f++) {
    const offsets = data.offsets[f]!;
    const fieldCounts = counts[f]!;
    for (let t = 0; t < data.terms.length; t++) fieldCounts[base.ids[t]!] = offsets[t + 1]! - offsets[t]!;
  }
  const tally = (analysis: ArticleAnalysis, delta: number) => {
    for (const passage of analysis.passages) {
      for (let f = 0; f < FIELDS; f++) {
        const field = passage[f];
        if (!field) continue;
        const fieldCounts = counts[f]!;
        for (let k = 0; k < field.ids.length; k++) fieldCounts[field.ids[k]!]! += delta;
      }
    }
  };
  for (const analysis of removed) tally(analysis, -1);
  for (const { analysis } of added) tally(analysis, 1);
  const live = new Uint8Array(size);
  for (const list of titleIds) for (const id of list) live[id] = 1;
  for (let f = 0; f < FIELDS; f++) {
    const fieldCounts = counts[f]!;
    for (let id = 0; id < size; id++) if (fieldCounts[id]! > 0) live[id] = 1;
  }

  // The new sorted terms: the old ones still live, in their order, merged with new ones, sorted.
  const wasTerm = new Uint8Array(size);
  for (let t = 0; t < data.terms.length; t++) wasTerm[base.ids[t]!] = 1;
  const fresh: string[] = [];
  for (let id = 0; id < size; id++) if (live[id] && !wasTerm[id]) fresh.push(dictionary.name(id));
  fresh.sort();
  const terms: string[] = [];
  const ids: number[] = [];
  let a = 0;
  for (let t = 0; t < data.terms.length; t++) {
    const id = base.ids[t]!;
    if (!live[id]) continue;
    const term = data.terms[t]!;
    while (a < fresh.length && fresh[a]! < term) {
      ids.push(dictionary.idOf(fresh[a]!));
      terms.push(fresh[a++]!);
    }
    ids.push(id);
    terms.push(term);
  }
  for (; a < fresh.length; a++) {
    ids.push(dictionary.idOf(fresh[a]!));
    terms.push(fresh[a]!);
  }
  const count = terms.length;
  // Dictionary id → new term position (+1; 0 = none), and old position → new.
  const position = new Uint32Array(size);
  ids.forEach((id, t) => (position[id] = t + 1));
  const oldPosition = new Int32Array(data.terms.length);
  for (let o = 0; o < data.terms.length; o++) oldPosition[o] = position[base.ids[o]!]! - 1;

  // The new docs' postings per field, grouped by new term position, docs ascending.
  const offsets: Uint32Array[] = [];
  const docs: Uint32Array[] = [];
  const tfs: Uint16Array[] = [];
  for (let f = 0; f < FIELDS; f++) {
    const addedStarts = new Uint32Array(count + 1);
    for (const { analysis } of added) for (const passage of analysis.passages) for (const id of passage[f]?.ids ?? []) addedStarts[position[id]!]!++;
    for (let t = 0; t < count; t++) addedStarts[t + 1]! += addedStarts[t]!;
    const addedDocs = new Uint32Array(addedStarts[count]!);
    const addedTfs = new Uint16Array(addedStarts[count]!);
    const cursor = addedStarts.slice(0, count);
    for (const { doc: first, analysis } of added) {
      analysis.passages.forEach((passage, k) => {
        const field = passage[f];
        if (!field) return;
        for (let i = 0; i < field.ids.length; i++) {
          const at = cursor[position[field.ids[i]!]! - 1]!++;
          addedDocs[at] = first + k;
          addedTfs[at] = Math.min(65_535, field.counts[i]!);
        }
      });
    }

    const fieldCounts = counts[f]!;
    const fieldOffsets = new Uint32Array(count + 1);
    for (let t = 0; t < count; t++) fieldOffsets[t + 1] = fieldOffsets[t]! + fieldCounts[ids[t]!]!;
    const fieldDocs = new Uint32Array(fieldOffsets[count]!);
    const fieldTfs = new Uint16Array(fieldOffsets[count]!);
    mergePostings(data.offsets[f]!, data.docs[f]!, data.tfs[f]!, oldPosition, docMap, addedStarts, addedDocs, addedTfs, fieldOffsets, fieldDocs, fieldTfs);
    // Terms new to the index have only new docs' postings.
    for (let t = 0; t < count; t++) {
      if (wasTerm[ids[t]!]) continue;
      fieldDocs.set(addedDocs.subarray(addedStarts[t]!, addedStarts[t + 1]!), fieldOffsets[t]!);
      fieldTfs.set(addedTfs.subarray(addedStarts[t]!, addedStarts[t + 1]!), fieldOffsets[t]!);
    }
    offsets.push(fieldOffsets);
    docs.push(fieldDocs);
    tfs.push(fieldTfs);
  }

  // Field lengths in the new doc order, and MiniSearch's running averages over them (doc by doc).
  const lengths = Array.from({ length: FIELDS }, () => new Uint32Array(docCount));
  const averages = new Float64Array(FIELDS);
  doc = 0;
  for (const analysis of next) {
    for (const passage of analysis.passages) {
      for (let f = 0; f < FIELDS; f++) {
        const length = passage[f]?.length ?? 0;
        lengths[f]![doc] = length;
        averages[f] = (averages[f]! * doc + length) / (doc + 1);
      }
      doc++;
    }
  }
  const patched: TermIndexData = { terms, docCount, offsets, docs, tfs, lengths, averages, dfs: unionCounts(offsets, docs, count) };
  return { data: patched, analyses: next, ids: Uint32Array.from(ids) };
}

/**
 * One field's postings of the terms the old index had: each old term's surviving postings (doc ids
 * remapped, ascending) merged with the new docs' (ascending). Its own function, small, so that it is
 * compiled tight: it touches every posting of the index.
 */
function mergePostings(
  oldOffsets: Uint32Array,
  oldDocs: Uint32Array,
  oldTfs: Uint16Array,
  oldPosition: Int32Array,
  docMap: Int32Array,
  addedStarts: Uint32Array,
  addedDocs: Uint32Array,
  addedTfs: Uint16Array,
  offsets: Uint32Array,
  docs: Uint32Array,
  tfs: Uint16Array,
): void {
  for (let o = 0; o < oldPosition.length; o++) {
    const t = oldPosition[o]!;
    if (t < 0) continue;
    let out = offsets[t]!;
    let q = addedStarts[t]!;
    const qEnd = addedStarts[t + 1]!;
    const pEnd = oldOffsets[o + 1]!;
    for (let p = oldOffsets[o]!; p < pEnd; p++) {
      const mapped = docMap[oldDocs[p]!]!;
      if (mapped < 0) continue;
      while (q < qEnd && addedDocs[q]! < mapped) {
        docs[out] = addedDocs[q]!;
        tfs[out++] = addedTfs[q++]!;
      }
      docs[out] = mapped;
      tfs[out++] = oldTfs[p]!;
    }
    for (; q < qEnd; q++) {
      docs[out] = addedDocs[q]!;
      tfs[out++] = addedTfs[q]!;
    }
  }
}
