/**
 * `items.map(fn)` for async work with at most `limit` calls in flight, results in the items' order: file
 * reads one after another leave the thread pool idle (a library of a thousand files is a thousand round
 * trips), all at once would open every file together.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const run = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, run));
  return results;
}
