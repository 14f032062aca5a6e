/**
 * Noticing that the corpus folder changed: `fs.watch` on the folder for prompt notice, plus a periodic
 * poll of file names, sizes and times as a fallback where watching is unreliable (network and container
 * mounts, editors that replace files, inotify limits). Bursts of events (an editor's save, a `git pull`)
 * are debounced into one call. The watcher only says "something changed"; the reloader finds out what.
 */
import { watch, type FSWatcher } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "pino";
import { GLOSSARY_FILE, isArticleName } from "../index-cache/corpus-files.ts";

export interface WatchOptions {
  log: Logger;
  /** Quiet time after the last event before `onChange` runs (default 300 ms). */
  debounceMs?: number;
  /** How often the folder is polled; 0 = never (default 2 s). */
  pollMs?: number;
  /** Use `fs.watch` (default true; false = polling only). */
  native?: boolean;
}

export interface CorpusWatcher {
  close(): void;
}

/** Files whose change matters: articles and the glossary (a rename event may name neither: then it matters). */
function relevant(name: string | null): boolean {
  return name === null || name === GLOSSARY_FILE || isArticleName(name);
}

export function watchCorpus(dir: string, onChange: () => void, options: WatchOptions): CorpusWatcher {
  const log = options.log.child({ component: "corpus-watch" });
  const debounceMs = options.debounceMs ?? 300;
  const pollMs = options.pollMs ?? 2_000;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const changed = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!closed) onChange();
    }, debounceMs);
  };

  let watcher: FSWatcher | undefined;
  if (options.native !== false) {
    try {
      watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (relevant(typeof name === "string" ? name : null)) changed();
      });
      watcher.on("error", (error) => {
        log.warn({ dir, reason: error.message }, "corpus watch failed; polling only");
        watcher?.close();
        watcher = undefined;
      });
    } catch (error) {
      log.warn({ dir, reason: (error as Error).message }, "cannot watch the corpus folder; polling only");
    }
  }

  let poller: NodeJS.Timeout | undefined;
  if (pollMs > 0) {
    let last: string | undefined;
    let polling = false;
    const poll = async () => {
      if (polling || closed) return;
      polling = true;
      try {
        const now = await signature(dir);
        if (last !== undefined && now !== last) changed();
        last = now;
      } finally {
        polling = false;
      }
    };
    void poll();
    poller = setInterval(() => void poll(), pollMs);
    poller.unref();
  }

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(poller);
      watcher?.close();
    },
  };
}

/** Names, sizes and modification times of the relevant files; "" when the folder cannot be read. */
async function signature(dir: string): Promise<string> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => relevant(name)).sort();
  } catch {
    return "";
  }
  const parts = await Promise.all(
    names.map(async (name) => {
      const info = await stat(join(dir, name)).catch(() => undefined);
      return info ? `${name}:${info.size}:${info.mtimeMs}:${info.ino}` : `${name}:gone`;
    }),
  );
  return parts.join("\n");
}
