/** Per-call latency of a synchronous function over a query list: percentiles and throughput. */

export interface LatencyStats {
  /** Calls timed. */
  n: number;
  p50: number;
  p99: number;
  max: number;
  /** Calls per second of timed work (back to back, one core; untimed preparation left out). */
  qps: number;
  /** The queries with the highest median time (when `keyOf` groups the calls). */
  slowest?: { query: string; medianMs: number }[];
}

export interface MeasureOptions {
  /** Untimed passes first (JIT, lazy caches). */
  warmupRounds?: number;
  /** Timed passes: at least this many… */
  minRounds?: number;
  /** …and more until this much wall-clock time has passed (untimed preparation included). */
  budgetMs?: number;
  /** Groups calls by query (e.g. spellings of one query) to report the slowest ones. */
  keyOf?: (query: string) => string;
  /** Runs untimed right before each timed call (e.g. the first page before the next). */
  prepare?: (query: string) => void;
}

/** `q`-quantile (0–1) of ascending `sorted`, nearest rank. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: readonly number[], totalMs: number): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    qps: totalMs > 0 ? (sorted.length * 1000) / totalMs : Number.NaN,
  };
}

export function measure(queries: readonly string[], run: (query: string) => unknown, options: MeasureOptions = {}): LatencyStats {
  const { warmupRounds = 1, minRounds = 3, budgetMs = 3_000, keyOf, prepare } = options;
  const byKey = new Map<string, number[]>();
  for (let r = 0; r < warmupRounds; r++) for (const q of queries) run(q);
  const samples: number[] = [];
  let total = 0;
  const started = performance.now();
  for (let round = 0; round < minRounds || performance.now() - started < budgetMs; round++) {
    for (const q of queries) {
      prepare?.(q);
      const start = performance.now();
      run(q);
      const ms = performance.now() - start;
      samples.push(ms);
      total += ms;
      if (keyOf) {
        const key = keyOf(q);
        const list = byKey.get(key);
        if (list) list.push(ms);
        else byKey.set(key, [ms]);
      }
    }
    if (round >= 1_000) break;
  }
  const stats = summarize(samples, total);
  if (!keyOf) return stats;
  const medians = [...byKey].map(([query, times]) => ({ query, medianMs: percentile([...times].sort((a, b) => a - b), 0.5) }));
  return { ...stats, slowest: medians.sort((a, b) => b.medianMs - a.medianMs).slice(0, 5) };
}
