/**
 * Bolt, the Web API client and the Socket Mode client log through this adapter into our pino logger,
 * so their lines are JSON like ours. Every message is scrubbed of the configured secrets (and anything
 * shaped like a Slack token) first: library messages and error objects can carry request headers.
 */
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../src/log/logger.ts";
import { REDACTED, secretScrubber as scrubber, type Scrub } from "../../src/log/scrub.ts";

/** Slack token shapes: bot/user/app-level/config tokens. */
const TOKEN_PATTERN = /\b(?:xox[abposer]|xapp)-[A-Za-z0-9-]+/g;

export type { Scrub };

/** A function that blanks every occurrence of `secrets` and of Slack-token-shaped strings. */
export function secretScrubber(secrets: readonly (string | undefined)[]): Scrub {
  return scrubber(secrets, [[TOKEN_PATTERN, REDACTED]]);
}

/**
 * What is safe to log about an error: its name, message, and Slack's error code / HTTP status.
 * Never the error object itself — Web API errors keep the original request, Authorization header included.
 */
export function describeError(error: unknown, scrub: Scrub = (s) => s): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrub(String(error)) };
  const e = error as Error & { code?: unknown; statusCode?: unknown; data?: { error?: unknown } };
  const out: Record<string, unknown> = { type: e.name, message: scrub(e.message) };
  if (typeof e.code === "string") out.code = e.code;
  if (typeof e.statusCode === "number") out.statusCode = e.statusCode;
  if (typeof e.data?.error === "string") out.slackError = e.data.error;
  return out;
}

const PINO_LEVEL: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: "debug",
  [LogLevel.INFO]: "info",
  [LogLevel.WARN]: "warn",
  [LogLevel.ERROR]: "error",
};

/** Bolt's `Logger` interface over a pino child logger (`component: "bolt"`). */
export function boltLogger(log: Logger, scrub: Scrub): BoltLogger {
  const child = log.child({ component: "bolt" });
  let name: string | undefined;
  const write = (level: "debug" | "info" | "warn" | "error", parts: unknown[]) => {
    if (!child.isLevelEnabled(level)) return;
    const errors = parts.filter((p): p is Error => p instanceof Error).map((e) => describeError(e, scrub));
    const text = parts
      .filter((p) => !(p instanceof Error))
      .map((p) => (typeof p === "string" ? p : safeJson(p)))
      .join(" ");
    const fields: Record<string, unknown> = {};
    if (name) fields.source = name;
    if (errors.length > 0) fields.err = errors.length === 1 ? errors[0] : errors;
    child[level](fields, scrub(text));
  };
  return {
    debug: (...msg: unknown[]) => write("debug", msg),
    info: (...msg: unknown[]) => write("info", msg),
    warn: (...msg: unknown[]) => write("warn", msg),
    error: (...msg: unknown[]) => write("error", msg),
    // Levels are pino's business (LOG_LEVEL); Bolt may still ask.
    setLevel: () => {},
    getLevel: () => levelOf(child.level),
    setName: (n: string) => {
      name = n;
    },
  };
}

function levelOf(pinoLevel: string): LogLevel {
  const entry = Object.entries(PINO_LEVEL).find(([, v]) => v === pinoLevel);
  if (entry) return entry[0] as LogLevel;
  return pinoLevel === "trace" ? LogLevel.DEBUG : LogLevel.ERROR;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
