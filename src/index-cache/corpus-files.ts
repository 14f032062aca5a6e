/**
 * A fingerprint of a corpus folder: every `*.md` file and the glossary, each with the sha256 of its bytes
 * (`Article.hash` is the same digest). The snapshot key is computed from it.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { MAX_FILE_BYTES } from "../corpus/load.ts";

export const GLOSSARY_FILE = "glossary.yml";

export interface FileDigest {
  /** File name within the corpus folder. */
  name: string;
  /** sha256 of the bytes, hex; for a file over the loader's size limit, its size and time instead. */
  hash: string;
}

export interface CorpusFingerprint {
  /** Article files in file-name order (the loader's order). */
  articles: FileDigest[];
  /** The glossary's text, when the folder has one (it is parsed from these very bytes). */
  glossary?: { hash: string; text: string };
}

export function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The files `loadCorpus` considers articles. */
export function isArticleName(name: string): boolean {
  return extname(name).toLowerCase() === ".md" && !name.startsWith(".");
}

/**
 * Reads and hashes the folder. Throws when the folder or one of its files cannot be read: the caller
 * then loads the corpus the ordinary way, which reports each unreadable file.
 */
export async function fingerprintCorpus(dir: string): Promise<CorpusFingerprint> {
  const names = (await readdir(dir)).filter((name) => isArticleName(name) || name === GLOSSARY_FILE).sort(byCodeUnit);
  const fingerprint: CorpusFingerprint = { articles: [] };
  const digests = await Promise.all(
    names.map(async (name): Promise<(FileDigest & { bytes?: Buffer }) | undefined> => {
      const path = join(dir, name);
      let info;
      try {
        info = await stat(path);
      } catch (error) {
        // Vanished between listing and reading: as if it had never been listed.
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
      if (!info.isFile()) return undefined;
      // Not read: the loader refuses it anyway.
      if (name !== GLOSSARY_FILE && info.size > MAX_FILE_BYTES) return { name, hash: `oversize:${info.size}:${info.mtimeMs}` };
      const bytes = await readFile(path);
      return { name, hash: sha256(bytes), bytes };
    }),
  );
  for (const digest of digests) {
    if (!digest) continue;
    if (digest.name === GLOSSARY_FILE) fingerprint.glossary = { hash: digest.hash, text: digest.bytes?.toString("utf8") ?? "" };
    else fingerprint.articles.push({ name: digest.name, hash: digest.hash });
  }
  return fingerprint;
}

/** File-name order as the loader sorts (by UTF-16 code units, whatever the locale). */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
