/**
 * The passage index: BM25+ over three fields (text, heading, parents) in typed arrays — one sorted term
 * list, and per field a CSR posting table (offsets by term, doc ids, term frequencies) — instead of
 * MiniSearch's map of maps, whose millions of small objects made loading, memory and GC the cost of a
 * large library. Scoring is exactly MiniSearch's for how the engine searches (exact terms, a weight per
 * term, field boosts, OR, k 1.2 b 0.7 d 0.5, idf per field, field length = distinct terms) and so is the
 * order of results (score × matched query terms, ties in first-match order): tests/search/term-index.test.ts
 * compares the two. The arrays travel as they are: a snapshot section, a transfer to another thread.
 */

/** Indexed fields, in MiniSearch's scoring order. */
export const INDEX_FIELDS = ["text", "heading", "parents"] as const;
const FIELDS = INDEX_FIELDS.length;
/** Fields whose passages count in `df` (a term only in section parents says little about a passage). */
const DF_FIELDS = [0, 1];

/** MiniSearch's BM25+ defaults. */
const K = 1.2;
const B = 0.7;
const D = 0.5;
/** Term ids a `TermIndex` keeps at hand; all are dropped when it is full. */
const RECENT_IDS = 20_000;

/** What an index is made of: plain data, saved and transferred as is. */
export interface TermIndexData {
  /** Every term, sorted by UTF-16 code unit (terms with no postings are vocabulary only). */
  terms: string[];
  docCount: number;
  /** Per field: where each term's postings start (`terms.length + 1` entries). */
  offsets: Uint32Array[];
  /** Per field: posting doc ids, ascending within a term. */
  docs: Uint32Array[];
  /** Per field: posting term frequencies (saturating at 65,535). */
  tfs: Uint16Array[];
  /** Per field: distinct terms of each doc's field. */
  lengths: Uint32Array[];
  /** Per field: average field length, accumulated as MiniSearch does (doc by doc). */
  averages: Float64Array;
  /** Passages whose text or heading has the term. */
  dfs: Uint32Array;
}

/** One passage's terms, per field: distinct terms (first occurrence order), their counts, field length. */
export interface AnalysedField {
  terms: string[];
  counts: number[];
  /** Distinct tokens of the field (MiniSearch's field length). */
  length: number;
}
export type AnalysedPassage = readonly AnalysedField[];

/** A field's tokens counted (MiniSearch skips empty tokens but counts them in the field length). */
export function analyseField(tokens: readonly string[]): AnalysedField {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  const length = counts.size;
  counts.delete("");
  return { terms: [...counts.keys()], counts: [...counts.values()], length };
}

export interface TermHit {
  /** Doc id (insertion order). */
  id: number;
  /** Sum of the weighted per-field BM25+ scores (MiniSearch's score before it multiplies by `terms.length`). */
  score: number;
  /** Query terms found, in query order. */
  terms: string[];
}

export interface TermSearch {
  /** Weight of each query term (MiniSearch's `boostTerm`). */
  weight: (term: string) => number;
  /** Boost per field, in `INDEX_FIELDS` order. */
  fieldBoosts: readonly number[];
  /** Most hits returned. */
  limit: number;
}

export class TermIndex {
  readonly data: TermIndexData;
  private readonly scores: Float64Array;
  private readonly termScores: Float64Array;
  private readonly matched: Uint16Array;
  /** Position of a doc in first-match order during a search, +1 (0 = not matched). */
  private readonly order: Uint32Array;
  private readonly touched: Uint32Array;
  private readonly termTouched: Uint32Array;
  private readonly termMark: Uint8Array;
  /** Per field, each doc's length part of BM25's denominator (`K * (1 - B + B * length / average)`), made on first search. */
  private norms?: Float64Array[];
  /** Terms looked up lately and their ids (-1: not in the index), up to `RECENT_IDS`. */
  private readonly recentIds = new Map<string, number>();

  constructor(data: TermIndexData) {
    this.data = data;
    const n = data.docCount;
    this.scores = new Float64Array(n);
    this.termScores = new Float64Array(n);
    this.matched = new Uint16Array(n);
    this.order = new Uint32Array(n);
    this.touched = new Uint32Array(n);
    this.termTouched = new Uint32Array(n);
    this.termMark = new Uint8Array(n);
  }

  get docCount(): number {
    return this.data.docCount;
  }

  /** Sorted terms: the vocabulary prefix and fuzzy expansion search (expand.ts). */
  get terms(): readonly string[] {
    return this.data.terms;
  }

  /** The term's position in `terms`, or -1. */
  termId(term: string): number {
    let id = this.recentIds.get(term);
    if (id === undefined) {
      id = this.findTerm(term);
      // Queries ask for the same words' dfs again and again (ranking, quotes, suggestions).
      if (this.recentIds.size >= RECENT_IDS) this.recentIds.clear();
      this.recentIds.set(term, id);
    }
    return id;
  }

  private findTerm(term: string): number {
    const terms = this.data.terms;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[mid]! < term) lo = mid + 1;
      else hi = mid;
    }
    return lo < terms.length && terms[lo] === term ? lo : -1;
  }

  /** Passages whose text or heading has the term. */
  df(term: string): number {
    const id = this.termId(term);
    return id < 0 ? 0 : this.data.dfs[id]!;
  }

  /**
   * The best `limit` docs for the terms (OR), ordered as MiniSearch orders them: by score × matched query
   * terms, descending, ties in the order the docs were first matched. Not re-entrant (reused buffers).
   */
  search(queryTerms: readonly string[], options: TermSearch): TermHit[] {
    const { docCount, offsets, docs, tfs } = this.data;
    const { scores, termScores, matched, order, touched, termTouched, termMark } = this;
    const norms = (this.norms ??= this.lengthNorms());
    let touchedCount = 0;
    const ids: number[] = [];
    for (let q = 0; q < queryTerms.length; q++) ids.push(this.termId(queryTerms[q]!));
    for (let q = 0; q < queryTerms.length; q++) {
      const term = queryTerms[q]!;
      const id = ids[q]!;
      if (id < 0) continue;
      const termBoost = options.weight(term);
      let termCount = 0;
      for (let f = 0; f < FIELDS; f++) {
        const start = offsets[f]![id]!;
        const end = offsets[f]![id + 1]!;
        if (start === end) continue;
        const fieldBoost = options.fieldBoosts[f] ?? 1;
        const weight = termBoost * fieldBoost;
        const matching = end - start;
        // The same expression as MiniSearch's calcBM25Score, so scores are equal to the last bit.
        const invDocFreq = Math.log(1 + (docCount - matching + 0.5) / (matching + 0.5));
        const fieldDocs = docs[f]!;
        const fieldTfs = tfs[f]!;
        const fieldNorms = norms[f]!;
        for (let p = start; p < end; p++) {
          const doc = fieldDocs[p]!;
          const termFreq = fieldTfs[p]!;
          const rawScore = invDocFreq * (D + (termFreq * (K + 1)) / (termFreq + fieldNorms[doc]!));
          const weighted = weight * rawScore;
          if (termMark[doc] === 0) {
            termMark[doc] = 1;
            termScores[doc] = weighted;
            termTouched[termCount++] = doc;
          } else termScores[doc] = termScores[doc]! + weighted;
        }
      }
      // Combined as MiniSearch's OR does: the term's sum added to the running one.
      for (let i = 0; i < termCount; i++) {
        const doc = termTouched[i]!;
        termMark[doc] = 0;
        if (order[doc] === 0) {
          touched[touchedCount++] = doc;
          order[doc] = touchedCount;
          scores[doc] = termScores[doc]!;
          matched[doc] = 1;
        } else {
          scores[doc] = scores[doc]! + termScores[doc]!;
          matched[doc] = matched[doc]! + 1;
        }
      }
    }
    const best = this.select(touchedCount, Math.max(0, options.limit));
    const hits: TermHit[] = [];
    for (const doc of best) hits.push({ id: doc, score: scores[doc]!, terms: this.termsOf(doc, queryTerms, ids) });
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i]!;
      order[doc] = 0;
      matched[doc] = 0;
    }
    return hits;
  }

  /** What `norms` holds: the same expression as MiniSearch's, so scores stay equal to the last bit. */
  private lengthNorms(): Float64Array[] {
    const { lengths, averages, docCount } = this.data;
    return lengths.map((fieldLengths, f) => {
      const norms = new Float64Array(docCount);
      const avgFieldLength = averages[f]!;
      for (let doc = 0; doc < docCount; doc++) norms[doc] = K * (1 - B + (B * fieldLengths[doc]!) / avgFieldLength);
      return norms;
    });
  }

  /** The best `limit` touched docs: a bounded heap, then sorted (score × matched desc, first match asc). */
  private select(count: number, limit: number): number[] {
    const { scores, matched, order, touched } = this;
    // Each doc's key computed once, not at every comparison (the term buffer is free by now).
    const keys = this.termScores;
    for (let i = 0; i < count; i++) {
      const doc = touched[i]!;
      keys[doc] = scores[doc]! * (matched[doc]! || 1);
    }
    // Min-heap on `ahead`: the root is the worst kept. Most docs lose to the root: that test is inline.
    const heap: number[] = [];
    for (let i = 0; i < count && limit > 0; i++) {
      const doc = touched[i]!;
      if (heap.length < limit) {
        heap.push(doc);
        let c = heap.length - 1;
        while (c > 0) {
          const parent = (c - 1) >> 1;
          if (!ahead(keys, order, heap[parent]!, heap[c]!)) break;
          const swap = heap[c]!;
          heap[c] = heap[parent]!;
          heap[parent] = swap;
          c = parent;
        }
        continue;
      }
      const root = heap[0]!;
      const k = keys[doc]!;
      const rootKey = keys[root]!;
      if (!(k > rootKey || (k === rootKey && order[doc]! < order[root]!))) continue;
      heap[0] = doc;
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        const r = l + 1;
        let m = c;
        if (l < heap.length && ahead(keys, order, heap[m]!, heap[l]!)) m = l;
        if (r < heap.length && ahead(keys, order, heap[m]!, heap[r]!)) m = r;
        if (m === c) break;
        const swap = heap[c]!;
        heap[c] = heap[m]!;
        heap[m] = swap;
        c = m;
      }
    }
    return heap.sort((a, b) => (ahead(keys, order, a, b) ? -1 : ahead(keys, order, b, a) ? 1 : 0));
  }

  /** The query terms `doc` has in some field, in query order. */
  private termsOf(doc: number, queryTerms: readonly string[], ids: readonly number[]): string[] {
    const out: string[] = [];
    for (let q = 0; q < queryTerms.length; q++) {
      const term = queryTerms[q]!;
      const id = ids[q]!;
      if (id >= 0 && this.has(id, doc) && !out.includes(term)) out.push(term);
    }
    return out;
  }

  /**
   * Whether passage `doc` has the term (by its `termId`) in its text or heading, as analysed for the
   * index: a binary search in two posting lists instead of a scan of the passage.
   */
  holds(id: number, doc: number): boolean {
    if (id < 0) return false;
    for (const f of DF_FIELDS) if (this.inField(f, id, doc)) return true;
    return false;
  }

  private has(id: number, doc: number): boolean {
    for (let f = 0; f < FIELDS; f++) if (this.inField(f, id, doc)) return true;
    return false;
  }

  private inField(f: number, id: number, doc: number): boolean {
    const fieldDocs = this.data.docs[f]!;
    const end = this.data.offsets[f]![id + 1]!;
    let lo = this.data.offsets[f]![id]!;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (fieldDocs[mid]! < doc) lo = mid + 1;
      else hi = mid;
    }
    return lo < end && fieldDocs[lo] === doc;
  }
}

/** Terms numbered as first seen; kept across builds (a reload's worker), so kept analyses are numbers. */
export class TermDictionary {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  get size(): number {
    return this.names.length;
  }

  idOf(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(term, id);
      this.names.push(term);
    }
    return id;
  }

  name(id: number): string {
    return this.names[id]!;
  }
}

/** A field's terms as dictionary ids, with counts and length. */
export interface CountedField {
  ids: Uint32Array;
  counts: Uint32Array;
  length: number;
}
export type CountedPassage = readonly CountedField[];

const EMPTY_FIELD: CountedField = { ids: new Uint32Array(0), counts: new Uint32Array(0), length: 0 };

export function countPassage(passage: AnalysedPassage, dictionary: TermDictionary): CountedPassage {
  return passage.map((field) => ({ ids: Uint32Array.from(field.terms, (term) => dictionary.idOf(term)), counts: Uint32Array.from(field.counts), length: field.length }));
}

/** Growable Uint32 list (postings while building). */
class U32List {
  array = new Uint32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.array.length) {
      const next = new Uint32Array(this.array.length * 2);
      next.set(this.array);
      this.array = next;
    }
    this.array[this.length++] = value;
  }
}

/**
 * Builds an index from analysed passages, doc by doc (doc id = order added); `extraTerms` (title words)
 * join the vocabulary without postings.
 */
export class TermIndexBuilder {
  /** Per field: (doc, term id, tf) triples in doc order. */
  private readonly postings = Array.from({ length: FIELDS }, () => ({ docs: new U32List(), terms: new U32List(), tfs: new U32List() }));
  private readonly lengths = Array.from({ length: FIELDS }, () => new U32List());
  private readonly averages = new Float64Array(FIELDS);
  private docCount = 0;

  /** Term ids come from `dictionary` (shared with counted passages made with it). */
  constructor(private readonly dictionary: TermDictionary = new TermDictionary()) {}

  add(passage: AnalysedPassage): void {
    this.addCounted(countPassage(passage, this.dictionary));
  }

  /** A passage counted with this builder's dictionary (no term lookup: a reload's kept analyses). */
  addCounted(passage: CountedPassage): void {
    const doc = this.docCount++;
    for (let f = 0; f < FIELDS; f++) {
      const field = passage[f] ?? EMPTY_FIELD;
      const list = this.postings[f]!;
      for (let i = 0; i < field.ids.length; i++) {
        list.docs.push(doc);
        list.terms.push(field.ids[i]!);
        list.tfs.push(field.counts[i]!);
      }
      this.lengths[f]!.push(field.length);
      // MiniSearch's running average, so averages (and scores) are equal to the last bit.
      this.averages[f] = (this.averages[f]! * doc + field.length) / (doc + 1);
    }
  }

  build(extraTerms: Iterable<string> = []): TermIndexData {
    const { dictionary } = this;
    // Only terms with postings or extra terms: a dictionary kept across builds has retired terms too.
    const extraIds = Array.from(extraTerms, (term) => dictionary.idOf(term));
    const live = new Uint8Array(dictionary.size);
    for (const id of extraIds) live[id] = 1;
    for (const list of this.postings) for (let i = 0; i < list.terms.length; i++) live[list.terms.array[i]!] = 1;
    const names: string[] = [];
    for (let id = 0; id < live.length; id++) if (live[id]) names.push(dictionary.name(id));
    // The default sort compares by UTF-16 code unit, as `<` does (binary search relies on it).
    const terms = names.sort();
    const count = terms.length;
    const rank = new Uint32Array(dictionary.size);
    for (let position = 0; position < count; position++) rank[dictionary.idOf(terms[position]!)] = position;
    const offsets: Uint32Array[] = [];
    const docs: Uint32Array[] = [];
    const tfs: Uint16Array[] = [];
    for (let f = 0; f < FIELDS; f++) {
      const list = this.postings[f]!;
      const fieldOffsets = new Uint32Array(count + 1);
      for (let i = 0; i < list.terms.length; i++) fieldOffsets[rank[list.terms.array[i]!]! + 1]!++;
      for (let t = 0; t < count; t++) fieldOffsets[t + 1]! += fieldOffsets[t]!;
      const cursor = fieldOffsets.slice(0, count);
      const fieldDocs = new Uint32Array(list.terms.length);
      const fieldTfs = new Uint16Array(list.terms.length);
      for (let i = 0; i < list.terms.length; i++) {
        const at = cursor[rank[list.terms.array[i]!]!]!++;
        fieldDocs[at] = list.docs.array[i]!;
        fieldTfs[at] = Math.min(65_535, list.tfs.array[i]!);
      }
      offsets.push(fieldOffsets);
      docs.push(fieldDocs);
      tfs.push(fieldTfs);
    }
    const lengths = this.lengths.map((list) => list.array.slice(0, list.length));
    return { terms, docCount: this.docCount, offsets, docs, tfs, lengths, averages: this.averages.slice(), dfs: unionCounts(offsets, docs, count) };
  }
}

/** Per term, the docs that have it in the text or the heading (a merge of two ascending lists); also for a patched index (index-patch.ts). */
export function unionCounts(offsets: readonly Uint32Array[], docs: readonly Uint32Array[], count: number): Uint32Array {
  const dfs = new Uint32Array(count);
  const [a, b] = DF_FIELDS as [number, number];
  const aOffsets = offsets[a]!;
  const bOffsets = offsets[b]!;
  const aDocs = docs[a]!;
  const bDocs = docs[b]!;
  for (let t = 0; t < count; t++) {
    let i = aOffsets[t]!;
    const iEnd = aOffsets[t + 1]!;
    let j = bOffsets[t]!;
    const jEnd = bOffsets[t + 1]!;
    let n = 0;
    while (i < iEnd && j < jEnd) {
      const x = aDocs[i]!;
      const y = bDocs[j]!;
      if (x <= y) i++;
      if (y <= x) j++;
      n++;
    }
    dfs[t] = n + (iEnd - i) + (jEnd - j);
  }
  return dfs;
}

/**
 * MiniSearch's `match` keys in its order (`Object.keys`): array-index-like terms ("2024") first,
 * ascending, then the others as matched — the engine marks fuzzy and prefix forms in this order.
 */
export function documentTermOrder(terms: readonly string[]): string[] {
  // Called for every candidate of every search: no closures or regular expressions on the common path.
  let any = false;
  for (let i = 0; i < terms.length && !any; i++) any = isArrayIndex(terms[i]!);
  if (!any) return terms.slice();
  const indices = terms.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...terms.filter((t) => !isArrayIndex(t))];
}

/** Whether doc `a` comes before doc `b` in the results: higher key, then matched first. */
function ahead(keys: Float64Array, order: Uint32Array, a: number, b: number): boolean {
  const ka = keys[a]!;
  const kb = keys[b]!;
  return ka > kb || (ka === kb && order[a]! < order[b]!);
}

/** "0", "7", "2024": a key `Object.keys` lists first (a canonical number below 2^32 - 1). */
function isArrayIndex(term: string): boolean {
  const first = term.charCodeAt(0);
  if (first < 48 || first > 57) return false;
  return /^(0|[1-9]\d*)$/.test(term) && Number(term) < 4_294_967_295;
}
