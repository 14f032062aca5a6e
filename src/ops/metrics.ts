/**
 * Prometheus metrics for one running bot: commands by type and platform, their latency, errors, and the
 * size of the loaded index. Each instance owns its registry, so tests (and two bots in one process)
 * never share counters.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { CommandEvent } from "../commands/layer.ts";
import type { RoleSource } from "../replicas/election.ts";

export type { CommandEvent };

/** What the index gauges read at scrape time. */
export interface IndexSource {
  isReady(): boolean;
  counts(): { articles: number; passages: number };
}

/** The index as a core exposes it (`engine()` throws until it is loaded). */
export function coreIndex(core: { isReady(): boolean; engine(): { articles(): readonly unknown[]; passages(): readonly unknown[] } }): IndexSource {
  return {
    isReady: () => core.isReady(),
    counts: () => ({ articles: core.engine().articles().length, passages: core.engine().passages().length }),
  };
}

/**
 * What the chat adapters report about requests and replies, apart from commands: payloads refused at the
 * door, replies retried or lost, and errors only the last-resort handler caught.
 */
export interface AdapterMetrics {
  /** A signed request or envelope that wasn't a well-formed payload (or failed the signature/time check). */
  requestRejected(platform: string, reason: RejectReason): void;
  /** A reply send failed and will be tried again. */
  replyRetried(platform: string): void;
  /** A reply given up on (out of attempts or past the platform's window). */
  replyLost(platform: string): void;
  /** An error nothing else caught (src/ops/last-resort.ts). */
  unhandledError(kind: string): void;
}

export type RejectReason = "malformed" | "signature" | "timestamp" | "unknown";

/** For adapters started without metrics (tests, tools). */
export const NO_METRICS: AdapterMetrics = {
  requestRejected: () => undefined,
  replyRetried: () => undefined,
  replyLost: () => undefined,
  unhandledError: () => undefined,
};

export interface Metrics extends AdapterMetrics {
  readonly registry: Registry;
  /** Pass to `createCore({ onCommand })`. */
  onCommand(event: CommandEvent): void;
  /** Lets the index gauges report the current engine (set once the core exists). */
  watchIndex(source: IndexSource): void;
  /** Lets the role gauge report this replica's part in the gateway election. */
  watchRole(source: RoleSource): void;
  /** This replica took the gateway over from another (or after losing the database). */
  onTakeover(): void;
}

/** Distinct `command` label values kept before the rest are counted as "other". */
const MAX_COMMAND_LABELS = 64;

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: "lessonbot_" });

  const commands = new Counter({
    name: "lessonbot_commands_total",
    help: "Commands handled, by platform, command and outcome.",
    labelNames: ["platform", "command", "outcome"] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: "lessonbot_command_errors_total",
    help: "Commands that failed with an error, by platform and command.",
    labelNames: ["platform", "command"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "lessonbot_command_duration_seconds",
    help: "Time to answer a command, by platform and command.",
    labelNames: ["platform", "command"] as const,
    // Search answers in milliseconds; the tail buckets catch a slow store or a cold index.
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  const rejected = new Counter({
    name: "lessonbot_rejected_requests_total",
    help: "Requests refused before any listener ran: malformed payloads, bad signatures, timestamps outside the window.",
    labelNames: ["platform", "reason"] as const,
    registers: [registry],
  });
  const replyRetries = new Counter({
    name: "lessonbot_reply_retries_total",
    help: "Reply sends that failed (429, 5xx, network) and were tried again.",
    labelNames: ["platform"] as const,
    registers: [registry],
  });
  const repliesLost = new Counter({
    name: "lessonbot_replies_lost_total",
    help: "Replies given up on after retries or past the platform's reply window.",
    labelNames: ["platform"] as const,
    registers: [registry],
  });
  const unhandled = new Counter({
    name: "lessonbot_unhandled_errors_total",
    help: "Errors only the last-resort handler caught (the process kept running).",
    labelNames: ["kind"] as const,
    registers: [registry],
  });

  let index: IndexSource | undefined;
  const countOf = (key: "articles" | "passages"): number => (index?.isReady() ? index.counts()[key] : 0);
  new Gauge({
    name: "lessonbot_index_ready",
    help: "1 once the corpus index is loaded.",
    registers: [registry],
    collect() {
      this.set(index?.isReady() ? 1 : 0);
    },
  });
  new Gauge({
    name: "lessonbot_index_articles",
    help: "Articles in the loaded index.",
    registers: [registry],
    collect() {
      this.set(countOf("articles"));
    },
  });
  new Gauge({
    name: "lessonbot_index_passages",
    help: "Passages in the loaded index.",
    registers: [registry],
    collect() {
      this.set(countOf("passages"));
    },
  });

  let roles: RoleSource | undefined;
  new Gauge({
    name: "lessonbot_gateway_role",
    help: "1 for this replica's role in holding the chat gateway (single, holder or standby).",
    labelNames: ["role"] as const,
    registers: [registry],
    collect() {
      this.reset();
      if (roles) this.set({ role: roles.role() }, 1);
    },
  });
  const takeovers = new Counter({
    name: "lessonbot_gateway_takeovers_total",
    help: "Times this replica became the gateway holder after standing by.",
    registers: [registry],
  });

  // Command labels partly come from button payloads a client could forge; cap the distinct values so a
  // flood of made-up tokens can't grow the series without bound.
  const seenCommands = new Set<string>();
  const commandLabel = (command: string): string => {
    if (seenCommands.has(command)) return command;
    if (!/^[\w:-]{1,40}$/.test(command) || seenCommands.size >= MAX_COMMAND_LABELS) return "other";
    seenCommands.add(command);
    return command;
  };

  return {
    registry,
    onCommand(event) {
      const labels = { platform: event.platform, command: commandLabel(event.command) };
      commands.inc({ ...labels, outcome: event.outcome });
      latency.observe(labels, event.seconds);
      if (event.outcome === "error") errors.inc(labels);
    },
    watchIndex(source) {
      index = source;
    },
    requestRejected(platform, reason) {
      rejected.inc({ platform, reason });
    },
    replyRetried(platform) {
      replyRetries.inc({ platform });
    },
    replyLost(platform) {
      repliesLost.inc({ platform });
    },
    unhandledError(kind) {
      unhandled.inc({ kind: kind === "uncaughtException" ? kind : "unhandledRejection" });
    },
    watchRole(source) {
      roles = source;
    },
    onTakeover() {
      takeovers.inc();
    },
  };
}
