/**
 * Test doubles for the scheduler: a clock moved by hand, a publisher that records (and can fail on
 * cue), made-up lessons, and temp database files.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Clock } from "../../src/scheduler/clock.ts";
import type { Lesson } from "../../src/scheduler/types.ts";
import type { Publisher } from "../../src/reply/publisher.ts";
import type { Reply } from "../../src/reply/types.ts";
import type { Platform } from "../../src/commands/types.ts";
import type { Store } from "../../src/store/types.ts";
import { openSqliteStore } from "../../src/store/sqlite-store.ts";
import { DailyLessons, type DailyLessonsOptions } from "../../src/scheduler/daily-lessons.ts";
import { silentLogger } from "../../src/log/logger.ts";

/** Time stands still until a test moves it; `sleep` moves it at once (and lets a test act meanwhile). */
export class FakeClock implements Clock {
  #now: number;
  readonly sleeps: number[] = [];
  readonly wakes: { at: Date; fn: () => void; cancelled: boolean }[] = [];
  /** Runs during each sleep, before time moves on (e.g. another instance's tick). */
  onSleep: ((ms: number) => Promise<void>) | undefined;

  constructor(start: string | Date) {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  set(to: string | Date): void {
    this.#now = new Date(to).getTime();
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return;
    this.sleeps.push(ms);
    await this.onSleep?.(ms);
    this.#now += ms;
  }

  wakeAt(at: Date, fn: () => void): () => void {
    const wake = { at, fn, cancelled: false };
    this.wakes.push(wake);
    return () => {
      wake.cancelled = true;
    };
  }

  /** The one armed wake-up, if any. */
  pendingWake(): Date | undefined {
    return this.wakes.filter((w) => !w.cancelled).at(-1)?.at;
  }
}

export interface Post {
  channelId: string;
  reply: Reply;
}

/** Records what it posts; `failures` are thrown, in order, by the next calls. */
export class RecordingPublisher implements Publisher {
  readonly posts: Post[] = [];
  readonly failures: Error[] = [];
  calls = 0;

  constructor(readonly platform: Platform = "slack") {}

  async publish(channelId: string, reply: Reply): Promise<void> {
    this.calls++;
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.posts.push({ channelId, reply });
  }
}

/** `n` distinct lessons with plain ids `L0`…. */
export function makeLessons(n: number): Lesson[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `L${i}`,
    title: `第 ${i} 课`,
    origin: "heading" as const,
    quote: {
      passageId: `a:${i}`,
      articleId: "a",
      sectionPath: [`第 ${i} 课`],
      passage: `第 ${i} 课的道理。`,
      quote: `第 ${i} 课的道理。`,
      quoteSegments: [{ text: `第 ${i} 课的道理。` }],
      score: 0,
      coverage: 0,
      strong: true,
      title: "文章",
      section: `第 ${i} 课`,
    },
  }));
}

/** A temp directory with a database path in it; `cleanup` closes what was opened and removes it. */
export function tempDatabase() {
  const dir = mkdtempSync(join(tmpdir(), "lessonbot-daily-"));
  const path = join(dir, "db", "lessonbot.db");
  const stores: Store[] = [];
  const services: DailyLessons[] = [];
  return {
    path,
    open(): Store {
      const store = openSqliteStore(path);
      stores.push(store);
      return store;
    },
    service(options: Partial<DailyLessonsOptions> & { clock: Clock; store: Store }): DailyLessons {
      // Timers wake at due times only (no hourly safety tick), so tests can assert the computed time.
      const service = new DailyLessons({ log: silentLogger(), lessons: () => makeLessons(5), maxSleepMs: 30 * 86_400_000, ...options });
      services.push(service);
      return service;
    },
    async cleanup() {
      await Promise.all(services.map((s) => s.stop()));
      await Promise.all(stores.map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
