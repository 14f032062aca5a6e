/**
 * Noticing that the corpus folder or any folder under it changed: `fs.watch` on every folder for prompt
 * notice (recursive where the platform watches trees natively; on Linux one watch per folder, see
 * `FolderWatches`), plus a periodic poll of the loader's file list (paths, sizes and times) as a fallback where watching is unreliable (network and container
 * mounts, editors that replace files, inotify limits). Bursts of events (an editor's save, a `git pull`)
 * are debounced into one call. The watcher only says "something changed"; the reloader finds out what.
 */
import { readdirSync, watch, type Dirent, type FSWatcher } from "node:fs";
import { stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
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
  let folders: FolderWatches | undefined;
  if (options.native !== false && process.platform === "linux") {
    folders = new FolderWatches(dir, log, (name) => {
      if (relevant(name)) changed();
    });
  } else if (options.native !== false) {
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
      folders?.close();
    },
  };
}

/**
 * One non-recursive `fs.watch` per folder of the tree (hidden and skipped folders aside), kept in step
 * as folders come and go. Node's recursive watch on Linux is emulated in JavaScript with a watch on every
 * file and a synchronous listing of the folder at each event: on a folder of 10,000 documents one change
 * blocked the event loop for ~50–200 ms and start for ~150 ms. A folder's watch reports changes to the
 * files in it, which is all the reloader needs to hear.
 */
class FolderWatches {
  private readonly watches = new Map<string, FSWatcher>();
  private closed = false;
  private warned = false;

  constructor(
    private readonly dir: string,
    private readonly log: Logger,
    private readonly onName: (name: string | null) => void,
  ) {
    this.sync();
  }

  close(): void {
    this.closed = true;
    for (const watcher of this.watches.values()) watcher.close();
    this.watches.clear();
  }

  private watchFolder(folder: string): void {
    try {
      const watcher = watch(folder, { persistent: false }, (event, name) => {
        const path = typeof name === "string" ? relative(this.dir, join(folder, name)).split(sep).join("/") : null;
        this.onName(path);
        // A folder made, renamed or removed (a name without an extension, or none): watch the tree anew.
        if (event === "rename" && (path === null || !/\.[^/.]+$/.test(path))) this.sync();
      });
      watcher.on("error", (error) => {
        watcher.close();
        this.watches.delete(folder);
        if (folder === this.dir) this.log.warn({ dir: folder, reason: error.message }, "corpus watch failed; changes at the top of the folder are found by the poll");
        else this.sync();
      });
      this.watches.set(folder, watcher);
    } catch (error) {
      const reason = (error as Error).message;
      if (folder === this.dir) this.log.warn({ dir: folder, reason }, "cannot watch the corpus folder; changes at its top are found by the poll");
      // Once: a tree past the system's inotify limit (ENOSPC) would say so for every folder.
      else if (!this.warned) {
        this.warned = true;
        this.log.warn({ dir: folder, reason }, "cannot watch a folder of the corpus; its changes are found by the poll");
      }
    }
  }

  /**
   * Watches every folder of the tree and drops the watches of folders that are gone. Synchronous, so
   * that no change after the watcher starts goes unheard: folders only, a few ms even beside 10,000
   * documents, and only at start and when a folder comes or goes.
   */
  private sync(): void {
    if (this.closed) return;
    const found = new Set(foldersUnder(this.dir));
    for (const folder of found) if (!this.watches.has(folder)) this.watchFolder(folder);
    for (const [folder, watcher] of this.watches) {
      if (found.has(folder)) continue;
      watcher.close();
      this.watches.delete(folder);
    }
  }
}

/** `dir` and every folder under it that may hold documents (hidden and skipped folders aside). */
function foldersUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    found.push(folder);
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      // Unreadable: the loader reports it.
    }
    for (const entry of entries) if (entry.isDirectory() && !isSkippedName(entry.name)) walk(join(folder, entry.name));
  };
  walk(dir);
  return found;
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
