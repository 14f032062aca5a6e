/**
 * The editable glossary (`corpus/glossary.yml`): English terms mapped to their Chinese equivalents, so an
 * English question finds Chinese text (burnout → 职业倦怠) and a Chinese one finds English names used in the
 * text (服务网格 → service mesh). Only queries are expanded; the index holds the text as written.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

/** The YAML parser, loaded with the first glossary parsed: a start from a snapshot parses none (~50 ms of loading). */
let yaml: typeof import("yaml") | undefined;
const parse = (source: string): unknown => (yaml ??= createRequire(import.meta.url)("yaml") as typeof import("yaml")).parse(source);

export interface GlossaryEntry {
  /** The English (Latin-script) term as written in the file, e.g. `service mesh`. */
  term: string;
  /** Chinese (or other) equivalents, best first. */
  equivalents: string[];
}

export interface Glossary {
  entries: readonly GlossaryEntry[];
}

export const EMPTY_GLOSSARY: Glossary = { entries: [] };

export interface GlossaryParse {
  glossary: Glossary;
  /** One line per entry that could not be used; the others still load. */
  problems: string[];
}

/**
 * Parses glossary YAML: a mapping `english term: 中文` or `english term: [中文, 另一个]`.
 * Bad entries are reported and skipped; a file that is not a mapping at all yields an empty glossary.
 */
export function parseGlossary(source: string): GlossaryParse {
  let data: unknown;
  try {
    data = parse(source);
  } catch (error) {
    return { glossary: EMPTY_GLOSSARY, problems: [`not valid YAML: ${(error as Error).message.split("\n")[0]}`] };
  }
  if (data == null) return { glossary: EMPTY_GLOSSARY, problems: [] };
  if (typeof data !== "object" || Array.isArray(data)) {
    return { glossary: EMPTY_GLOSSARY, problems: ["expected a mapping of `english term: [中文, …]`"] };
  }
  const entries: GlossaryEntry[] = [];
  const problems: string[] = [];
  for (const [term, value] of Object.entries(data as Record<string, unknown>)) {
    const list = typeof value === "string" ? [value] : Array.isArray(value) ? value : undefined;
    const equivalents = list?.filter((v): v is string => typeof v === "string" && v.trim() !== "").map((v) => v.trim());
    if (!term.trim() || !equivalents || equivalents.length === 0 || equivalents.length !== list!.length) {
      problems.push(`entry "${term}": expected a string or a list of strings`);
      continue;
    }
    entries.push({ term: term.trim(), equivalents });
  }
  return { glossary: { entries }, problems };
}

export interface GlossaryLoad extends GlossaryParse {
  /** False when the file does not exist (not an error: the glossary is optional). */
  found: boolean;
}

export async function loadGlossary(path: string): Promise<GlossaryLoad> {
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { glossary: EMPTY_GLOSSARY, problems: [], found: false };
    return { glossary: EMPTY_GLOSSARY, problems: [`cannot read: ${(error as Error).message}`], found: true };
  }
  return { ...parseGlossary(source), found: true };
}
