/**
 * Work an engine does lazily on first use — the suggestion vocabulary (first autocomplete or a search
 * with few hits) and the daily lessons (first `/lesson today`, first post) — done before the engine
 * serves, so no user's request pays for it and no acknowledgement waits behind it. On a large corpus
 * that is seconds of CPU. The bilingual dictionary (first cross-language query) is read meanwhile in a
 * worker thread.
 */
import { driveSteps, nextTurn } from "../util/steps.ts";
import type { Article } from "../corpus/types.ts";
import { articleLessons, lessonsOf, type LessonCache } from "../lessons/index.ts";
import { articlePassages } from "../search/passages.ts";
import { articleWords, type ArticleWordsCache } from "../search/suggest.ts";
import { articlePriorParts, type ArticlePriorsCache } from "../search/priors.ts";
import type { IndexedEngine } from "../search/engine.ts";
import type { SearchEngine } from "../search/types.ts";
import { preloadCedict } from "../text/cedict.ts";

/**
 * `filled` resolves once the suggestions' index is full and what the first query would prepare is ready:
 * both are done a slice at a time, so a reload waits for them before swapping the engine in, while a start
 * reports ready at once (a query in the meantime does what is left itself). `sliced` (a reload, whose
 * engine serves only once `filled` resolves): the popular topics an empty autocomplete offers are ranked
 * in those slices too, not now in one go (tens of ms on a library).
 */
export function warmUp(engine: SearchEngine, { sliced = false }: { sliced?: boolean } = {}): { ms: number; filled: Promise<void> } {
  const started = performance.now();
  void preloadCedict();
  const indexed = engine as Partial<IndexedEngine>;
  if (!sliced || !indexed.prepared) engine.suggest("");
  lessonsOf(engine);
  const filled = Promise.all([indexed.suggestionsFilled?.(), indexed.prepared?.()]).then(() => {
    // Ranked by `prepared` already: this only makes the suggester answer "" from its cache.
    if (sliced) engine.suggest("");
  });
  return { ms: Math.round(performance.now() - started), filled };
}

/**
 * Asks `next` what `serving` was asked last, a slice of queries a turn, before `next` replaces it: the new
 * engine then answers the questions of the moment from its caches (rankings, the words' prefix, typo and
 * dictionary forms, quote sources) as the one it replaces did, instead of computing them all anew right
 * after the swap (on the library ~2 ms more a query, while requests keep arriving). How many were asked.
 */
export async function replayRecent(serving: SearchEngine | undefined, next: SearchEngine): Promise<number> {
  const queries = (serving as Partial<IndexedEngine> | undefined)?.recentQueries?.() ?? [];
  await driveSteps(
    (function* () {
      for (const query of queries) {
        next.search(query);
        yield;
      }
    })(),
  );
  return queries.length;
}

/**
 * Warm-up that needs no engine, started before the index is opened so that it runs beside it: the
 * dictionary is read in a worker thread.
 */
export function warmUpAhead(): void {
  void preloadCedict();
}

/** Each article's share of warm-up, kept across engines by the reload worker. */
export interface ArticleCaches {
  words: ArticleWordsCache;
  lessons: LessonCache;
  priors: ArticlePriorsCache;
}

/** Work between two yields of `warmArticles`. */
const SLICE_MS = 20;

/**
 * Fills `caches` for articles an engine will be built from (with the default passages), a slice at a
 * time: the worker does it while idle after start, so that the first reload redoes only what changed.
 */
export async function warmArticles(articles: readonly Article[], caches: ArticleCaches): Promise<void> {
  let since = performance.now();
  for (const article of articles) {
    if (performance.now() - since > SLICE_MS) {
      await nextTurn();
      since = performance.now();
    }
    if (caches.words.has(article) && caches.lessons.has(article) && caches.priors.has(article)) continue;
    const passages = articlePassages(article);
    if (!caches.words.has(article)) caches.words.set(article, articleWords(article, passages));
    if (!caches.lessons.has(article)) caches.lessons.set(article, articleLessons(article, passages));
    if (!caches.priors.has(article)) caches.priors.set(article, articlePriorParts(article, passages));
  }
}
