/**
 * `import <file.txt|file.html> [--title T] [--slug S] [--out DIR] [--force]`: a scraped article →
 * `corpus/<slug>.md`. Prints the written path, then what was removed or needs a human.
 */
import { readFile, writeFile, mkdir, access } from "node:fs/promises";
import { extname, join } from "node:path";
import { importArticle, type InputFormat } from "../ingest/import-article.ts";
import { isSlug, slugify, MAX_ID_LENGTH } from "../corpus/slug.ts";
import { parseArticle } from "../corpus/load.ts";
import { usageError } from "./common.ts";

const USAGE = "usage: npm run -s cli -- import <file.txt|file.html> [--title T] [--slug S] [--out DIR] [--force]";

interface Args {
  file?: string;
  title?: string;
  slug?: string;
  out: string;
  force: boolean;
}

function parseArgs(args: string[]): Args | string {
  const parsed: Args = { out: "corpus", force: false };
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
      else if (arg === "--out") parsed.out = value();
      else if (arg === "--force") parsed.force = true;
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

export async function run(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string" || !parsed.file) return usageError(typeof parsed === "string" ? parsed : "which file should I import?", USAGE);
  let input: string;
  try {
    input = await readFile(parsed.file, "utf8");
  } catch (error) {
    process.stderr.write(`cannot read ${parsed.file}: ${(error as Error).message}\n`);
    return 1;
  }
  const ext = extname(parsed.file).toLowerCase();
  const format: InputFormat | undefined = ext === ".html" || ext === ".htm" ? "html" : ext === ".txt" ? "text" : undefined;
  const result = importArticle(input, { ...(format ? { format } : {}), ...(parsed.title ? { title: parsed.title } : {}) });

  if (!result.meta.title) {
    process.stderr.write(`${parsed.file}: no title line found; pass --title "…" (nothing written)\n`);
    return 2;
  }
  const slug = parsed.slug ?? slugify(result.meta.title);
  if (!isSlug(slug) || slug.length < 3) {
    process.stderr.write(
      `cannot make a file name from the title "${result.meta.title}"; pass --slug (a-z, 0-9, '-', 3–${MAX_ID_LENGTH} characters)\n`,
    );
    return 2;
  }
  const path = join(parsed.out, `${slug}.md`);
  if (!parsed.force && (await exists(path))) {
    process.stderr.write(`${path} already exists; pass --force to overwrite\n`);
    return 1;
  }
  // Refuse to write what the loader would reject: the corpus must stay loadable.
  parseArticle(path, Buffer.from(result.markdown, "utf8"));
  await mkdir(parsed.out, { recursive: true });
  await writeFile(path, result.markdown, "utf8");
  process.stdout.write(`${path}\n`);
  for (const warning of result.warnings) process.stderr.write(`  warning: ${warning}\n`);
  for (const todo of result.meta.todo ?? []) process.stderr.write(`  todo: ${todo}\n`);
  return 0;
}
