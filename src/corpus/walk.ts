/**
 * Which files of a corpus folder are documents: the folder is read recursively, as a team keeps it.
 * Hidden entries (`.git`, `.obsidian`, `.DS_Store`), `node_modules` and files that are not documents
 * (images, archives, data) are skipped quietly. Symbolic links are not followed: one that leaves the
 * folder is reported (a corpus must not become a way to read `/etc/passwd` into chat), one within it is
 * skipped quietly (its target is read under its own path).
 */
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import type { Stats } from "node:fs";
import { extname, join, sep } from "node:path";
import type { CorpusError } from "./types.ts";

/** File extensions loaded as articles, by format. */
export const DOCUMENT_FORMATS = {
  ".md": "markdown",
  ".markdown": "markdown",
  ".txt": "text",
  ".html": "html",
  ".htm": "html",
  ".docx": "docx",
  ".pdf": "pdf",
} as const;

export type DocumentFormat = (typeof DOCUMENT_FORMATS)[keyof typeof DOCUMENT_FORMATS];

/**
 * Size limits per format: larger files are almost certainly not an article (a dump, a log, a scanned
 * book), and refusing them keeps indexing bounded. Documented in the README.
 */
export const MAX_BYTES: Record<DocumentFormat, number> = {
  markdown: 2 * 1024 * 1024,
  text: 2 * 1024 * 1024,
  html: 5 * 1024 * 1024,
  docx: 20 * 1024 * 1024,
  pdf: 20 * 1024 * 1024,
};

/** Folders never read: dependencies and build output that sit next to documents in a repository. */
const SKIPPED_FOLDERS = new Set(["node_modules"]);

export interface CorpusFile {
  /** Path relative to the corpus folder, with `/` separators (`team/index.md`). */
  relPath: string;
  /** The path to read: `join(dir, relPath)`. */
  path: string;
  format: DocumentFormat;
  size: number;
  mtimeMs: number;
  ino: number;
}

export interface CorpusListing {
  /** Documents in relative-path order (UTF-16 code units, whatever the locale). */
  files: CorpusFile[];
  /** Entries that look like documents but cannot be used (a link out of the folder, an unreadable folder). */
  problems: CorpusError[];
}

export function formatOf(name: string): DocumentFormat | undefined {
  return (DOCUMENT_FORMATS as Record<string, DocumentFormat>)[extname(name).toLowerCase()];
}

/** Hidden files and folders, and folders that never hold a team's documents. */
export function isSkippedName(name: string): boolean {
  return name.startsWith(".") || SKIPPED_FOLDERS.has(name);
}

/**
 * Lists the documents under `dir`. Throws only when `dir` itself cannot be read; anything below it that
 * cannot be read becomes a problem with its path. Awaits per folder, so a large tree never holds the
 * event loop.
 */
export async function listCorpusFiles(dir: string): Promise<CorpusListing> {
  const root = await realpath(dir);
  const files: CorpusFile[] = [];
  const problems: CorpusError[] = [];
  const inside = (real: string) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);

  /** `prefix`: the folder's path relative to `dir`, with a trailing `/` ("" for `dir` itself). */
  async function walk(folder: string, first: boolean, prefix: string): Promise<void> {
    let names: string[];
    try {
      names = await readdir(folder);
    } catch (error) {
      if (first) throw error;
      problems.push({ path: folder, reason: `folder cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); fix its permissions or remove it` });
      return;
    }
    const listed = names.filter((name) => !isSkippedName(name));
    // A folder's entries are looked at together: one after another, each waits a round trip to the file
    // system's threads (most of a reload's listing on a library, ~0.7 s on a busy machine). A chunk at a
    // time: a folder of 10,000 documents asked at once held the event loop for ~200 ms.
    const infos: (Stats | undefined)[] = [];
    for (let at = 0; at < listed.length; at += LSTAT_CHUNK) {
      infos.push(...(await Promise.all(listed.slice(at, at + LSTAT_CHUNK).map((name) => lstat(join(folder, name)).catch(() => undefined)))));
    }
    for (const [i, name] of listed.entries()) {
      const path = join(folder, name);
      const info = infos[i];
      if (!info) continue; // vanished while listing
      if (info.isSymbolicLink()) {
        let real: string;
        try {
          real = await realpath(path);
        } catch {
          // A dangling link to a document: the loader reports it as unreadable.
          const format = formatOf(name);
          if (format) files.push({ relPath: prefix + name, path, format, size: 0, mtimeMs: 0, ino: 0 });
          continue;
        }
        if (!inside(real)) {
          if (formatOf(name) || (await stat(real).then((s) => s.isDirectory(), () => false))) {
            problems.push({ path, reason: `is a link to ${real}, outside the corpus folder; not followed (copy the file into the folder instead)` });
          }
        }
        // A link within the folder is not followed either: its target is read under its own path
        // (following it would load the same document twice, or loop).
        continue;
      }
      if (info.isDirectory()) {
        await walk(path, false, `${prefix}${name}/`);
        continue;
      }
      const format = formatOf(name);
      if (!format || !info.isFile()) continue;
      files.push({ relPath: prefix + name, path, format, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino });
    }
  }

  await walk(dir, true, "");
  files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  return { files, problems };
}

/** Entries of one folder whose `lstat`s are asked at once. */
const LSTAT_CHUNK = 256;
