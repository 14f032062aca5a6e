/**
 * Prefix and fuzzy matching against the index vocabulary, done here instead of inside MiniSearch:
 * MiniSearch's fuzzy search walks its whole radix tree, and thousands of CJK bigrams at the root make
 * that cost milliseconds. Only Latin terms are fuzzy-matched (CJK bigrams must never be), so a sorted
 * list of the Latin vocabulary and a banded edit distance are enough; prefixes use binary search over
 * all terms. Weights follow MiniSearch's own defaults.
 */
export const FUZZY_WEIGHT = 0.45;
export const PREFIX_WEIGHT = 0.375;
/** Longest edit distance tried, whatever the term's length. */
export const MAX_FUZZY = 2;
/** Most prefix completions kept per term (the rarest completions matter least). */
export const MAX_PREFIX_VARIANTS = 16;

export interface Variant {
  term: string;
  /** Relative to the source term's weight (exact = 1). */
  weight: number;
}

export class TermExpander {
  /** Sorted by UTF-16 code unit: the index's own term list, not a copy. */
  private readonly all: readonly string[];
  /** Where the Latin terms are in `all` (they start with 0-9 or a-z: two runs of a sorted list). */
  private readonly latin: readonly (readonly [number, number])[];
  private readonly cache = new Map<string, Variant[]>();
  /** The Latin terms by length, made on the first fuzzy lookup: only lengths within the distance are tried. */
  private byLength: string[][] | undefined;

  /**
   * `vocabulary` sorted by code unit without duplicates (unsorted input is sorted here). `frequency`
   * orders prefix completions: the more passages use a completion, the likelier it was meant.
   */
  constructor(
    vocabulary: readonly string[] | Iterable<string>,
    private readonly frequency: (term: string) => number = () => 0,
    /** The vocabulary is an index's terms, sorted and unique already (checking a library's costs ~70 ms). */
    sorted = false,
  ) {
    this.all = Array.isArray(vocabulary) && (sorted || isSortedUnique(vocabulary as readonly string[])) ? (vocabulary as readonly string[]) : [...new Set(vocabulary)].sort();
    this.latin = [
      [this.lowerBound("0"), this.lowerBound(":")],
      [this.lowerBound("a"), this.lowerBound("{")],
    ];
  }

  private lowerBound(term: string): number {
    let lo = 0;
    let hi = this.all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.all[mid]! < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private known(term: string): boolean {
    return this.all[this.lowerBound(term)] === term;
  }

    /**
   * The indexed forms to search for a query term: the term itself when the index has it; prefix
   * completions and fuzzy neighbours only when it does not (a Latin word the corpus uses is taken as
   * meant; `kubernets` or a half-typed `kubern` is not). A lone CJK character is always a prefix.
   */
  expand(term: string, fuzzy: number | false, prefix: boolean): Variant[] {
    const key = `${term}\u0000${fuzzy}\u0000${prefix}`;
    const known = this.cache.get(key);
    if (known) return known;
    const indexed = this.known(term);
    const variants = new Map<string, number>(indexed ? [[term, 1]] : []);
    const latin = /^[a-z0-9]/.test(term);
    if (latin && indexed) prefix = false;
    if (latin && indexed) fuzzy = false;
    if (prefix) {
      for (const completion of this.completions(term)) {
        const distance = completion.length - term.length;
        variants.set(completion, (PREFIX_WEIGHT * completion.length) / (completion.length + 0.3 * distance));
      }
    }
    if (fuzzy !== false) {
      const max = Math.min(MAX_FUZZY, Math.round(term.length * fuzzy));
      const near: [string, number][] = [];
      for (let length = Math.max(1, term.length - max); length <= term.length + max; length++) {
        for (const candidate of this.latinOfLength(length)) {
          if (variants.has(candidate)) continue;
          const distance = boundedDistance(term, candidate, max);
          if (distance > 0 && distance <= max) near.push([candidate, distance]);
        }
      }
      // In vocabulary order, as a scan of the sorted list finds them (the order weighs in ties downstream).
      near.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [candidate, distance] of near) variants.set(candidate, (FUZZY_WEIGHT * candidate.length) / (candidate.length + distance));
    }
    const out = [...variants].map(([t, weight]) => ({ term: t, weight }));
    if (this.cache.size > 5_000) this.cache.clear();
    this.cache.set(key, out);
    return out;
  }

  private latinOfLength(length: number): readonly string[] {
    if (!this.byLength) {
      const buckets: string[][] = [];
      for (const [from, to] of this.latin) for (let i = from; i < to; i++) (buckets[this.all[i]!.length] ??= []).push(this.all[i]!);
      this.byLength = buckets;
    }
    return this.byLength[length] ?? [];
  }

  private completions(prefix: string): string[] {
    const lo = this.lowerBound(prefix);
    const out: string[] = [];
    for (let i = lo; i < this.all.length && this.all[i]!.startsWith(prefix); i++) {
      if (this.all[i] !== prefix) out.push(this.all[i]!);
    }
    // Shortest, then most used completions first: `kube` → kube-ovn … before kubesphere.cloud.
    return out.sort((a, b) => a.length - b.length || this.frequency(b) - this.frequency(a)).slice(0, MAX_PREFIX_VARIANTS);
  }
}

function isSortedUnique(terms: readonly string[]): boolean {
  for (let i = 1; i < terms.length; i++) if (!(terms[i - 1]! < terms[i]!)) return false;
  return true;
}

/** Two rows of the distance table, reused (grown when a longer word comes). */
let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/** Levenshtein distance of a and b, or max + 1 as soon as it must exceed max. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (previousRow.length <= n) {
    previousRow = new Int32Array(2 * (n + 1));
    currentRow = new Int32Array(2 * (n + 1));
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return previous[n]!;
}

/** The search terms of a query after expansion: each with its weight and the query terms it stands for. */
export interface ExpandedQuery {
  weights: Map<string, number>;
  sources: Map<string, string[]>;
}

export function expandTerms(
  terms: readonly { term: string; weight: number; fuzzy: number | false; prefix: boolean }[],
  expander: TermExpander,
): ExpandedQuery {
  const weights = new Map<string, number>();
  const sources = new Map<string, string[]>();
  for (const source of terms) {
    for (const variant of expander.expand(source.term, source.fuzzy, source.prefix)) {
      const weight = source.weight * variant.weight;
      if (weight > (weights.get(variant.term) ?? 0)) weights.set(variant.term, weight);
      const list = sources.get(variant.term);
      if (list) list.push(source.term);
      else sources.set(variant.term, [source.term]);
    }
  }
  return { weights, sources };
}
