/**
 * The one way callers get an engine: load `corpus/*.md`, the glossary next to them, and index — or,
 * when the corpus is unchanged since the last time, restore the index from its snapshot (src/index-cache).
 * Broken files are logged and returned with their path; the rest is searchable.
 */
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import type { CorpusError } from "../corpus/types.ts";
import { openCachedEngine } from "../index-cache/open.ts";
import type { Glossary } from "../text/glossary.ts";
import type { SearchEngine } from "./types.ts";

export { GLOSSARY_FILE } from "../index-cache/corpus-files.ts";

/** `data/` next to package.json: where snapshots go unless the caller says otherwise. */
export const DEFAULT_SNAPSHOT_DIR = fileURLToPath(new URL("../../data/", import.meta.url));

export interface OpenOptions {
  /** Folder for index snapshots (default `data/`); `false` = always build, save nothing. */
  snapshotDir?: string | false;
}

export interface OpenedEngine {
  engine: SearchEngine;
  /** Corpus files (and a glossary) that could not be used, each with its path and reason. */
  errors: CorpusError[];
  glossary: Glossary;
  /** Restored from a snapshot, or built from the files. */
  source: "snapshot" | "built";
}

export async function openEngine(corpusDir: string, log: Logger, options: OpenOptions = {}): Promise<OpenedEngine> {
  const started = performance.now();
  const { engine, errors, glossary, source } = await openCachedEngine(corpusDir, log, { snapshotDir: options.snapshotDir ?? DEFAULT_SNAPSHOT_DIR });
  for (const error of errors) log.warn({ path: error.path, reason: error.reason }, "corpus file skipped");
  log.info(
    {
      source,
      articles: engine.articles().length,
      passages: engine.passages().length,
      glossaryEntries: glossary.entries.length,
      ms: Math.round(performance.now() - started),
    },
    source === "snapshot" ? "search index restored" : "search index built",
  );
  return { engine, errors, glossary, source };
}
