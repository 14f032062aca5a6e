/**
 * Which lesson a channel gets next: every lesson once per cycle, in an order of its own, and a new
 * order for each cycle. The order is a seeded shuffle: lessons sorted by a hash of (channel, cycle,
 * lesson id). It is deterministic (any instance, any restart computes the same), differs per channel
 * and cycle, and adding or removing a lesson does not reshuffle the others.
 */
import { createHash } from "node:crypto";
import type { Lesson } from "./types.ts";
import type { ChannelKey, PostRecord } from "../store/types.ts";

function rank(channel: ChannelKey, cycle: number, lessonId: string): string {
  return createHash("sha256").update(`${channel.platform}\u0000${channel.channelId}\u0000${cycle}\u0000${lessonId}`).digest("hex");
}

/** The channel's order of `lessons` in `cycle`. */
export function cycleOrder<L extends Pick<Lesson, "id">>(lessons: readonly L[], channel: ChannelKey, cycle: number): L[] {
  return lessons
    .map((lesson) => ({ lesson, key: rank(channel, cycle, lesson.id) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ lesson }) => lesson);
}

/**
 * Posts that count as shown: delivered, or possibly delivered (a send that never reported back).
 * A post that failed for good was not seen, so its lesson comes again.
 */
export function shownPosts(posts: readonly PostRecord[]): PostRecord[] {
  return posts.filter((post) => post.status === "posted" || post.status === "sending");
}

export interface NextLesson<L> {
  lesson: L;
  cycle: number;
  /** Lessons of `cycle` shown before this one. */
  shown: number;
}

/** The lesson the channel's next post carries, given its post history. Undefined only without lessons. */
export function nextLesson<L extends Pick<Lesson, "id">>(
  lessons: readonly L[],
  posts: readonly PostRecord[],
  channel: ChannelKey,
): NextLesson<L> | undefined {
  if (lessons.length === 0) return undefined;
  const shown = shownPosts(posts);
  const cycle = Math.max(0, ...shown.map((post) => post.cycle));
  const seen = new Set(shown.filter((post) => post.cycle === cycle).map((post) => post.lessonId));
  const current = new Set(lessons.map((lesson) => lesson.id));
  const shownInCycle = [...seen].filter((id) => current.has(id)).length;
  const fresh = cycleOrder(lessons, channel, cycle).find((lesson) => !seen.has(lesson.id));
  if (fresh) return { lesson: fresh, cycle, shown: shownInCycle };

  // Everything was shown: start the next cycle, but never with the lesson the channel saw last.
  const order = cycleOrder(lessons, channel, cycle + 1);
  const last = shown.at(-1)?.lessonId;
  const first = order[0]!.id === last && order.length > 1 ? order[1]! : order[0]!;
  return { lesson: first, cycle: cycle + 1, shown: 0 };
}
