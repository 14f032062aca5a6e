/**
 * Persistent state behind one interface: SQLite (`sqlite-store.ts`, the default, one machine) or
 * PostgreSQL (`postgres/store.ts`, shared by several replicas). Every method returns a Promise so a
 * networked store fits the same shape; nothing here exposes SQL or a backend's specifics. The same
 * contract tests (tests/store/contract.ts) run against both.
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
  /**
   * The next instant this subscription's post is due, computed once when it is set and again after it
   * fires, so a tick only reads the subscriptions that are due (an index range) instead of doing
   * calendar maths for all of them. Unset when written = due at once (the scheduler then computes it).
   */
  nextDueAt?: Date;
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

  // The scheduler's view: only what is due, through indexes, so its cost doesn't grow with subscriptions.
  /** Subscriptions on `platforms` whose `nextDueAt` is at or before `now`, earliest first, at most `limit`. */
  dueSubscriptions(now: Date, platforms: readonly Platform[], limit: number): Promise<Subscription[]>;
  /** The earliest `nextDueAt` on `platforms`, if any subscription exists. */
  earliestDue(platforms: readonly Platform[]): Promise<Date | undefined>;
  /**
   * Moves a subscription's `nextDueAt` from `from` to `to`; `false` when it no longer is `from` (another
   * replica advanced it, or the subscription changed or went): nothing to do then.
   */
  advanceSubscription(key: ChannelKey, from: Date, to: Date): Promise<boolean>;

  /**
   * Takes over, for `owner` until `leaseUntil`, up to `limit` unfinished posts (`claimed`, `sending` or
   * `failed`, fewer than `maxAttempts` attempts) on `platforms` whose lease lapsed at `now`. Each post goes
   * to exactly one caller, even when several replicas ask at once. The records keep the status they had,
   * so a caller sees which were `sending` when their owner vanished.
   */
  takeOverLapsedPosts(owner: string, leaseUntil: Date, now: Date, platforms: readonly Platform[], maxAttempts: number, limit: number): Promise<PostRecord[]>;
  /** When the earliest lease of an unfinished post (fewer than `maxAttempts` attempts) on `platforms` lapses. */
  earliestLeaseEnd(platforms: readonly Platform[], maxAttempts: number): Promise<Date | undefined>;

  /**
   * Claims a delivery id (a Slack event id, a `trigger_id`) until `expiresAt`: `true` for exactly one
   * caller across every process sharing the store, `false` for the rest until it expires.
   */
  claimDelivery(id: string, now: Date, expiresAt: Date): Promise<boolean>;

  close(): Promise<void>;
}
