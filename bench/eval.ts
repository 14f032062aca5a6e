/**
 * hit@k the way the relevance scorer counts it (/work/shared/eval/score.mjs): a result at rank ≤ k is
 * right when its section + passage + quote, normalised (NFKC, lower case, no white space), contains one
 * of the expected phrases. Any retriever that returns such results can be scored on the same cases.
 */
import type { EvalCase } from "./queries.ts";

export interface Retrieved {
  section: string;
  passage: string;
  quote?: string;
}

/** Top-`k` results for a query, best first. */
export type Retriever = (query: string, k: number) => Retrieved[];

export function normalizeForMatch(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}

/** 1-based rank of the first correct result within `k`, or 0. */
export function rankOf(results: readonly Retrieved[], expect: readonly string[], k: number): number {
  const wanted = expect.map(normalizeForMatch);
  const index = results.slice(0, k).findIndex((r) => {
    const text = normalizeForMatch(`${r.section}\n${r.passage}\n${r.quote ?? ""}`);
    return wanted.some((w) => text.includes(w));
  });
  return index + 1;
}

/** Share of cases with a correct result in the first `k` (NaN when there are no cases). */
export function hitRate(cases: readonly EvalCase[], retrieve: Retriever, k = 3): number {
  if (cases.length === 0) return Number.NaN;
  let hits = 0;
  for (const c of cases) if (rankOf(retrieve(c.query, k), c.expect, k) > 0) hits++;
  return hits / cases.length;
}
