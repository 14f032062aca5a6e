/**
 * Work an engine does lazily on first use — the suggestion vocabulary (first autocomplete or a search
 * with few hits) and the daily lessons (first `/lesson today`, first post) — done before the engine
 * serves, so no user's request pays for it and no acknowledgement waits behind it. On a large corpus
 * that is seconds of CPU.
 */
import type { SearchEngine } from "../search/types.ts";
import { lessonsOf } from "../lessons/index.ts";

export function warmUp(engine: SearchEngine): { ms: number } {
  const started = performance.now();
  engine.suggest("");
  lessonsOf(engine);
  return { ms: Math.round(performance.now() - started) };
}
