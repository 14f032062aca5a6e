/**
 * The one way callers get an engine: load `corpus/*.md`, the glossary next to them, and index.
 * Broken files are logged and returned with their path; the rest is searchable.
 */
import { join } from "node:path";
import type { Logger } from "pino";
import { loadCorpus } from "../corpus/load.ts";
import type { CorpusError } from "../corpus/types.ts";
import { loadGlossary } from "../text/glossary.ts";
import { buildEngine } from "./engine.ts";
import type { SearchEngine } from "./types.ts";

export const GLOSSARY_FILE = "glossary.yml";

export interface OpenedEngine {
  engine: SearchEngine;
  /** Corpus files (and a glossary) that could not be used, each with its path and reason. */
  errors: CorpusError[];
}

export async function openEngine(corpusDir: string, log: Logger): Promise<OpenedEngine> {
  const started = performance.now();
  const [corpus, glossary] = await Promise.all([loadCorpus(corpusDir), loadGlossary(join(corpusDir, GLOSSARY_FILE))]);
  const errors: CorpusError[] = [...corpus.errors];
  const glossaryPath = join(corpusDir, GLOSSARY_FILE);
  for (const problem of glossary.problems) errors.push({ path: glossaryPath, reason: problem });
  for (const error of errors) log.warn({ path: error.path, reason: error.reason }, "corpus file skipped");
  const engine = buildEngine(corpus.articles, { glossary: glossary.glossary });
  log.info(
    {
      articles: corpus.articles.length,
      passages: engine.passages().length,
      glossaryEntries: glossary.glossary.entries.length,
      ms: Math.round(performance.now() - started),
    },
    "search index built",
  );
  return { engine, errors };
}
