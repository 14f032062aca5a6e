/**
 * What every CLI subcommand shares: where the bundled corpus is, how a usage error is reported, and an
 * engine opened with logs on stderr (stdout stays parseable for `--json`).
 */
import { fileURLToPath } from "node:url";
import { createLogger } from "../log/logger.ts";
import { openEngine } from "../search/open.ts";
import type { SearchEngine } from "../search/types.ts";

/** `corpus/` next to package.json, found from this file rather than the working directory. */
export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL("../../corpus/", import.meta.url));

/** The library a command reads unless `--corpus DIR` says otherwise: `CORPUS_DIR`, else the bundled corpus. */
export function defaultCorpusDir(): string {
  return process.env.CORPUS_DIR?.trim() || DEFAULT_CORPUS_DIR;
}

/** Prints the problem and the usage on stderr; returns the exit code for a usage error. */
export function usageError(problem: string, usage: string): number {
  process.stderr.write(`${problem}\n${usage}\n`);
  return 2;
}

/** The search engine over `corpusDir`; `snapshot: false` builds the index and saves nothing. */
export async function openCliEngine(corpusDir: string, options: { snapshot?: boolean } = {}): Promise<SearchEngine> {
  const log = createLogger({ level: process.env.LOG_LEVEL ?? "warn", destination: process.stderr });
  const { engine } = await openEngine(corpusDir, log, options.snapshot === false ? { snapshotDir: false } : {});
  return engine;
}
