/**
 * `import <file.txt|file.html|file.htm> [--title T] [--slug S] [--lang L] [--corpus DIR] [--force]`: a
 * scraped article or saved web page → a Markdown file in the corpus folder. Web pages go through the
 * same article extractor the loader uses; text scrapes through the importer's rules for scraped text.
 * Prints the written path, then what was removed or needs a human.
 */
import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { importArticle, type ImportOptions, type ImportResult } from "../ingest/import-article.ts";
import { isSlug, MAX_ID_LENGTH, slugify } from "../corpus/slug.ts";
import { decodeHtml, parseArticle } from "../corpus/load.ts";
import { defaultCorpusDir, usageError } from "./common.ts";
import { commandUsage } from "./usage.ts";

const USAGE = commandUsage("import");

interface Args {
  file?: string;
  title?: string;
  slug?: string;
  lang?: string;
  out: string;
  force: boolean;
  help: boolean;
}

function parseArgs(args: string[]): Args | string {
  const parsed: Args = { out: defaultCorpusDir(), force: false, help: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const value = () => {
      const v = args[i + 1];
      if (v === undefined || v.startsWith("--")) throw new Error(`${arg} needs a value`);
      i += 1;
      return v;
    };
    try {
      if (arg === "--title") parsed.title = value().trim();
      else if (arg === "--slug") parsed.slug = value().trim();
      else if (arg === "--lang") parsed.lang = value().trim();
      else if (arg === "--out" || arg === "--corpus") parsed.out = value();
      else if (arg === "--force") parsed.force = true;
      else if (arg === "--help" || arg === "-h") parsed.help = true;
      else if (arg.startsWith("--")) return `unknown option ${arg}`;
      else if (parsed.file) return `only one input file, got ${parsed.file} and ${arg}`;
      else parsed.file = arg;
    } catch (error) {
      return (error as Error).message;
    }
  }
  return parsed;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * A file name for a title: its slug when the title is mostly Latin letters, else the title itself made
 * safe for file systems (a Chinese title names its file in Chinese; the loader takes any name).
 */
function fileStemFor(title: string): string | undefined {
  const slug = slugify(title);
  const latin = (title.match(/[A-Za-z0-9]/g) ?? []).length;
  if (slug.length >= 3 && latin >= title.replace(/\s/g, "").length / 2) return slug;
  const safe = title
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  const cut = Array.from(safe).slice(0, 60).join("").trim();
  return cut.length ? cut : slug.length >= 3 ? slug : undefined;
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed !== "string" && parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (typeof parsed === "string" || !parsed.file) return usageError(typeof parsed === "string" ? parsed : "which file should I import?", USAGE);
  if (parsed.slug !== undefined && (!isSlug(parsed.slug) || parsed.slug.length < 3)) {
    return usageError(`--slug must be a-z, 0-9 and '-', 3–${MAX_ID_LENGTH} characters, got "${parsed.slug}"`, USAGE);
  }
  let input: string;
  try {
    const bytes = await readFile(parsed.file);
    input = /\.html?$/i.test(parsed.file) ? decodeHtml(bytes) : bytes.toString("utf8");
  } catch (error) {
    process.stderr.write(`cannot read ${parsed.file}: ${(error as Error).message}\n`);
    return 1;
  }
  const ext = extname(parsed.file).toLowerCase();
  const options: ImportOptions = { ...(parsed.title ? { title: parsed.title } : {}), ...(parsed.lang ? { lang: parsed.lang } : {}) };
  let result: ImportResult;
  if (ext === ".html" || ext === ".htm" || (ext !== ".txt" && /^\s*<(!doctype html|html)[\s>]/i.test(input))) {
    const { importHtml } = await import("../ingest/import-html.ts");
    result = importHtml(input, options);
  } else {
    result = importArticle(input, options);
  }

  if (!result.meta.title) {
    process.stderr.write(`${parsed.file}: no title found; pass --title "…" (nothing written)\n`);
    return 2;
  }
  const stem = parsed.slug ?? fileStemFor(result.meta.title);
  if (!stem) {
    process.stderr.write(`cannot make a file name from the title "${result.meta.title}"; pass --slug (a-z, 0-9, '-', 3–${MAX_ID_LENGTH} characters)\n`);
    return 2;
  }
  const path = join(parsed.out, `${stem}.md`);
  if (!parsed.force && (await exists(path))) {
    process.stderr.write(`${path} already exists; pass --force to overwrite\n`);
    return 1;
  }
  // Refuse to write what the loader would reject: the corpus must stay loadable.
  try {
    parseArticle(path, Buffer.from(result.markdown, "utf8"));
  } catch (error) {
    process.stderr.write(`${parsed.file}: nothing written, the result would not load (${error instanceof Error ? error.message : String(error)})\n`);
    return 1;
  }
  await mkdir(parsed.out, { recursive: true });
  await writeFile(path, result.markdown, "utf8");
  process.stdout.write(`${path}\n`);
  for (const warning of result.warnings) process.stderr.write(`  warning: ${warning}\n`);
  for (const todo of result.meta.todo ?? []) process.stderr.write(`  todo: ${todo}\n`);
  return 0;
}
