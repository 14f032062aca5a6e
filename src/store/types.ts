/**
 * Persistent state behind one interface, so a Postgres implementation could later serve several replicas.
 * The SQLite implementation (`sqlite-store.ts`) is the default. Every method returns a Promise so a
 * networked store fits the same shape; nothing here exposes SQL or SQLite specifics.
 */
import type { Locale, Platform, RespondMode } from "../commands/types.ts";

/** A channel is identified by platform + its platform id. */
export interface ChannelKey {
  platform: Platform;
  channelId: string;
}

export interface ChannelSettings {
  respondMode: RespondMode;
}

export interface Feedback extends ChannelKey {
  userId: string;
  passageId: string;
  query: string;
  helpful: boolean;
}

export interface Subscription extends ChannelKey {
  /** `HH:MM`, 24-hour local time. */
  time: string;
  /** IANA zone, e.g. `Asia/Shanghai`. */
  timezone: string;
  weekdays: boolean;
  createdBy: string;
  /** Language of the posts' fixed strings (the subscriber's). */
  locale?: Locale;
  /**
   * When the subscription (or its last change) took effect. Only post times from then on are due, so
   * subscribing at 15:00 for 09:00 starts tomorrow instead of posting at once. Set by the daily service.
   */
  since?: Date;
}

/** One channel's post for one local day. */
export interface PostKey extends ChannelKey {
  /** `YYYY-MM-DD` in the subscription's time zone. */
  localDate: string;
}

/**
 * A post's life: `claimed` (row won, nothing sent) → `sending` (an attempt is in flight) →
 * `posted`, or `failed` (the last attempt failed; a retry may follow). A row left in `sending`
 * by a crashed process is never resent: the message may have gone out, and twice is worse than none.
 */
export type PostStatus = "claimed" | "sending" | "posted" | "failed";

export interface PostRecord extends PostKey {
  lessonId: string;
  /** Which pass through the lessons this post belongs to (0, 1, …). */
  cycle: number;
  status: PostStatus;
  /** The scheduler instance that holds the claim. */
  owner: string;
  /** The owner's claim lapses after this; another instance may then resume an unsent post. */
  leaseUntil: Date;
  attempts: number;
  claimedAt: Date;
  postedAt?: Date;
  error?: string;
}

export interface PostClaim extends PostKey {
  lessonId: string;
  cycle: number;
  owner: string;
  leaseUntil: Date;
  claimedAt: Date;
}

/** Fields an owner may change on its post. */
export interface PostUpdate {
  status: PostStatus;
  attempts?: number;
  leaseUntil?: Date;
  postedAt?: Date;
  error?: string;
}

export interface Store {
  getChannelSettings(key: ChannelKey): Promise<ChannelSettings>;
  setRespondMode(key: ChannelKey, mode: RespondMode): Promise<void>;

  recordFeedback(feedback: Feedback): Promise<void>;

  /** Remembers a query for paging buttons; returns a short stable id (same text → same id). */
  rememberQuery(text: string): Promise<string>;
  recallQuery(id: string): Promise<string | undefined>;

  // Daily lessons (see src/lessons and src/scheduler).
  upsertSubscription(sub: Subscription): Promise<void>;
  removeSubscription(key: ChannelKey): Promise<boolean>;
  getSubscription(key: ChannelKey): Promise<Subscription | undefined>;
  listSubscriptions(): Promise<Subscription[]>;

  /**
   * Claims (channel, local date) for one post. Exactly one caller ever gets `true` for a key; the rest
   * get `false` and must not send. This is the whole exactly-once guarantee, so it is one atomic insert.
   */
  claimPost(claim: PostClaim): Promise<boolean>;
  /**
   * Takes over an unsent post (`claimed` or `failed`) whose lease has lapsed at `now`, or that `owner`
   * already holds. `true` = the caller now holds it with the new lease.
   */
  resumePost(key: PostKey, owner: string, leaseUntil: Date, now: Date): Promise<boolean>;
  /** Changes a post, only while `owner` holds it; `false` = someone else does (stop, don't send). */
  updatePost(key: PostKey, owner: string, update: PostUpdate): Promise<boolean>;
  getPost(key: PostKey): Promise<PostRecord | undefined>;
  /** The channel's posts, oldest local date first. */
  listPosts(key: ChannelKey): Promise<PostRecord[]>;

  close(): Promise<void>;
}
