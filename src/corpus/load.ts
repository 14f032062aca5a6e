/**
 * Loading `corpus/*.md`: one bad file is reported with its path and reason, the rest still load.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type { Article, CorpusError, CorpusLoadResult } from "./types.ts";
import { CorpusFileError, FormatError } from "./errors.ts";
import { readFrontMatter, splitFrontMatter } from "./front-matter.ts";
import { parseMarkdownBody } from "./markdown.ts";
import { isSlug, MAX_ID_LENGTH, slugify } from "./slug.ts";

export { CorpusFileError } from "./errors.ts";

/** Larger files are almost certainly not an article (a dump, a binary); refusing them keeps indexing bounded. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Parses one corpus file; throws `CorpusFileError` with a human-readable reason. */
export function parseArticle(path: string, bytes: Buffer): Article {
  try {
    return parseOrThrow(path, bytes);
  } catch (error) {
    if (error instanceof FormatError) throw new CorpusFileError(path, error.message);
    throw error;
  }
}

function parseOrThrow(path: string, bytes: Buffer): Article {
  const id = basename(path, extname(path));
  if (!isSlug(id)) {
    const suggestion = slugify(id);
    throw new FormatError(
      `file name must be a slug (lowercase a-z, 0-9 and '-', at most ${MAX_ID_LENGTH} characters)` +
        (suggestion ? `; rename it e.g. to ${suggestion}.md` : ""),
    );
  }
  if (bytes.length === 0) throw new FormatError("file is empty");
  if (bytes.length > MAX_FILE_BYTES) throw new FormatError(`file is too large (${bytes.length} bytes, limit ${MAX_FILE_BYTES})`);
  if (bytes.includes(0)) throw new FormatError("file looks binary (contains NUL bytes), expected UTF-8 Markdown text");
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new FormatError("file is not valid UTF-8 text");
  }
  text = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!text.trim()) throw new FormatError("file is empty (only white space)");

  const { yaml, body } = splitFrontMatter(text);
  const meta = readFrontMatter(yaml, id);
  const sections = parseMarkdownBody(body);
  if (!sections.some((section) => section.blocks.length > 0)) throw new FormatError("the body has no text after the front matter");
  return { meta, path, hash: createHash("sha256").update(bytes).digest("hex"), sections };
}

/**
 * Loads every `*.md` file of `dir` in file-name order (other files, e.g. `glossary.yml`, are
 * not articles and are skipped). Throws only when the directory itself cannot be read.
 */
export async function loadCorpus(dir: string): Promise<CorpusLoadResult> {
  const names = (await readdir(dir)).filter((name) => extname(name).toLowerCase() === ".md" && !name.startsWith(".")).sort(byCodeUnit);
  const articles: Article[] = [];
  const errors: CorpusError[] = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      const info = await stat(path);
      if (!info.isFile()) continue;
      if (info.size > MAX_FILE_BYTES) throw new CorpusFileError(path, `file is too large (${info.size} bytes, limit ${MAX_FILE_BYTES})`);
      articles.push(parseArticle(path, await readFile(path)));
    } catch (error) {
      errors.push({ path, reason: reasonOf(error) });
    }
  }
  return { articles, errors };
}

function reasonOf(error: unknown): string {
  if (error instanceof CorpusFileError) return error.reason;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EACCES" || code === "EPERM") return "file cannot be read (permission denied)";
  if (code === "ENOENT") return "file cannot be read (it vanished, or is a broken link)";
  return `file cannot be read: ${error instanceof Error ? error.message : String(error)}`;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
