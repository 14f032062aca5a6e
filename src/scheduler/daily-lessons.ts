/**
 * Daily lessons: each subscribed channel gets one lesson per local day, exactly once.
 *
 * Exactly-once does not rest on timers. `tick()` looks at every subscription whose post time has
 * come today and claims (channel, local date) with a unique row; only the instance whose insert won
 * sends. Timers merely decide when to tick: at start (catch-up after a restart), at the next due
 * time, and at least hourly. Any number of instances may share the database.
 *
 * A send that fails is retried with backoff (a 429's Retry-After honoured) while keeping the claim.
 * Each attempt renews a lease first; a crashed instance's unsent post is resumed by another once the
 * lease lapses, the same local day only. An attempt that never reported back is not resent.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Locale, Platform } from "../commands/types.ts";
import type { Publisher } from "../reply/publisher.ts";
import type { SearchEngine } from "../search/types.ts";
import type { ChannelKey, PostKey, PostRecord, Store, Subscription } from "../store/types.ts";
import type { DailyService, DailyStatus, Lesson } from "./types.ts";
import { systemClock, type Clock } from "./clock.ts";
import { canonicalTimeZone, localDate, nextOccurrence, occurrenceToday, parseTime, type Occurrence } from "./schedule.ts";
import { cycleOrder, nextLesson, shownPosts } from "./order.ts";
import { DEFAULT_RETRY, retryDelay, type RetryPolicy } from "./retry.ts";
import { lessonsOf } from "../lessons/index.ts";
import { renderLesson } from "../lessons/render.ts";

export interface DailyLessonsOptions {
  store: Store;
  /** The current engine; lessons are derived from it (and re-derived when a reload swaps it). */
  engine?: () => SearchEngine;
  /** The lessons to post, instead of deriving them from `engine` (tests, other sources). */
  lessons?: () => readonly Lesson[];
  log: Logger;
  now?: () => Date;
  /** Overrides `now` and real timers (tests). */
  clock?: Clock;
  /** Language of posts whose subscription has none. */
  defaultLocale?: Locale;
  retry?: Partial<RetryPolicy>;
  /** How long a claim stays ours without renewal. Longer than any single send. */
  leaseMs?: number;
  /** Distinguishes this instance's claims from other processes' (default: random). */
  instanceId?: string;
  /** Longest wait between ticks even when nothing is due (default an hour). */
  maxSleepMs?: number;
}

/** The outcome of one channel's turn in a tick (tests and logs read it). */
export type PostOutcome = "posted" | "failed" | "skipped";

const HOUR_MS = 3_600_000;
/** Even with nothing due, tick hourly: survives clock jumps, suspended laptops and missed timers. */
const DEFAULT_MAX_SLEEP_MS = HOUR_MS;
/** Before the corpus is loaded there are no lessons; look again soon. */
const NOT_READY_RETRY_MS = 15_000;
const DEFAULT_LEASE_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

/** `subscribe` was given a time or zone the command layer should have refused. */
export class InvalidSubscriptionError extends Error {
  override name = "InvalidSubscriptionError";
}

function channelOf(key: ChannelKey): ChannelKey {
  return { platform: key.platform, channelId: key.channelId };
}

function keyString(key: ChannelKey): string {
  return `${key.platform}\u0000${key.channelId}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class DailyLessons implements DailyService {
  readonly instanceId: string;
  readonly #store: Store;
  readonly #lessons: () => readonly Lesson[];
  readonly #log: Logger;
  readonly #clock: Clock;
  readonly #retry: RetryPolicy;
  readonly #leaseMs: number;
  readonly #defaultLocale: Locale;
  readonly #maxSleepMs: number;
  readonly #publishers = new Map<Platform, Publisher>();
  /** Channels this instance is posting to right now: a second tick leaves them alone. */
  readonly #inflight = new Map<string, Promise<PostOutcome>>();
  #abort = new AbortController();
  #cancelWake: (() => void) | undefined;
  #started = false;

  constructor(options: DailyLessonsOptions) {
    this.#store = options.store;
    const { engine, lessons } = options;
    if (!engine && !lessons) throw new TypeError("DailyLessons needs an engine or lessons");
    this.#lessons = lessons ?? (() => lessonsOf(engine!()));
    this.#log = options.log.child({ component: "daily" });
    this.#clock = options.clock ?? systemClock(options.now);
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.#defaultLocale = options.defaultLocale ?? "zh";
    this.#maxSleepMs = options.maxSleepMs ?? DEFAULT_MAX_SLEEP_MS;
    this.instanceId = options.instanceId ?? randomUUID();
  }

  /** The lessons of the current corpus, or none while it is still loading. */
  lessons(): readonly Lesson[] {
    try {
      return this.#lessons();
    } catch {
      // The engine throws until the corpus is loaded.
      return [];
    }
  }

  /** Starts posting through `publishers` (calling again adds more), with a catch-up tick at once. */
  async start(publishers: ReadonlyMap<Platform, Publisher>): Promise<void> {
    for (const [platform, publisher] of publishers) this.#publishers.set(platform, publisher);
    if (!this.#started) {
      this.#started = true;
      this.#abort = new AbortController();
    }
    await this.tick();
  }

  /** Stops timers and retries; waits for sends in flight. Unsent claims are released for others. */
  async stop(): Promise<void> {
    this.#started = false;
    this.#cancelWake?.();
    this.#cancelWake = undefined;
    this.#abort.abort();
    await Promise.allSettled(this.#inflight.values());
  }

  /**
   * Posts every lesson that is due now and not yet claimed (or claimed by a lapsed instance and
   * unsent). Safe to call any time, from any number of instances; resolves when this tick's posts
   * are done. Once started, it then sets the timer for the next tick.
   */
  async tick(): Promise<Map<string, PostOutcome>> {
    try {
      return await this.#postDue();
    } finally {
      if (this.#started) await this.#arm();
    }
  }

  async #postDue(): Promise<Map<string, PostOutcome>> {
    const outcomes = new Map<string, PostOutcome>();
    const lessons = this.lessons();
    if (lessons.length === 0) return outcomes;
    const now = this.#clock.now();
    const jobs: Promise<void>[] = [];
    for (const sub of await this.#store.listSubscriptions()) {
      const publisher = this.#publishers.get(sub.platform);
      const key = keyString(sub);
      if (!publisher || this.#inflight.has(key)) continue;
      const due = this.#dueToday(sub, now);
      if (!due) continue;
      const job = this.#postOnce(sub, due, publisher, lessons).catch((error: unknown) => {
        this.#log.error({ platform: sub.platform, channelId: sub.channelId, err: error }, "daily post failed");
        return "failed" as const;
      });
      this.#inflight.set(key, job);
      jobs.push(
        job.then((outcome) => {
          outcomes.set(key, outcome);
          this.#inflight.delete(key);
        }),
      );
    }
    await Promise.all(jobs);
    return outcomes;
  }

  async subscribe(sub: Subscription): Promise<DailyStatus> {
    const time = parseTime(sub.time);
    const timezone = canonicalTimeZone(sub.timezone);
    if (!time) throw new InvalidSubscriptionError(`invalid time: ${sub.time} (expected HH:MM)`);
    if (!timezone) throw new InvalidSubscriptionError(`invalid time zone: ${sub.timezone} (expected an IANA zone)`);
    // Post times before this moment are not due: subscribing at 15:00 for 09:00 starts tomorrow.
    await this.#store.upsertSubscription({ ...sub, time, timezone, since: this.#clock.now() });
    this.#log.info({ platform: sub.platform, channelId: sub.channelId, time, timezone, weekdays: sub.weekdays }, "daily subscribed");
    if (this.#started) await this.#arm();
    return this.status(sub);
  }

  async unsubscribe(key: ChannelKey): Promise<boolean> {
    const removed = await this.#store.removeSubscription(channelOf(key));
    if (removed) this.#log.info({ platform: key.platform, channelId: key.channelId }, "daily unsubscribed");
    if (this.#started) await this.#arm();
    return removed;
  }

  async status(key: ChannelKey): Promise<DailyStatus> {
    const channel = channelOf(key);
    const [subscription, posts] = await Promise.all([this.#store.getSubscription(channel), this.#store.listPosts(channel)]);
    const lessons = this.lessons();
    const next = nextLesson(lessons, posts, channel);
    const last = posts.at(-1);
    const status: DailyStatus = { shown: next?.shown ?? 0, total: lessons.length };
    if (last) {
      status.lastPost = {
        localDate: last.localDate,
        lessonId: last.lessonId,
        status: last.status,
        ...(last.postedAt ? { postedAt: last.postedAt } : {}),
      };
    }
    if (subscription) {
      status.subscription = subscription;
      const nextAt = await this.#nextPostAt(subscription, this.#clock.now());
      if (nextAt) status.nextAt = nextAt;
    }
    return status;
  }

  async today(key: ChannelKey): Promise<Lesson | undefined> {
    const channel = channelOf(key);
    const lessons = this.lessons();
    if (lessons.length === 0) return undefined;
    const now = this.#clock.now();
    const subscription = await this.#store.getSubscription(channel);
    if (subscription) {
      const today = localDate(now, subscription.timezone);
      const post = await this.#store.getPost({ ...channel, localDate: today });
      const posted = post && lessons.find((lesson) => lesson.id === post.lessonId);
      if (posted) return posted;
      // A post still due today carries the very choice `tick` will make: the same history, the same lesson.
      const nextAt = await this.#nextPostAt(subscription, now);
      if (nextAt && localDate(nextAt, subscription.timezone) === today) {
        return nextLesson(lessons, await this.#store.listPosts(channel), channel)?.lesson;
      }
    }
    // No post today (not subscribed, or the first post comes on a later day): the channel's lesson for the
    // (UTC) day, the same before and after subscribing, so `/lesson today` doesn't change under the user.
    const day = Math.floor(now.getTime() / DAY_MS);
    const order = cycleOrder(lessons, channel, 0);
    return order[day % order.length];
  }

  /** Today's occurrence, if it has come and is not older than the subscription. */
  #dueToday(sub: Subscription, now: Date): Occurrence | undefined {
    const due = this.#calendar(sub, () => occurrenceToday(sub, now));
    if (!due || (sub.since && due.dueAt < sub.since)) return undefined;
    return due;
  }

  /**
   * Calendar maths for one subscription. A stored zone this runtime does not know (e.g. an older
   * time-zone database) makes only that subscription inert, with a warning; the others still post.
   */
  #calendar<T>(sub: Subscription, compute: () => T): T | undefined {
    try {
      return compute();
    } catch (error) {
      this.#log.warn({ platform: sub.platform, channelId: sub.channelId, timezone: sub.timezone, err: error }, "cannot schedule subscription");
      return undefined;
    }
  }

  async #nextPostAt(sub: Subscription, now: Date): Promise<Date | undefined> {
    const due = this.#dueToday(sub, now);
    if (due && !(await this.#store.getPost({ ...channelOf(sub), localDate: due.localDate }))) return due.dueAt;
    return this.#nextOccurrence(sub, now)?.dueAt;
  }

  /** The first occurrence after `after` that the subscription covers. */
  #nextOccurrence(sub: Subscription, after: Date): Occurrence | undefined {
    return this.#calendar(sub, () => {
      let next = nextOccurrence(sub, after);
      while (next && sub.since && next.dueAt < sub.since) next = nextOccurrence(sub, next.dueAt);
      return next;
    });
  }

  /** Claims today's post (or resumes an unsent one) and sends it. */
  async #postOnce(sub: Subscription, due: Occurrence, publisher: Publisher, lessons: readonly Lesson[]): Promise<PostOutcome> {
    const channel = channelOf(sub);
    const key: PostKey = { ...channel, localDate: due.localDate };
    const now = this.#clock.now();
    const leaseUntil = new Date(now.getTime() + this.#leaseMs);
    let post = await this.#store.getPost(key);
    if (!post) {
      const next = nextLesson(lessons, await this.#store.listPosts(channel), channel);
      if (!next) return "skipped";
      const claim = { ...key, lessonId: next.lesson.id, cycle: next.cycle, owner: this.instanceId, leaseUntil, claimedAt: now };
      if (!(await this.#store.claimPost(claim))) return "skipped"; // another instance won the day
      post = { ...claim, status: "claimed", attempts: 0 };
    } else {
      if (post.status === "posted" || post.status === "sending") return "skipped";
      if (post.attempts >= this.#retry.maxAttempts) return "skipped";
      if (!(await this.#store.resumePost(key, this.instanceId, leaseUntil, now))) return "skipped";
      this.#log.info({ ...key, previousOwner: post.owner, attempts: post.attempts }, "resuming unsent daily lesson");
    }
    const lesson = lessons.find((candidate) => candidate.id === post.lessonId);
    if (!lesson) {
      await this.#store.updatePost(key, this.instanceId, {
        status: "failed",
        attempts: this.#retry.maxAttempts,
        error: "the lesson is no longer in the corpus",
      });
      return "failed";
    }
    return this.#deliver(post, sub, lesson, publisher);
  }

  /** Sends a claimed post, retrying with backoff; the claim is kept throughout. */
  async #deliver(post: PostRecord, sub: Subscription, lesson: Lesson, publisher: Publisher): Promise<PostOutcome> {
    const key: PostKey = { platform: post.platform, channelId: post.channelId, localDate: post.localDate };
    const reply = renderLesson(lesson, sub.locale ?? this.#defaultLocale);
    const log = this.#log.child({ ...key, lessonId: lesson.id });
    let attempts = post.attempts;
    while (attempts < this.#retry.maxAttempts) {
      const now = this.#clock.now();
      if (this.#abort.signal.aborted) {
        // Hand the unsent post back at once, so a restart (or another instance) can send it today.
        await this.#store.updatePost(key, this.instanceId, { status: "failed", leaseUntil: now, error: "stopped before sending" });
        return "failed";
      }
      if (localDate(now, sub.timezone) !== key.localDate) {
        await this.#store.updatePost(key, this.instanceId, { status: "failed", error: "the local day ended before it could be sent" });
        log.warn("daily lesson not sent: its day is over");
        return "failed";
      }
      attempts += 1;
      // Renewing the lease is also the fence: if another instance took the post over, we must not send.
      const leaseUntil = new Date(now.getTime() + this.#leaseMs);
      if (!(await this.#store.updatePost(key, this.instanceId, { status: "sending", attempts, leaseUntil }))) return "skipped";
      try {
        await publisher.publish(key.channelId, reply);
      } catch (error) {
        const delay = retryDelay(error, attempts, this.#retry);
        const lastTry = attempts >= this.#retry.maxAttempts;
        await this.#store.updatePost(key, this.instanceId, {
          status: "failed",
          error: errorMessage(error),
          // Keep others off while we wait; after the last try, leave the post to a later instance.
          leaseUntil: new Date(now.getTime() + (lastTry ? 0 : delay + this.#leaseMs)),
        });
        log.warn({ attempt: attempts, retryInMs: lastTry ? undefined : delay, err: error }, "daily lesson send failed");
        if (lastTry) return "failed";
        await this.#clock.sleep(delay, this.#abort.signal);
        continue;
      }
      await this.#store.updatePost(key, this.instanceId, { status: "posted", postedAt: this.#clock.now() });
      log.info({ attempt: attempts }, "daily lesson posted");
      return "posted";
    }
    return "failed";
  }

  /** Sets the one timer to the earliest moment something may be due. */
  async #arm(): Promise<void> {
    if (!this.#started) return;
    const now = this.#clock.now();
    let wake = now.getTime() + (this.lessons().length > 0 ? this.#maxSleepMs : NOT_READY_RETRY_MS);
    for (const sub of await this.#store.listSubscriptions()) {
      if (!this.#publishers.has(sub.platform)) continue;
      // Strictly future times only: whatever was due by now, the tick that just ran has seen.
      const next = this.#nextOccurrence(sub, now);
      if (next) wake = Math.min(wake, next.dueAt.getTime());
      const due = this.#dueToday(sub, now);
      const post = due && (await this.#store.getPost({ ...channelOf(sub), localDate: due.localDate }));
      // Another instance's unsent post: look again when its lease lapses.
      if (post && (post.status === "claimed" || post.status === "failed") && post.attempts < this.#retry.maxAttempts) {
        wake = Math.min(wake, Math.max(post.leaseUntil.getTime(), now.getTime()));
      }
    }
    // Replace the timer in one synchronous step, so overlapping calls leave exactly one armed.
    this.#cancelWake?.();
    this.#cancelWake = undefined;
    if (!this.#started) return;
    this.#cancelWake = this.#clock.wakeAt(new Date(wake), () => {
      this.#cancelWake = undefined;
      this.tick().catch((error: unknown) => this.#log.error({ err: error }, "daily tick failed"));
    });
  }
}

