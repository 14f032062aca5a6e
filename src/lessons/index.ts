/**
 * The lessons of an engine's corpus, derived once per engine: a corpus reload builds a new engine,
 * so its lessons are derived afresh, and the old ones are dropped with it.
 */
import type { SearchEngine } from "../search/types.ts";
import type { Lesson } from "../scheduler/types.ts";
import { deriveLessons, type LessonCache } from "./derive.ts";

export { articleLessons, deriveLessons, lessonId, type ArticleLessons, type LessonCache } from "./derive.ts";

const cache = new WeakMap<SearchEngine, readonly Lesson[]>();

/** `perArticle`: each article's lessons kept across engines (see `deriveLessons`). */
export function lessonsOf(engine: SearchEngine, perArticle?: LessonCache): readonly Lesson[] {
  let lessons = cache.get(engine);
  if (!lessons) {
    lessons = Object.freeze(deriveLessons(engine, perArticle));
    cache.set(engine, lessons);
  }
  return lessons;
}

/** Lessons derived earlier from the same corpus (an index snapshot's): the engine serves them as its own. */
export function primeLessons(engine: SearchEngine, lessons: readonly Lesson[]): void {
  cache.set(engine, Object.freeze([...lessons]));
}
