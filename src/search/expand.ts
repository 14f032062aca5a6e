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
  private readonly known: Set<string>;
  private readonly all: string[];
  private readonly latin: string[];
  private readonly cache = new Map<string, Variant[]>();

  /** `frequency` orders prefix completions: the more passages use a completion, the likelier it was meant. */
  constructor(
    vocabulary: Iterable<string>,
    private readonly frequency: (term: string) => number = () => 0,
  ) {
    this.known = new Set(vocabulary);
    this.all = [...this.known].sort();
    this.latin = this.all.filter((term) => /^[a-z0-9]/.test(term));
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
    const indexed = this.known.has(term);
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
      for (const candidate of this.latin) {
        if (variants.has(candidate) || Math.abs(candidate.length - term.length) > max) continue;
        const distance = boundedDistance(term, candidate, max);
        if (distance > 0 && distance <= max) variants.set(candidate, (FUZZY_WEIGHT * candidate.length) / (candidate.length + distance));
      }
    }
    const out = [...variants].map(([t, weight]) => ({ term: t, weight }));
    if (this.cache.size > 5_000) this.cache.clear();
    this.cache.set(key, out);
    return out;
  }

  private completions(prefix: string): string[] {
    let lo = 0;
    let hi = this.all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.all[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.all.length && this.all[i]!.startsWith(prefix); i++) {
      if (this.all[i] !== prefix) out.push(this.all[i]!);
    }
    // Shortest, then most used completions first: `kube` → kube-ovn … before kubesphere.cloud.
    return out.sort((a, b) => a.length - b.length || this.frequency(b) - this.frequency(a)).slice(0, MAX_PREFIX_VARIANTS);
  }
}

/** Levenshtein distance of a and b, or max + 1 as soon as it must exceed max. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
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
