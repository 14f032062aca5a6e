/**
 * `check [--todo] [DIR]`: loads the corpus (default `corpus/`) the way the bot does and reports
 * every broken file with its reason (exit 1), else one line of counts. `--todo` also lists the
 * open questions the importer left in front matter.
 */
import { loadCorpus } from "../corpus/load.ts";
import { DEFAULT_CORPUS_DIR, usageError } from "./common.ts";

const USAGE = "usage: npm run -s cli -- check [--todo] [DIR]";

export async function run(args: string[]): Promise<number> {
  const showTodo = args.includes("--todo");
  const unknown = args.find((a) => a.startsWith("--") && a !== "--todo");
  const dirs = args.filter((a) => !a.startsWith("--"));
  if (unknown || dirs.length > 1) return usageError(unknown ? `unknown option ${unknown}` : "one corpus directory at most", USAGE);
  const dir = dirs[0] ?? (process.env.CORPUS_DIR || DEFAULT_CORPUS_DIR);
  let result;
  try {
    result = await loadCorpus(dir);
  } catch (error) {
    process.stderr.write(`cannot read corpus directory ${dir}: ${(error as Error).message}\n`);
    return 1;
  }
  const broken = result.errors.filter((e) => !e.notice);
  for (const { path, reason, notice } of result.errors) process.stdout.write(`${path}: ${notice ? "skipped: " : ""}${reason}\n`);

  const sections = result.articles.reduce((n, a) => n + a.sections.length, 0);
  const todos = result.articles.flatMap((a) => a.meta.todo.map((t) => `${a.path}: todo: ${t}`));
  if (showTodo) for (const line of todos) process.stdout.write(`${line}\n`);
  const skipped = result.errors.length - broken.length;
  const counts = (broken.length ? `, ${broken.length} broken` : "") + (skipped ? `, ${skipped} skipped` : "");
  process.stdout.write(
    `${dir}: ${plural(result.articles.length, "article")}, ${plural(sections, "section")}${counts}` +
      (todos.length && !showTodo ? ` (${todos.length} open todo items; --todo lists them)` : "") +
      "\n",
  );
  return broken.length ? 1 : 0;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
