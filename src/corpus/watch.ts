/**
 * Noticing that the corpus folder or any folder under it changed: a recursive `fs.watch` for prompt
 * notice, plus a periodic poll of the loader's file list (paths, sizes and times) as a fallback where watching is unreliable (network and container
 * mounts, editors that replace files, inotify limits). Bursts of events (an editor's save, a `git pull`)
 * are debounced into one call. The watcher only says "something changed"; the reloader finds out what.
 */
import { watch, type FSWatcher } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "pino";
import { GLOSSARY_FILE, isArticleName } from "../index-cache/corpus-files.ts";
import { isSkippedName, listCorpusFiles } from "./walk.ts";

export interface WatchOptions {
  log: Logger;
  /** Quiet time after the last event before `onChange` runs (default 150 ms: an editor's save, a checkout or a copy emits its events closer together than that). */
  debounceMs?: number;
  /** How often the folder is polled at most; 0 = never (default 2 s; longer for a tree that takes long to list). */
  pollMs?: number;
  /** Use `fs.watch` (default true; false = polling only). */
  native?: boolean;
}

/** The poll pauses at least this many times as long as it took (≈ 2% of the time polling). */
const POLL_PAUSE_FACTOR = 50;

export interface CorpusWatcher {
  close(): void;
}

/**
 * Paths whose change matters: documents and the glossary, and folders (a folder renamed or removed
 * takes its documents with it). A rename event may name nothing: then it matters. Hidden paths
 * (`.git/…`) never do.
 */
function relevant(name: string | null): boolean {
  if (name === null) return true;
  if (name.split(/[\\/]/).some(isSkippedName)) return false;
  return name === GLOSSARY_FILE || isArticleName(name) || !/\.[^\\/.]+$/.test(name);
}

export function watchCorpus(dir: string, onChange: () => void, options: WatchOptions): CorpusWatcher {
  const log = options.log.child({ component: "corpus-watch" });
  const debounceMs = options.debounceMs ?? 150;
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
      const onEvent = (_event: string, name: string | Buffer | null) => {
        if (relevant(typeof name === "string" ? name : null)) changed();
      };
      try {
        watcher = watch(dir, { persistent: false, recursive: true }, onEvent);
      } catch {
        // No recursive watching here: the top folder is watched and the poll sees nested folders.
        watcher = watch(dir, { persistent: false }, onEvent);
      }
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
    const poll = async () => {
      if (closed) return;
      const started = performance.now();
      try {
        const now = await signature(dir);
        if (last !== undefined && now !== last) changed();
        last = now;
      } finally {
        // A large tree costs more to poll: the pause grows with it (about 2% of the time spent polling),
        // so a 1,300-file library is not listed every 2 s.
        const spent = performance.now() - started;
        if (!closed) {
          poller = setTimeout(() => void poll(), Math.max(pollMs, POLL_PAUSE_FACTOR * spent));
          poller.unref();
        }
      }
    };
    void poll();
  }

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      clearTimeout(poller);
      watcher?.close();
    },
  };
}

/** Paths, sizes and modification times of the documents and the glossary; "" when the folder cannot be read. */
async function signature(dir: string): Promise<string> {
  let listing;
  try {
    listing = await listCorpusFiles(dir);
  } catch {
    return "";
  }
  const glossary = await stat(join(dir, GLOSSARY_FILE)).catch(() => undefined);
  const parts = listing.files.map((f) => `${f.relPath}:${f.size}:${f.mtimeMs}:${f.ino}`);
  parts.push(...listing.problems.map((p) => `${p.path}:${p.reason}`));
  parts.push(glossary ? `${GLOSSARY_FILE}:${glossary.size}:${glossary.mtimeMs}:${glossary.ino}` : `${GLOSSARY_FILE}:none`);
  return parts.join("\n");
}
