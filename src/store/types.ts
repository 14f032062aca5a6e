/**
 * Persistent state behind one interface, so a Postgres implementation could later serve several replicas.
 * The SQLite implementation (`sqlite-store.ts`) is the default. All methods are synchronous-in-spirit but
 * return Promises so a networked store fits the same shape.
 */
import type { Platform, RespondMode } from "../commands/types.ts";

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

  close(): Promise<void>;
}
