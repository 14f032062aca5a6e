/**
 * `search [--json] [--limit N] [--offset N] [--corpus DIR] [--no-snapshot] [--queries FILE] <query>`: quotes for a query.
 * `--queries FILE` reads one query a line and answers each in order with the index loaded once; with
 * `--json` that is one JSON array a line (the scorer's `--batch` contract).
 * `--json` prints only a JSON array of hits (the relevance scorer's contract); otherwise readable quotes.
 * The index comes from the snapshot in `data/` when the corpus is unchanged (fast start for one search
 * per process); `--no-snapshot` builds it and saves nothing. Logs go to stderr, so stdout stays parseable.
 */
import { defaultCorpusDir, openCliEngine, usageError } from "./common.ts";
import { commandUsage } from "./usage.ts";
import type { Hit, SearchResult } from "../search/types.ts";

import { readFile } from "node:fs/promises";

const USAGE = commandUsage("search");

interface Args {
  json: boolean;
  snapshot: boolean;
  limit: number;
  offset: number;
  corpus: string;
  query: string;
  /** File of queries, one a line. */
  queries?: string;
}

export function parseArgs(args: string[]): Args | string {
  const parsed: Args = { json: false, snapshot: true, limit: 5, offset: 0, corpus: defaultCorpusDir(), query: "" };
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      words.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--") || words.length > 0) {
      words.push(arg);
      continue;
    }
    const value = args[i + 1];
    if (arg === "--json") parsed.json = true;
    else if (arg === "--no-snapshot") parsed.snapshot = false;
    else if (arg === "--limit" || arg === "--offset") {
      const n = Number(value);
      if (value === undefined || !Number.isInteger(n) || n < 0) return `${arg} needs a whole number`;
      if (arg === "--limit") parsed.limit = n;
      else parsed.offset = n;
      i++;
    } else if (arg === "--corpus") {
      if (value === undefined) return "--corpus needs a directory";
      parsed.corpus = value;
      i++;
    } else if (arg === "--queries") {
      if (value === undefined) return "--queries needs a file (one query a line)";
      parsed.queries = value;
      i++;
    } else return `unknown option ${arg}`;
  }
  if (parsed.queries !== undefined) return words.length > 0 ? "give either a query or --queries FILE, not both" : parsed;
  if (words.length === 0) return "what should I search for?";
  parsed.query = words.join(" ");
  return parsed;
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") return usageError(parsed, USAGE);
  const queries = parsed.queries === undefined ? undefined : await readQueries(parsed.queries);
  if (queries instanceof Error) return usageError(queries.message, USAGE);
  const engine = await openCliEngine(parsed.corpus, { snapshot: parsed.snapshot });
  const color = process.stdout.isTTY === true;
  for (const query of queries ?? [parsed.query]) {
    const result = engine.search(query, { limit: parsed.limit, offset: parsed.offset });
    // One array a line in batch mode, so a reader can pair line i with query i.
    const json = queries ? JSON.stringify(result.hits) : JSON.stringify(result.hits, null, 2);
    process.stdout.write(parsed.json ? `${json}\n` : readable(result, color) + (queries ? "\n" : ""));
  }
  return 0;
}

/** Non-empty lines of `file`; an Error naming the file when it can't be read. */
async function readQueries(file: string): Promise<string[] | Error> {
  try {
    return (await readFile(file, "utf8")).split(/\r?\n/).filter((line) => line.trim() !== "");
  } catch (error) {
    return new Error(`cannot read --queries ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Terminal rendering: numbered quotes, matched terms in bold on a TTY, attribution underneath. */
export function readable(result: SearchResult, color: boolean): string {
  const bold = (s: string) => (color ? `\u001b[1m${s}\u001b[22m` : s);
  const dim = (s: string) => (color ? `\u001b[2m${s}\u001b[22m` : s);
  const lines: string[] = [];
  if (result.truncated) lines.push(dim(`(query cut to its first part: "${result.query}")`), "");
  if (!result.query) lines.push("What should I search for? Try a topic, a question, or an English term.");
  else if (result.hits.length === 0) lines.push(`Nothing in the articles matches "${result.query}".`);
  result.hits.forEach((hit, i) => {
    const quote = hit.quoteSegments.map((s) => (s.mark ? bold(s.text) : s.text)).join("");
    lines.push(`${i + 1}. 「${quote}」`, `   — ${attribution(hit)}`);
    if (hit.url) lines.push(`   ${dim(hit.url)}`);
    lines.push("");
  });
  if (result.hits.length > 0 && result.total > result.hits.length) lines.push(dim(`${result.total} hits in all`));
  if (result.suggestions.length > 0) lines.push(`Try: ${result.suggestions.join(" · ")}`);
  return `${lines.join("\n").trimEnd()}\n`;
}

function attribution(hit: Hit): string {
  return [hit.speaker, hit.title, hit.section].filter(Boolean).join(" · ");
}
