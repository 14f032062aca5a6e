/**
 * Graceful shutdown: things that must be stopped register here as they start; on SIGINT/SIGTERM (or
 * when the app decides to stop) they are stopped in reverse order, each once, each failure logged
 * without stopping the rest. A second signal while stopping forces the exit.
 */
import type { Logger } from "pino";

export interface Shutdown {
  /** Registers a step; steps run last-registered first. */
  add(name: string, stop: () => unknown): void;
  /** Stops everything (once) and resolves with the exit code to use. */
  run(reason: string, exitCode?: number): Promise<number>;
  /** True once `run` was called: don't start anything new. */
  started(): boolean;
  /** Resolves when `run` has finished, with its exit code. */
  finished: Promise<number>;
}

export function createShutdown(log: Logger): Shutdown {
  const steps: Array<{ name: string; stop: () => unknown }> = [];
  let running: Promise<number> | undefined;
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));

  return {
    add(name, stop) {
      steps.push({ name, stop });
    },
    run(reason, exitCode = 0) {
      running ??= (async () => {
        log.info({ reason }, "shutting down");
        let code = exitCode;
        for (const step of steps.reverse()) {
          try {
            await step.stop();
          } catch (error) {
            code = code || 1;
            log.error({ err: error, step: step.name }, "shutdown step failed");
          }
        }
        finish(code);
        return code;
      })();
      return running;
    },
    started: () => running !== undefined,
    finished,
  };
}

/** SIGINT/SIGTERM start the shutdown; a second one exits at once. */
export function exitOnSignals(shutdown: Shutdown, log: Logger): void {
  let signalled = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (signalled) {
        log.warn({ signal }, "second signal: exiting without waiting");
        process.exit(130);
      }
      signalled = true;
      void shutdown.run(signal);
    });
  }
}
