/**
 * A fingerprint of a corpus folder: every document under it (the loader's list, nested folders
 * included) and the glossary, each with the sha256 of its bytes (`Article.hash` is the same digest).
 * The snapshot key is computed from it.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { formatOf, isSkippedName, listCorpusFiles, MAX_BYTES } from "../corpus/walk.ts";
import { corpusBaseUrlFromEnv } from "../corpus/source-url.ts";
import { mapConcurrent } from "../util/concurrent.ts";

/** Files read and hashed at once (libuv's pool has four threads; a few more keep it busy). */
const READS_IN_FLIGHT = 8;

export const GLOSSARY_FILE = "glossary.yml";

export interface FileDigest {
  /** Path relative to the corpus folder, `/`-separated (`team/index.md`; the glossary is `glossary.yml`). */
  name: string;
  /** sha256 of the bytes, hex; for a file over the loader's size limit, its size and time instead. */
  hash: string;
}

export interface CorpusFingerprint {
  /** Article files in file-name order (the loader's order). */
  articles: FileDigest[];
  /** The glossary's text, when the folder has one (it is parsed from these very bytes). */
  glossary?: { hash: string; text: string };
  /** `CORPUS_BASE_URL` as the loader will read it: the articles' links depend on it. */
  baseUrl?: string;
}

export function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The files `loadCorpus` considers articles, by path relative to the corpus folder. */
export function isArticleName(relPath: string): boolean {
  return formatOf(relPath) !== undefined && !relPath.split(/[\\/]/).some(isSkippedName);
}

/** The key a file is known by across loads: its path relative to the corpus folder, `/`-separated. */
export function corpusKey(corpusDir: string, path: string): string {
  return relative(corpusDir, path).split(sep).join("/");
}

/**
 * Reads and hashes the folder. Throws when the folder or one of its files cannot be read: the caller
 * then loads the corpus the ordinary way, which reports each unreadable file.
 */
export async function fingerprintCorpus(dir: string): Promise<CorpusFingerprint> {
  const listing = await listCorpusFiles(dir);
  const fingerprint: CorpusFingerprint = { articles: [] };
  const baseUrl = corpusBaseUrlFromEnv();
  if (baseUrl) fingerprint.baseUrl = baseUrl;
  const glossaryPath = join(dir, GLOSSARY_FILE);
  const glossary = await readFile(glossaryPath).catch((error: NodeJS.ErrnoException) => {
    // No glossary is fine; any other failure makes the caller load the ordinary way.
    if (error.code === "ENOENT" || error.code === "EISDIR") return undefined;
    throw error;
  });
  if (glossary) fingerprint.glossary = { hash: sha256(glossary), text: glossary.toString("utf8") };
  // Problems in the listing (a link out of the folder) are part of the key: fixing one changes it.
  for (const problem of listing.problems) fingerprint.articles.push({ name: corpusKey(dir, problem.path), hash: `problem:${problem.reason}` });
  const digests = await mapConcurrent(listing.files, READS_IN_FLIGHT, async (file): Promise<FileDigest | undefined> => {
    let info;
    try {
      info = await stat(file.path);
    } catch (error) {
      // Vanished between listing and reading: as if it had never been listed.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    // Not read: the loader refuses it anyway.
    if (info.size > MAX_BYTES[file.format]) return { name: file.relPath, hash: `oversize:${info.size}:${info.mtimeMs}` };
    return { name: file.relPath, hash: sha256(await readFile(file.path)) };
  });
  for (const digest of digests) if (digest) fingerprint.articles.push(digest);
  return fingerprint;
}

/** File-name order as the loader sorts (by UTF-16 code units, whatever the locale). */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
