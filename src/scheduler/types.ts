/**
 * The daily-lessons service as the command layer sees it (`/lesson daily …`, `/lesson today`).
 * Owned by the daily-lessons work; the command layer only depends on this interface.
 */
import type { ChannelKey, PostStatus, Subscription } from "../store/types.ts";
import type { Hit } from "../search/types.ts";

export interface Lesson {
  /** Stable id (survives restarts while the corpus is unchanged): a hash of article id + text. */
  id: string;
  /** The lesson in one line, e.g. "靠机制而不是靠人". */
  title: string;
  /** The explaining sentences, as a quote with attribution. */
  quote: Hit;
  /** Where it came from: a section heading that states it, a strong quote, or front matter `lessons.add`. */
  origin: "heading" | "quote" | "front-matter";
}

export interface DailyStatus {
  subscription?: Subscription;
  /** When the next post is due. */
  nextAt?: Date;
  /** Lessons already shown in this channel's current cycle, and the cycle's size. */
  shown: number;
  total: number;
  /** The channel's latest post (any day), if any. */
  lastPost?: { localDate: string; lessonId: string; status: PostStatus; postedAt?: Date };
}

export interface DailyService {
  subscribe(sub: Subscription): Promise<DailyStatus>;
  unsubscribe(key: ChannelKey): Promise<boolean>;
  status(key: ChannelKey): Promise<DailyStatus>;
  /** The channel's lesson for its local today: the one that was or will be posted. */
  today(key: ChannelKey): Promise<Lesson | undefined>;
}
