/**
 * A build from the files spends a third of its time on what each article contributes to the suggestion
 * vocabulary (ICU word segmentation of all its Chinese text) and to the daily lessons: work that needs the
 * article alone. A worker thread does it on the other core while this one indexes, and hands the shares back
 * into the caches the engine and the lessons read (`ArticleWordsCache`, `LessonCache`). Whatever has not
 * arrived is computed where it is needed, as without the worker: the result is the same either way.
 */
import { Worker } from "node:worker_threads";
import type { Article } from "../corpus/types.ts";
import { articleLessons, type ArticleLessons, type LessonCache } from "../lessons/index.ts";
import { articlePassages } from "../search/passages.ts";
import { articleWords, type ArticleWords, type ArticleWordsCache } from "../search/suggest.ts";

/** Below this many articles a worker's start (loading the code again, ~0.5 s) costs more than it saves. */
export const WORKER_MIN_ARTICLES = 200;

const WORKER = new URL("./article-shares-worker.mjs", import.meta.url);

/** One article's shares, in the order the articles were given. */
export interface ArticleShare {
  words: ArticleWords;
  lessons: ArticleLessons;
}

/** What the worker computes for each article (the default passages, as the engine splits them). */
export function articleShare(article: Article): ArticleShare {
  const passages = articlePassages(article);
  return { words: articleWords(article, passages), lessons: articleLessons(article, passages) };
}

export interface SharedCaches {
  words: ArticleWordsCache;
  lessons: LessonCache;
  /** Resolves when the worker's shares are in the caches, or it failed (then the caches stay as they are). */
  filled: Promise<void>;
}

/** Empty caches, filled by a worker thread for libraries of `WORKER_MIN_ARTICLES` or more. */
export function sharesInWorker(articles: readonly Article[]): SharedCaches {
  const words: ArticleWordsCache = new WeakMap();
  const lessons: LessonCache = new WeakMap();
  if (articles.length < WORKER_MIN_ARTICLES) return { words, lessons, filled: Promise.resolve() };
  const filled = new Promise<void>((done) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER, { workerData: articles });
    } catch {
      return done();
    }
    worker.unref();
    worker.once("message", (shares: ArticleShare[]) => {
      // Keyed by this thread's article objects: the worker's are copies.
      if (shares.length === articles.length) {
        articles.forEach((article, i) => {
          words.set(article, shares[i]!.words);
          lessons.set(article, shares[i]!.lessons);
        });
      }
      done();
      void worker.terminate();
    });
    worker.once("error", () => done());
    worker.once("exit", () => done());
  });
  return { words, lessons, filled };
}
