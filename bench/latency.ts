/** Per-call latency of a synchronous function over a query list: percentiles and throughput. */

export interface LatencyStats {
  /** Calls timed. */
  n: number;
  p50: number;
  p99: number;
  max: number;
  /** Calls per second over the timed rounds (back to back, one core). */
  qps: number;
}

export interface MeasureOptions {
  /** Untimed passes first (JIT, lazy caches). */
  warmupRounds?: number;
  /** Timed passes: at least this many… */
  minRounds?: number;
  /** …and more while the time spent stays under this budget. */
  budgetMs?: number;
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
  const { warmupRounds = 1, minRounds = 3, budgetMs = 3_000 } = options;
  for (let r = 0; r < warmupRounds; r++) for (const q of queries) run(q);
  const samples: number[] = [];
  let total = 0;
  for (let round = 0; round < minRounds || total < budgetMs; round++) {
    for (const q of queries) {
      const start = performance.now();
      run(q);
      const ms = performance.now() - start;
      samples.push(ms);
      total += ms;
    }
    if (round >= 1_000) break;
  }
  return summarize(samples, total);
}
