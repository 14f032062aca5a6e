/**
 * Loading a corpus folder: every document under it (see `walk.ts`), in any format the team keeps
 * (Markdown, text, HTML, Word, PDF). One bad file is reported with its path and what to do about it; the
 * rest still load. Heavy parsers (HTML, Word, PDF) are imported only when such a file is present.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Article, ArticleMeta, CorpusError, CorpusLoadResult, Section } from "./types.ts";
import { CorpusFileError, FormatError, SkippedFile } from "./errors.ts";
import { readFrontMatter, splitFrontMatter, type FrontMatter } from "./front-matter.ts";
import { hasHtmlText, parseMarkdownBody, type MarkdownOptions } from "./markdown.ts";
import { assignArticleIds, articleIdOf } from "./slug.ts";
import { detectLanguage, sectionsText } from "./language.ts";
import { titleFromPath } from "./title.ts";
import { formatOf, listCorpusFiles, MAX_BYTES, type DocumentFormat } from "./walk.ts";
import { corpusBaseUrlFromEnv, sourceUrlFor } from "./source-url.ts";
import { readTextDocument } from "./formats/text.ts";

export { CorpusFileError } from "./errors.ts";
export { MAX_BYTES } from "./walk.ts";

export interface ParseOptions {
  /** The article's id (default: from the file name). */
  id?: string;
  /** Path relative to the corpus folder (default: the file name). */
  relPath?: string;
  /** `CORPUS_BASE_URL`: articles without a `url` link to `baseUrl` + their relative path. */
  baseUrl?: string;
}

export interface LoadOptions {
  /** Default: the `CORPUS_BASE_URL` environment variable. */
  baseUrl?: string;
}

/** What a format reader makes of a file, before titles, language and links are settled. */
export interface DocumentParts {
  front: FrontMatter;
  sections: Section[];
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Text of a text-format file (UTF-8, BOM and CR removed); throws `FormatError` for binary or empty content. */
function decodeText(bytes: Buffer, kind: string): string {
  if (bytes.length === 0) throw new SkippedFile("file is empty, nothing to quote: write some text in it, or delete it");
  if (bytes.includes(0)) throw new FormatError(`file looks binary (contains NUL bytes), expected UTF-8 ${kind} text: is it misnamed?`);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new FormatError("file is not valid UTF-8 text: save it as UTF-8");
  }
  text = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!text.trim()) throw new SkippedFile("file is empty (only white space), nothing to quote: write some text in it, or delete it");
  return text;
}

/**
 * A web page's text: UTF-8, or the charset its `<meta>` declares (Chinese pages are often saved as GBK or
 * GB18030, Taiwanese ones as Big5).
 */
export function decodeHtml(bytes: Buffer): string {
  const head = bytes.subarray(0, 4096).toString("latin1");
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (!declared || declared === "utf-8" || declared === "utf8" || bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) return decodeText(bytes, "HTML");
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(declared, { fatal: true });
  } catch {
    throw new FormatError(`the page declares an unknown charset "${declared}": save it as UTF-8`);
  }
  if (bytes.includes(0)) throw new FormatError("file looks binary (contains NUL bytes), expected an HTML page: is it misnamed?");
  try {
    return decoder.decode(bytes).replace(/\r\n?/g, "\n");
  } catch {
    throw new FormatError(`the page is not valid ${declared} text as it declares: save it as UTF-8`);
  }
}

/** Markdown (front matter optional) → parts; `options.htmlBlocks` reads the words in raw HTML blocks. */
function readMarkdownDocument(bytes: Buffer, options: MarkdownOptions = {}): DocumentParts {
  const text = decodeText(bytes, "Markdown");
  const { yaml, syntax, body } = splitFrontMatter(text);
  return { front: readFrontMatter(yaml, syntax), sections: parseMarkdownBody(body, options) };
}

/**
 * Parses one Markdown or text file synchronously; throws `CorpusFileError` with a human-readable reason.
 * (HTML, Word and PDF need `parseDocument`.)
 */
export function parseArticle(path: string, bytes: Buffer, options: ParseOptions = {}): Article {
  const format = formatOf(path) ?? "markdown";
  return wrap(path, () => {
    checkSize(format, bytes.length);
    if (format === "markdown") return finish(path, bytes, readMarkdownDocument(bytes), options);
    if (format === "text") return finish(path, bytes, readTextDocument(decodeText(bytes, "plain")), options);
    throw new FormatError(`${format} files are read by parseDocument`);
  });
}

/** Parses one document of any supported format. */
export async function parseDocument(path: string, bytes: Buffer, options: ParseOptions = {}): Promise<Article> {
  const format = formatOf(path) ?? "markdown";
  if (format === "markdown" && hasHtmlText(bytes.toString("utf8"))) {
    // Raw HTML with text in it (a pasted table): its words are read with the HTML reader, loaded only now.
    const { htmlToSections } = await import("./formats/html-sections.ts");
    return wrap(path, () => {
      checkSize(format, bytes.length);
      return finish(path, bytes, readMarkdownDocument(bytes, { htmlBlocks: htmlToSections }), options);
    });
  }
  if (format === "markdown" || format === "text") return parseArticle(path, bytes, options);
  return wrapAsync(path, async () => {
    checkSize(format, bytes.length);
    if (bytes.length === 0) throw new SkippedFile("file is empty, nothing to quote: put the document's content in it, or delete it");
    let parts: DocumentParts;
    if (format === "html") {
      const { readHtmlDocument } = await import("./formats/html.ts");
      parts = await readHtmlDocument(decodeHtml(bytes));
    } else if (format === "docx") {
      const { readDocxDocument } = await import("./formats/docx.ts");
      parts = await readDocxDocument(bytes);
    } else {
      const { readPdfDocument } = await import("./formats/pdf.ts");
      parts = await readPdfDocument(bytes);
    }
    return finish(path, bytes, parts, options);
  });
}

function checkSize(format: DocumentFormat, size: number): void {
  const limit = MAX_BYTES[format];
  if (size > limit) {
    throw new FormatError(`file is too large (${size} bytes; the limit for ${format} files is ${limit} bytes): split it into smaller documents`);
  }
}

/** Settles what every format shares: id, title fallback, language, link, and "is there any text". */
function finish(path: string, bytes: Buffer, parts: DocumentParts, options: ParseOptions): Article {
  const { front, sections } = parts;
  const relPath = options.relPath ?? basename(path);
  if (front.draft) throw new SkippedFile("draft: true in front matter, so it is not served (set draft: false to publish it)");
  // Like an empty file: nothing to quote, but nothing broken either (a placeholder page, a generated list).
  if (!sections.some((section) => section.blocks.length > 0)) {
    throw new SkippedFile("the document has no text to quote (only front matter, headings, code or directives): write some text in it, or delete it");
  }
  const firstH1 = sections.find((s) => s.level === 1)?.heading;
  const meta: ArticleMeta = {
    id: options.id ?? articleIdOf(relPath),
    title: front.title ?? (firstH1 || titleFromPath(relPath)),
    speakers: front.speakers,
    lang: front.lang ?? detectLanguage(sectionsText(sections)),
    tags: front.tags,
    todo: front.todo,
    lessons: front.lessons,
  };
  if (front.author) meta.author = front.author;
  if (front.source) meta.source = front.source;
  if (front.summary) meta.summary = front.summary;
  const url = front.url ?? sourceUrlFor(options.baseUrl, relPath, front.sitePath);
  if (url) meta.url = url;
  if (front.originalUrl) meta.originalUrl = front.originalUrl;
  if (front.date) meta.date = front.date;
  const article: Article = { meta, path, hash: hashOf(bytes), sections };
  if (options.relPath) article.relPath = options.relPath;
  return article;
}

/** An article's `hash`: what snapshots and reloads compare. */
function hashOf(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function wrap<T>(path: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw asFileError(path, error);
  }
}

async function wrapAsync<T>(path: string, parse: () => Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (error) {
    throw asFileError(path, error);
  }
}

function asFileError(path: string, error: unknown): unknown {
  if (error instanceof FormatError) return new CorpusFileError(path, error.message);
  if (error instanceof SkippedFile || error instanceof CorpusFileError) return error;
  // A format library's own failure (a corrupt zip, a broken PDF): the file, not the loader, is at fault.
  return new CorpusFileError(path, `cannot be read as a document (${error instanceof Error ? error.message.split("\n")[0] : String(error)}): is it damaged?`);
}

/**
 * Loads every document under `dir` in relative-path order. Throws only when the directory itself cannot
 * be read. Files are read one at a time with an `await` between them, so the event loop keeps serving.
 */
export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<CorpusLoadResult> {
  const { articles, errors } = await loadCorpusSince(dir, new Map(), options);
  return { articles, errors };
}

/** What one file gave when it was last loaded, so that a reload can skip it while it is unchanged. */
export interface FileRecord {
  /** The file's stat when it was read (absent for a record made from an article alone, see `recordOf`). */
  stat?: { size: number; mtimeMs: number; ino: number; readAt: number };
  /** sha256 of the bytes read (absent when the file could not be read). */
  hash?: string;
  baseUrl: string | undefined;
  result: Article | CorpusError;
}

/** The last load's records, by path. */
export type LoadRecord = ReadonlyMap<string, FileRecord>;

export interface IncrementalLoad extends CorpusLoadResult {
  /** Records for the next load. */
  record: LoadRecord;
  /** Files read and parsed this time (new or changed), by path. */
  parsed: string[];
}

/**
 * A file's mtime within this long before it was read cannot tell a later write apart (file systems
 * stamp times coarsely), so such a file is read and hashed again rather than trusted by its stat.
 */
const RACY_MS = 2000;

/** Records of articles loaded elsewhere (the serving thread's): a reload reads each file once, and parses it only if its bytes changed. */
export function recordOf(articles: readonly Article[], options: LoadOptions = {}): LoadRecord {
  const baseUrl = options.baseUrl ?? corpusBaseUrlFromEnv();
  return new Map(articles.map((article) => [article.path, { hash: article.hash, baseUrl, result: article }]));
}

/**
 * `loadCorpus`, reusing what `previous` says of each file: a file whose size, mtime and inode are the
 * same is not read, one whose bytes hash the same is not parsed again (its `Article` or error is the
 * same object as before); new and changed files are parsed, removed ones drop out.
 */
export async function loadCorpusSince(dir: string, previous: LoadRecord, options: LoadOptions = {}): Promise<IncrementalLoad> {
  const baseUrl = options.baseUrl ?? corpusBaseUrlFromEnv();
  const listing = await listCorpusFiles(dir);
  const ids = assignArticleIds(listing.files.map((f) => f.relPath));
  const articles: Article[] = [];
  const errors: CorpusError[] = [...listing.problems];
  const record = new Map<string, FileRecord>();
  const parsed: string[] = [];
  for (const file of listing.files) {
    const { path, relPath } = file;
    const id = ids.get(relPath)!;
    const last = previous.get(path);
    // An article's id and link depend on more than its bytes (another file's slug, CORPUS_BASE_URL).
    const reusable = last && last.baseUrl === baseUrl && ("meta" in last.result ? last.result.meta.id === id : true) ? last : undefined;
    let next: FileRecord;
    const stat = reusable?.stat;
    // A file that could not be read is tried again (a permission fix changes no mtime).
    if (reusable?.hash !== undefined && stat && stat.size === file.size && stat.mtimeMs === file.mtimeMs && stat.ino === file.ino && file.mtimeMs < stat.readAt - RACY_MS) {
      next = reusable;
    } else {
      next = { stat: { size: file.size, mtimeMs: file.mtimeMs, ino: file.ino, readAt: Date.now() }, baseUrl, result: { path, reason: "" } };
      try {
        if (file.size > MAX_BYTES[file.format]) wrap(path, () => checkSize(file.format, file.size));
        const bytes = await readFile(path);
        next.hash = hashOf(bytes);
        if (reusable && reusable.hash === next.hash) {
          next.result = reusable.result;
        } else {
          parsed.push(path);
          const parseOptions: ParseOptions = { id, relPath };
          if (baseUrl) parseOptions.baseUrl = baseUrl;
          next.result = await parseDocument(path, bytes, parseOptions);
        }
      } catch (error) {
        if (error instanceof SkippedFile) next.result = { path, reason: error.message, notice: true };
        else next.result = { path, reason: reasonOf(error) };
      }
    }
    record.set(path, next);
    if ("meta" in next.result) articles.push(next.result);
    else errors.push(next.result);
  }
  errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { articles, errors, record, parsed };
}

function reasonOf(error: unknown): string {
  if (error instanceof CorpusFileError) return error.reason;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EACCES" || code === "EPERM") return "file cannot be read (permission denied): make it readable by the bot's user";
  if (code === "ENOENT") return "file cannot be read (it vanished, or is a broken link): restore it or remove the link";
  if (code === "EISDIR") return "is a folder named like a document";
  return `file cannot be read: ${error instanceof Error ? error.message : String(error)}`;
}
