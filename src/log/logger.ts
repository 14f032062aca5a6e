import { randomUUID } from "node:crypto";
import pino, { type Logger } from "pino";
import { REDACTED } from "./scrub.ts";

export type { Logger };

/**
 * Paths pino blanks out. Secrets live in config and HTTP headers; listing them here means a stray
 * `log.info({ config })` or a logged request can never print a token.
 */
const REDACT = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "appToken",
  "*.appToken",
  "signingSecret",
  "*.signingSecret",
  "clientSecret",
  "*.clientSecret",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  'headers["x-slack-signature"]',
  "slack.*",
  "discord.token",
  // HTTP client errors logged as `{ err }` carry the request that failed, Authorization header included.
  "err.config.headers.Authorization",
  "err.config.headers.authorization",
  "err.request.headers.authorization",
  "err.headers.authorization",
  "err.original.config.headers.Authorization",
  "err.data.headers.authorization",
];

export interface LoggerOptions {
  level?: string;
  /** Pretty-print for humans; JSON lines otherwise. Default: pretty only when NODE_ENV=development. */
  pretty?: boolean;
  /** Where JSON lines go (default stdout); tests pass a stream to read them back. */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? "info";
  const pretty = options.pretty ?? process.env.NODE_ENV === "development";
  const base: pino.LoggerOptions = {
    level,
    base: { app: "lessonbot" },
    redact: { paths: REDACT, censor: REDACTED },
  };
  if (options.destination) return pino(base, options.destination);
  if (pretty) {
    return pino({ ...base, transport: { target: "pino-pretty", options: { colorize: true } } });
  }
  return pino(base);
}

/** A short id that ties together every log line of one interaction. */
export function newRequestId(): string {
  return randomUUID().slice(0, 8);
}

/** The logger for one interaction: every line carries `reqId` (and whatever else identifies it). */
export function requestLogger(log: Logger, fields: Record<string, unknown> & { reqId?: string } = {}): Logger {
  return log.child({ reqId: fields.reqId ?? newRequestId(), ...fields });
}

/** A logger that drops everything (tests and benchmarks that don't read logs). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
