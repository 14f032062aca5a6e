/**
 * What a snapshot's index depends on besides the corpus: the code that parses articles and turns text
 * into index terms. A snapshot made by other code is never loaded — the version constant is bumped by
 * hand for changes the sources don't show (a dependency's behaviour), and the sources' own digest
 * catches every edit to the pipeline that nobody remembered to version (the term index's binary layout
 * included: it lives in src/search).
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { sha256 } from "./corpus-files.ts";

/** Bump when the saved format or the meaning of saved data changes without a source change here. */
export const PIPELINE_VERSION = 2;

/** Folders whose code decides what is indexed and how (and the lessons a snapshot keeps). */
const PIPELINE_DIRS = ["../corpus", "../corpus/formats", "../ingest", "../text", "../search", "../lessons", "."];

let cached: string | undefined;

/** `PIPELINE_VERSION` plus a digest of the pipeline's source files (computed once per process). */
export function pipelineFingerprint(): string {
  if (cached !== undefined) return cached;
  const parts: string[] = [`v${PIPELINE_VERSION}`];
  for (const relative of PIPELINE_DIRS) {
    const dir = fileURLToPath(new URL(`${relative}/`, import.meta.url));
    let names: string[];
    try {
      names = readdirSync(dir).filter((name) => name.endsWith(".ts")).sort();
    } catch {
      // Shipped without sources (bundled): the version constant alone decides.
      continue;
    }
    for (const name of names) parts.push(`${relative}/${name}:${sha256(readFileSync(join(dir, name)))}`);
  }
  return (cached = sha256(parts.join("\n")));
}
