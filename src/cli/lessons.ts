/**
 * `lessons [--json] [--corpus DIR]`: the daily lessons derived from the corpus, in corpus order.
 * `--json` prints only a JSON array on stdout; importer TODOs (never shown to chat users) go to stderr.
 */
import { lessonsOf } from "../lessons/index.ts";
import type { Lesson } from "../scheduler/types.ts";
import { defaultCorpusDir, openCliEngine, usageError } from "./common.ts";
import { commandUsage } from "./usage.ts";

const USAGE = commandUsage("lessons");

function parseArgs(args: string[]): { json: boolean; corpus: string } | string {
  const parsed = { json: false, corpus: defaultCorpusDir() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--json") parsed.json = true;
    else if (arg === "--corpus") {
      if (args[i + 1] === undefined) return "--corpus needs a directory";
      parsed.corpus = args[++i]!;
    }
    else return `unknown argument ${arg}`;
  }
  return parsed;
}

function asJson(lesson: Lesson) {
  const { quote } = lesson;
  return {
    id: lesson.id,
    title: lesson.title,
    origin: lesson.origin,
    quote: quote.quote,
    articleId: quote.articleId,
    article: quote.title,
    section: quote.section,
    speaker: quote.speaker,
    passageId: quote.passageId,
    url: quote.url,
  };
}

function readable(lessons: readonly Lesson[]): string {
  const lines = lessons.flatMap((lesson, i) => [
    `${i + 1}. ${lesson.title}  [${lesson.id} · ${lesson.origin}]`,
    `   「${lesson.quote.quote}」`,
    `   — ${[lesson.quote.speaker, lesson.quote.title, lesson.quote.section].filter(Boolean).join(" · ")}`,
    "",
  ]);
  const articles = new Set(lessons.map((l) => l.quote.articleId)).size;
  lines.push(`${lessons.length} lessons from ${articles} articles`);
  return `${lines.join("\n")}\n`;
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") return usageError(parsed, USAGE);
  const engine = await openCliEngine(parsed.corpus);
  const lessons = lessonsOf(engine);
  process.stdout.write(parsed.json ? `${JSON.stringify(lessons.map(asJson), null, 2)}\n` : readable(lessons));
  for (const article of engine.articles()) {
    for (const todo of article.meta.todo) process.stderr.write(`todo ${article.path}: ${todo}\n`);
  }
  return 0;
}
