/**
 * Daily lessons: each subscribed channel gets one lesson per local day, exactly once.
 *
 * Exactly-once does not rest on timers. Each subscription stores its next due instant, computed once
 * when it is set and again after it fires. `tick()` reads only the subscriptions due by now (an index
 * range), claims (channel, local date) with a unique row, then moves the subscription on; only the
 * instance whose insert won sends. Timers merely decide when to tick: at start (catch-up after a
 * restart), at the earliest due instant or lapsing lease, and at least hourly. So a tick's cost follows
 * what is due, not how many channels subscribe, and any number of replicas may share the database.
 *
 * A send that fails is retried with backoff (a 429's Retry-After honoured) while keeping the claim.
 * Each attempt renews a lease first; a crashed instance's unfinished post is taken over by another once
 * the lease lapses, the same local day only. If it died mid-request, the taker first asks the platform
 * whether the post arrived (`Publisher.findPublished`); where the platform can't tell, it is not resent.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Locale, Platform } from "../commands/types.ts";
import type { Publisher } from "../reply/publisher.ts";
import type { SearchEngine } from "../search/types.ts";
import type { ChannelKey, PostKey, PostRecord, Store, Subscription } from "../store/types.ts";
import type { DailyService, DailyStatus, Lesson } from "./types.ts";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { systemClock, type Clock } from "./clock.ts";
import { canonicalTimeZone, localDate, nextOccurrence, occurrenceToday, parseTime, type Occurrence } from "./schedule.ts";
import { cycleOrder, nextLesson, shownPosts } from "./order.ts";
import { DEFAULT_RETRY, retryDelay, type RetryPolicy } from "./retry.ts";
import { Slots } from "./slots.ts";
import type { Reply } from "../reply/types.ts";
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
/** After a tick failed (e.g. the database was unreachable), try again this soon. */
const ERROR_RETRY_MS = 15_000;
const DEFAULT_LEASE_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
/** Rows read per query in a tick: due subscriptions, lapsed posts. */
const BATCH = 200;
/** Calendar maths yields to the event loop after this long, so a big batch never blocks other work. */
const SLICE_MS = 8;
/** A wake-up never sooner than this after a tick, so a row that stays due can't spin the loop. */
const MIN_REARM_MS = 1_000;
/** Due rows handled at once in a tick (each waits on the database, not the CPU). */
const CONCURRENCY = 16;
/**
 * Sends in flight at once. A thousand channels due at 09:00 are posted a few at a time, so searches
 * answered meanwhile don't queue behind a thousand renders and requests (and the platform's rate limit
 * is not met head-on).
 */
const SEND_SLOTS = 8;

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
  readonly #sends = new Slots(SEND_SLOTS);
  /** Channels this instance is posting to right now: a second tick leaves them alone. */
  readonly #inflight = new Map<string, Promise<PostOutcome>>();
  #abort = new AbortController();
  /** Settles when the tick that is picking work (claims, takeovers) is done with it. */
  #picking: Promise<void> = Promise.resolve();
  #cancelWake: (() => void) | undefined;
  /** When the armed timer fires (epoch ms), if one is armed. */
  #wakeAt: number | undefined;
  /** The earliest wake a subscribe asked for since the last tick began reading the store. */
  #nudge: number | undefined;
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
    const outcomes = (await this.#tickOrRetry()) ?? new Map<string, PostOutcome>();
    const counts: Partial<Record<PostOutcome, number>> = {};
    for (const outcome of outcomes.values()) counts[outcome] = (counts[outcome] ?? 0) + 1;
    this.#log.info({ instanceId: this.instanceId, platforms: [...this.#publishers.keys()], ...counts }, "daily lessons started");
  }

  /** Stops timers and retries; waits for sends in flight. Unsent claims are released for others. */
  async stop(): Promise<void> {
    this.#started = false;
    this.#cancelWake?.();
    this.#cancelWake = undefined;
    this.#wakeAt = undefined;
    this.#abort.abort();
    await Promise.allSettled(this.#inflight.values());
  }

  /**
   * Posts every lesson that is due now and not yet claimed (or claimed by a lapsed instance and
   * unsent). Safe to call any time, from any number of instances; resolves when this tick's posts
   * are done. Once started, it then sets the timer for the next tick.
   */
  async tick(): Promise<Map<string, PostOutcome>> {
    // One tick at a time picks work here (so none takes over a post another tick is just claiming);
    // sends then run on their own, and the timer is set without waiting for a slow or retrying one.
    const previous = this.#picking;
    let picked!: () => void;
    this.#picking = new Promise((resolve) => (picked = resolve));
    let sent: Promise<Map<string, PostOutcome>>;
    try {
      await previous;
      // This tick reads the store from here on; a subscription changed after this point keeps its nudge.
      this.#nudge = undefined;
      ({ sent } = await this.#postDue());
    } finally {
      picked();
      if (this.#started) await this.#arm();
    }
    const outcomes = await sent;
    // Sends change what is pending (a post given up frees nothing, a retry keeps its lease): look again.
    if (outcomes.size > 0 && this.#started) await this.#arm();
    return outcomes;
  }

  /** Claims what is due and starts sending it; resolves (to the sends' outcomes) once all is claimed. */
  async #postDue(): Promise<{ sent: Promise<Map<string, PostOutcome>> }> {
    const outcomes = new Map<string, PostOutcome>();
    const lessons = this.lessons();
    const platforms = [...this.#publishers.keys()];
    if (lessons.length === 0 || platforms.length === 0) return { sent: Promise.resolve(outcomes) };
    const now = this.#clock.now();
    const jobs: Promise<void>[] = [];
    const run = (key: ChannelKey, post: () => Promise<PostOutcome>) => {
      const id = keyString(key);
      const job = post().catch((error: unknown) => {
        this.#log.error({ platform: key.platform, channelId: key.channelId, err: error }, "daily post failed");
        return "failed" as const;
      });
      this.#inflight.set(id, job);
      jobs.push(
        job.then((outcome) => {
          outcomes.set(id, outcome);
          this.#inflight.delete(id);
        }),
      );
    };
    const slice = timeSlicer();

    // 1. Subscriptions whose due instant has come: claim today's post, then move the subscription on.
    const seen = new Set<string>();
    for (;;) {
      const due = await this.#store.dueSubscriptions(now, platforms, BATCH);
      const fresh = due.filter((sub) => !seen.has(keyString(sub)));
      // Each due row is a few round trips (claim, advance): run them side by side, not one after another.
      await eachConcurrently(fresh, CONCURRENCY, async (sub) => {
        seen.add(keyString(sub));
        await slice();
        const occurrence = this.#inflight.has(keyString(sub)) ? undefined : this.#dueToday(sub, now);
        // Claim before advancing: a crash in between leaves the subscription due, and the claim found.
        const claimed = occurrence && (await this.#claim(sub, occurrence, lessons));
        // Once claimed, sending and moving the subscription on may overlap.
        if (claimed) run(sub, () => this.#deliverClaimed(claimed, sub, lessons));
        const next = this.#nextOccurrence(sub, now)?.dueAt ?? new Date(now.getTime() + DAY_MS);
        await this.#store.advanceSubscription(sub, sub.nextDueAt ?? new Date(0), next);
      });
      // Rows we could not move on (another replica changed them meanwhile) must not loop the tick.
      if (due.length < BATCH || fresh.length === 0) break;
    }

    // 2. Posts whose owner's lease lapsed without finishing (a replica died, or gave up for now).
    for (;;) {
      const leaseUntil = new Date(now.getTime() + this.#leaseMs);
      const taken = await this.#store.takeOverLapsedPosts(this.instanceId, leaseUntil, now, platforms, this.#retry.maxAttempts, BATCH);
      for (const post of taken) {
        if (!this.#inflight.has(keyString(post))) run(post, () => this.#takeOver(post, lessons));
      }
      if (taken.length < BATCH) break;
    }
    return { sent: Promise.all(jobs).then(() => outcomes) };
  }

  async subscribe(sub: Subscription): Promise<DailyStatus> {
    const time = parseTime(sub.time);
    const timezone = canonicalTimeZone(sub.timezone);
    if (!time) throw new InvalidSubscriptionError(`invalid time: ${sub.time} (expected HH:MM)`);
    if (!timezone) throw new InvalidSubscriptionError(`invalid time zone: ${sub.timezone} (expected an IANA zone)`);
    // Post times before this moment are not due: subscribing at 15:00 for 09:00 starts tomorrow.
    const since = this.#clock.now();
    const timing = { time, timezone, weekdays: sub.weekdays };
    const first = this.#calendar(sub, () => nextOccurrence(timing, new Date(since.getTime() - 1)));
    const nextDueAt = first?.dueAt ?? new Date(since.getTime() + DAY_MS);
    await this.#store.upsertSubscription({ ...sub, time, timezone, since, nextDueAt });
    this.#log.info({ platform: sub.platform, channelId: sub.channelId, time, timezone, weekdays: sub.weekdays }, "daily subscribed");
    // Only this subscription changed: wake sooner if it is due before the timer, no store-wide look.
    if (this.#started && this.#publishers.has(sub.platform)) this.#wakeNoLaterThan(nextDueAt);
    return this.status(sub);
  }

  async unsubscribe(key: ChannelKey): Promise<boolean> {
    const removed = await this.#store.removeSubscription(channelOf(key));
    if (removed) this.#log.info({ platform: key.platform, channelId: key.channelId }, "daily unsubscribed");
    // The timer may now be early: a tick with nothing due costs two index reads, so leave it.
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
    // The stored due instant, when it has come today, is the answer: no calendar search needed.
    const stored = sub.nextDueAt;
    if (stored && stored.getTime() > 0 && stored <= now && !(sub.since && stored < sub.since)) {
      const today = this.#calendar(sub, () => localDate(now, sub.timezone));
      if (today !== undefined && this.#calendar(sub, () => localDate(stored, sub.timezone)) === today) return { localDate: today, dueAt: stored };
    }
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
    // Kept current by subscribe and by each tick: today's time until it fires, then the next one.
    if (sub.nextDueAt && sub.nextDueAt.getTime() > 0) return sub.nextDueAt;
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

  /** Claims today's post (or resumes an unsent one); the record when this instance now holds it. */
  async #claim(sub: Subscription, due: Occurrence, lessons: readonly Lesson[]): Promise<PostRecord | undefined> {
    const channel = channelOf(sub);
    const key: PostKey = { ...channel, localDate: due.localDate };
    const now = this.#clock.now();
    const leaseUntil = new Date(now.getTime() + this.#leaseMs);
    const post = await this.#store.getPost(key);
    if (!post) {
      const next = nextLesson(lessons, await this.#store.listPosts(channel), channel);
      if (!next) return undefined;
      const claim = { ...key, lessonId: next.lesson.id, cycle: next.cycle, owner: this.instanceId, leaseUntil, claimedAt: now };
      if (!(await this.#store.claimPost(claim))) return undefined; // another instance won the day
      return { ...claim, status: "claimed", attempts: 0 };
    }
    if (post.status === "posted" || post.status === "sending") return undefined;
    if (post.attempts >= this.#retry.maxAttempts) return undefined;
    if (!(await this.#store.resumePost(key, this.instanceId, leaseUntil, now))) return undefined;
    this.#log.info({ ...key, previousOwner: post.owner, attempts: post.attempts }, "resuming unsent daily lesson");
    return { ...post, owner: this.instanceId, leaseUntil };
  }

  async #deliverClaimed(post: PostRecord, sub: Subscription, lessons: readonly Lesson[]): Promise<PostOutcome> {
    const publisher = this.#publishers.get(post.platform);
    const lesson = lessons.find((candidate) => candidate.id === post.lessonId);
    if (!publisher || !lesson) {
      await this.#giveUp(post, lesson ? "no publisher for the platform" : "the lesson is no longer in the corpus");
      return "failed";
    }
    return this.#deliver(post, sub, lesson, publisher);
  }

  /** A post whose owner's lease lapsed, now ours: finish it unless it went out or its day is over. */
  async #takeOver(post: PostRecord, lessons: readonly Lesson[]): Promise<PostOutcome> {
    const key: PostKey = { platform: post.platform, channelId: post.channelId, localDate: post.localDate };
    const log = this.#log.child({ ...key, previousStatus: post.status, attempts: post.attempts });
    const sub = await this.#store.getSubscription(key);
    if (!sub) {
      await this.#giveUp(post, "the channel unsubscribed");
      return "skipped";
    }
    if (localDate(this.#clock.now(), sub.timezone) !== key.localDate) {
      await this.#giveUp(post, "the local day ended before it could be sent");
      return "failed";
    }
    if (post.status === "sending") {
      // Its owner vanished mid-request: the platform may have the post already.
      const publisher = this.#publishers.get(key.platform);
      const found = await publisher?.findPublished?.(key.channelId, postRef(key), post.claimedAt).catch((error: unknown) => {
        log.warn({ err: error }, "could not ask the platform whether a daily lesson arrived");
        return undefined;
      });
      if (found === true) {
        await this.#store.updatePost(key, this.instanceId, { status: "posted", postedAt: this.#clock.now() });
        log.info("daily lesson had arrived before its sender stopped; not sent again");
        return "skipped";
      }
      if (found === undefined) {
        await this.#giveUp(post, "its sender stopped mid-send and the platform can't tell whether it arrived");
        log.warn("daily lesson not resent: it may have arrived");
        return "skipped";
      }
    }
    log.info({ previousOwner: post.owner }, "taking over unfinished daily lesson");
    return this.#deliverClaimed(post, sub, lessons);
  }

  /** Marks a held post failed for good (attempts used up), so no instance picks it up again. */
  async #giveUp(post: PostKey, error: string): Promise<void> {
    await this.#store.updatePost(post, this.instanceId, { status: "failed", attempts: this.#retry.maxAttempts, error });
  }

  /** Sends a claimed post, retrying with backoff; the claim is kept throughout. */
  async #deliver(post: PostRecord, sub: Subscription, lesson: Lesson, publisher: Publisher): Promise<PostOutcome> {
    const key: PostKey = { platform: post.platform, channelId: post.channelId, localDate: post.localDate };
    const reply = renderLesson(lesson, sub.locale ?? this.#defaultLocale);
    const log = this.#log.child({ ...key, lessonId: lesson.id });
    let attempts = post.attempts;
    while (attempts < this.#retry.maxAttempts) {
      attempts += 1;
      const result = await this.#sends.run(() => this.#attempt(key, sub, reply, publisher, attempts, log));
      if (typeof result === "string") return result;
      // Failed; back off (outside a send slot) and try again.
      await this.#clock.sleep(result.retryInMs, this.#abort.signal);
    }
    return "failed";
  }

  /** One send attempt of a post this instance holds: the outcome, or when to try again. */
  async #attempt(
    key: PostKey,
    sub: Subscription,
    reply: Reply,
    publisher: Publisher,
    attempt: number,
    log: Logger,
  ): Promise<PostOutcome | { retryInMs: number }> {
    const now = this.#clock.now();
    if (this.#abort.signal.aborted) {
      // Hand the unsent post back at once, so a restart (or another instance) can send it today.
      await this.#store.updatePost(key, this.instanceId, { status: "failed", leaseUntil: now, error: "stopped before sending" });
      return "failed";
    }
    if (localDate(now, sub.timezone) !== key.localDate) {
      await this.#giveUp(key, "the local day ended before it could be sent");
      log.warn("daily lesson not sent: its day is over");
      return "failed";
    }
    // Renewing the lease is also the fence: if another instance took the post over, we must not send.
    const leaseUntil = new Date(now.getTime() + this.#leaseMs);
    if (!(await this.#store.updatePost(key, this.instanceId, { status: "sending", attempts: attempt, leaseUntil }))) return "skipped";
    try {
      await publisher.publish(key.channelId, reply, { ref: postRef(key) });
    } catch (error) {
      const delay = retryDelay(error, attempt, this.#retry);
      const lastTry = attempt >= this.#retry.maxAttempts;
      await this.#store.updatePost(key, this.instanceId, {
        status: "failed",
        error: errorMessage(error),
        // Keep others off while we wait; after the last try, leave the post to a later instance.
        leaseUntil: new Date(now.getTime() + (lastTry ? 0 : delay + this.#leaseMs)),
      });
      log.warn({ attempt, retryInMs: lastTry ? undefined : delay, err: error }, "daily lesson send failed");
      return lastTry ? "failed" : { retryInMs: delay };
    }
    await this.#store.updatePost(key, this.instanceId, { status: "posted", postedAt: this.#clock.now() });
    log.info({ attempt }, "daily lesson posted");
    return "posted";
  }

  /** Sets the one timer to the earliest moment something may be due: two indexed reads, whatever the count. */
  async #arm(): Promise<void> {
    if (!this.#started) return;
    const now = this.#clock.now().getTime();
    const platforms = [...this.#publishers.keys()];
    let wake = now + (this.lessons().length > 0 ? this.#maxSleepMs : NOT_READY_RETRY_MS);
    if (platforms.length > 0) {
      const [due, lease] = await Promise.all([
        this.#store.earliestDue(platforms),
        // Another instance's unfinished post: look again when its lease lapses.
        this.#store.earliestLeaseEnd(platforms, this.#retry.maxAttempts),
      ]);
      for (const at of [due, lease]) if (at) wake = Math.min(wake, Math.max(at.getTime(), now + MIN_REARM_MS));
    }
    // A subscribe during our reads may not be in them: keep the wake it asked for.
    if (this.#nudge !== undefined) wake = Math.min(wake, this.#nudge);
    this.#setWake(wake);
  }

  /**
   * A tick whose failure (the database away, say) doesn't end the schedule: it is logged and the next
   * attempt set, since a failed tick could not arm the timer itself.
   */
  async #tickOrRetry(): Promise<Map<string, PostOutcome> | undefined> {
    try {
      return await this.tick();
    } catch (error) {
      this.#log.error({ err: error, retryInMs: ERROR_RETRY_MS }, "daily tick failed");
      if (this.#started) this.#setWake(this.#clock.now().getTime() + ERROR_RETRY_MS);
      return undefined;
    }
  }

  /** Brings the timer forward to `at` (not sooner than MIN_REARM_MS from now) if it is set later. */
  #wakeNoLaterThan(at: Date): void {
    const wake = Math.max(at.getTime(), this.#clock.now().getTime() + MIN_REARM_MS);
    this.#nudge = Math.min(this.#nudge ?? wake, wake);
    if (this.#wakeAt === undefined || wake < this.#wakeAt) this.#setWake(wake);
  }

  /** Replaces the timer in one synchronous step, so overlapping calls leave exactly one armed. */
  #setWake(wake: number): void {
    this.#cancelWake?.();
    this.#cancelWake = undefined;
    this.#wakeAt = undefined;
    if (!this.#started) return;
    this.#wakeAt = wake;
    this.#cancelWake = this.#clock.wakeAt(new Date(wake), () => {
      this.#cancelWake = undefined;
      this.#wakeAt = undefined;
      void this.#tickOrRetry();
    });
  }
}


/** How a daily post is known to its platform (`PublishOptions.ref`): one per channel and local day. */
export function postRef(key: PostKey): string {
  return `lessonbot-daily:${key.platform}:${key.channelId}:${key.localDate}`;
}

/** Yields to the event loop whenever the current slice of synchronous work has run `SLICE_MS`. */
function timeSlicer(): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    await yieldToLoop();
    sliceStart = performance.now();
  };
}

/** Runs `work` on every item, at most `limit` at a time. */
async function eachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
