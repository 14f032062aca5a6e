/**
 * The last line of defence: an error nothing caught (a rejected promise or a throw in a callback) is logged
 * with the request it came from and counted in /metrics, and the process keeps serving everyone else. One
 * bad request must not end the bot; a burst of them (something is broken for good) still does, so a
 * supervisor restarts it instead of it limping on.
 *
 * Adapters run each request's work inside `requestScope.run({ reqId }, …)`; the scope follows the work
 * through promises and timers, so the handler here can name the request.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "../log/logger.ts";

export interface RequestScope {
  reqId: string;
  platform?: string;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

export type UnhandledKind = "unhandledRejection" | "uncaughtException";

export interface LastResortOptions {
  log: Logger;
  /** Counts each error (e.g. `Metrics.unhandledError`). */
  count?(kind: UnhandledKind): void;
  /** Blanks secrets in messages and stacks. */
  scrub?(text: string): string;
  /** More than this many within `windowMs` means the process is broken: `onBurst` is called once. */
  burst?: { max: number; windowMs: number };
  onBurst?(): void;
}

const DEFAULT_BURST = { max: 50, windowMs: 60_000 };

/** Installs the process-wide handlers; returns a function that removes them. */
export function installLastResort(options: LastResortOptions): () => void {
  const scrub = options.scrub ?? ((text: string) => text);
  const burst = options.burst ?? DEFAULT_BURST;
  const recent: number[] = [];
  let burstReported = false;

  const stop = (fields: Record<string, unknown>, message: string) => {
    if (burstReported) return;
    burstReported = true;
    try {
      options.log.fatal(fields, message);
    } catch {
      // The log itself may be what broke.
    }
    options.onBurst?.();
  };
  const handle = (kind: UnhandledKind, error: unknown) => {
    const scope = requestScope.getStore();
    options.count?.(kind);
    try {
      options.log.error(
        { kind, ...(scope && { reqId: scope.reqId, platform: scope.platform }), err: describe(error, scrub) },
        "unhandled error caught; the process keeps running",
      );
    } catch {
      // Logging must not throw from here: that would recurse.
    }
    const now = Date.now();
    recent.push(now);
    while (recent.length > 0 && recent[0]! < now - burst.windowMs) recent.shift();
    if (recent.length > burst.max) stop({ errors: recent.length, windowMs: burst.windowMs }, "too many unhandled errors; stopping");
  };
  const onRejection = (reason: unknown) => handle("unhandledRejection", reason);
  const onException = (error: Error) => handle("uncaughtException", error);
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  return () => {
    process.off("unhandledRejection", onRejection);
    process.off("uncaughtException", onException);
  };
}

function describe(error: unknown, scrub: (text: string) => string): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrub(String(error)) };
  return { type: error.name, message: scrub(error.message), ...(error.stack !== undefined && { stack: scrub(error.stack) }) };
}
