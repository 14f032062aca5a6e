/**
 * `check [--todo] [--corpus DIR | DIR]`: loads the corpus (default: CORPUS_DIR, else `corpus/`) the way
 * the bot does and reports every file it cannot use with its reason and what to do. Broken files make
 * it exit 1; notices (an empty file, a draft) are listed but pass. Ends with one line of counts.
 * `--todo` also lists the open questions the importer left in front matter.
 */
import { loadCorpus } from "../corpus/load.ts";
import { defaultCorpusDir, usageError } from "./common.ts";
import { commandUsage } from "./usage.ts";

const USAGE = commandUsage("check");

export async function run(args: string[]): Promise<number> {
  let showTodo = false;
  const dirs: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (arg === "--todo") {
      showTodo = true;
    } else if (arg === "--corpus") {
      const value = args[i + 1];
      if (value === undefined || value.startsWith("--")) return usageError("--corpus needs a directory", USAGE);
      dirs.push(value);
      i += 1;
    } else if (arg.startsWith("--")) {
      return usageError(`unknown option ${arg}`, USAGE);
    } else {
      dirs.push(arg);
    }
  }
  if (dirs.length > 1) return usageError("one corpus directory at most", USAGE);
  const dir = dirs[0] ?? defaultCorpusDir();
  let result;
  const started = performance.now();
  try {
    result = await loadCorpus(dir);
  } catch (error) {
    process.stderr.write(`cannot read corpus directory ${dir}: ${(error as Error).message}\n`);
    return 1;
  }
  const ms = Math.round(performance.now() - started);
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
  process.stderr.write(`loaded in ${ms} ms\n`);
  return broken.length ? 1 : 0;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
