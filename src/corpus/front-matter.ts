/**
 * Front matter: YAML between `---` lines (Jekyll, Hugo, Docusaurus, Obsidian…) or TOML between `+++`
 * lines (Hugo), optional. The keys site generators share are read (`title`, `date`, `author`/`authors`,
 * `description`, `tags`, `url`/`permalink`, `lang`, `draft`) besides the bot's own (`speakers`,
 * `source`, `original_url`, `summary`, `todo`, `lessons`). Other keys (`layout`, `weight`,
 * `data_source`…) belong to the site and are ignored. A known key with a value of the wrong kind is
 * an error that says which key and what was expected.
 */
import { isMap, isScalar, parseDocument } from "yaml";
import { parse as parseToml, TomlError } from "smol-toml";
import type { LessonSpec } from "./types.ts";
import { FormatError } from "./errors.ts";
import { httpUrl } from "../reply/url.ts";

export interface SplitFile {
  /** The front matter's text (without its fences); `""` when the file has none. */
  yaml: string;
  /** Which syntax the front matter is in; `none` when the file has none. */
  syntax: "yaml" | "toml" | "none";
  body: string;
}

/** What front matter says about an article; every field optional (the loader fills the gaps). */
export interface FrontMatter {
  title?: string;
  author?: string;
  speakers: string[];
  source?: string;
  /** An absolute http(s) address of the article. */
  url?: string;
  /** A site-relative address (`/blog/x/`, Hugo's `url`, Jekyll's `permalink`): resolved against `CORPUS_BASE_URL`. */
  sitePath?: string;
  originalUrl?: string;
  summary?: string;
  date?: string;
  lang?: string;
  tags: string[];
  todo: string[];
  lessons: { add: LessonSpec[]; exclude: string[] };
  /** `draft: true`: the site does not publish it, and neither does the bot. */
  draft: boolean;
}

const FENCES = { "---": "yaml", "+++": "toml" } as const;

/**
 * Separates front matter from the body. A file that does not start with `---` or `+++` has none; one
 * that opens a fence and never closes it is an error (the whole file would otherwise be read as YAML).
 */
export function splitFrontMatter(text: string): SplitFile {
  const lines = text.split("\n");
  const fence = lines[0]?.trim();
  if (fence !== "---" && fence !== "+++") return { yaml: "", syntax: "none", body: text };
  const syntax = FENCES[fence];
  const end = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === fence || (syntax === "yaml" && line.trimEnd() === "...")));
  if (end < 0) throw new FormatError(`front matter is not closed: add a line '${fence}' after the ${syntax === "yaml" ? "YAML" : "TOML"}`);
  return { yaml: lines.slice(1, end).join("\n"), syntax, body: lines.slice(end + 1).join("\n") };
}

/** Parses and validates front matter (YAML unless `syntax` says TOML). */
export function readFrontMatter(source: string, syntax: SplitFile["syntax"] = "yaml"): FrontMatter {
  const empty: FrontMatter = { speakers: [], tags: [], todo: [], lessons: { add: [], exclude: [] }, draft: false };
  if (syntax === "none" || !source.trim()) return empty;
  const { data, dateSource } = syntax === "toml" ? readToml(source) : readYaml(source);
  if (data === null || data === undefined) return empty;
  if (!isRecord(data)) throw new FormatError(`front matter must be a ${syntax === "toml" ? "TOML table" : "YAML mapping (key: value lines)"}`);
  if (data.speakers !== undefined && data.speaker !== undefined) {
    throw new FormatError("use either 'speaker' or 'speakers', not both");
  }

  const front: FrontMatter = {
    ...empty,
    speakers: data.speaker !== undefined ? [requiredText(data.speaker, "speaker")] : textList(data, "speakers"),
    tags: textList(data, "tags", "tags", true),
    todo: textList(data, "todo"),
    lessons: readLessons(data.lessons),
    draft: readDraft(data.draft),
  };
  const title = optionalText(data, "title");
  if (title) front.title = title;
  const author = optionalText(data, "author") ?? joinedList(data, "authors");
  if (author) front.author = author;
  const sourceName = optionalText(data, "source");
  if (sourceName) front.source = sourceName;
  const summary = optionalText(data, "summary") ?? optionalText(data, "description");
  if (summary) front.summary = summary;
  for (const key of ["url", "permalink"] as const) {
    const address = optionalText(data, key);
    if (!address || front.url || front.sitePath) continue;
    if (httpUrl(address)) front.url = address;
    else if (address.startsWith("/")) front.sitePath = address;
    else throw new FormatError(`'${key}' is not a valid URL: put an http(s) address or a site path starting with '/' there, got ${JSON.stringify(address)}`);
  }
  const originalUrl = optionalText(data, "original_url");
  if (originalUrl) {
    if (!httpUrl(originalUrl)) throw new FormatError(`'original_url' is not a valid URL: put an http(s) address there, got ${JSON.stringify(originalUrl)}`);
    front.originalUrl = originalUrl;
  }
  const date = readDate(data.date, dateSource);
  if (date) front.date = date;
  const lang = optionalText(data, "lang") ?? optionalText(data, "language");
  if (lang) {
    if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(lang)) throw new FormatError(`'lang' must be a language tag such as zh or en, got ${JSON.stringify(lang)}`);
    front.lang = lang;
  }
  return front;
}

function readYaml(yaml: string): { data: unknown; dateSource?: string } {
  // Unquoted `date: 2021-09-14` is read as a YAML timestamp (a Date); its source text is kept so an
  // impossible day (2023-02-30, which Date would roll over) is still rejected.
  const doc = parseDocument(yaml, { customTags: ["timestamp"], prettyErrors: true });
  const problem = doc.errors[0];
  if (problem) throw new FormatError(`invalid YAML in front matter: ${problem.message.split("\n")[0]}`);
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    throw new FormatError(`invalid YAML in front matter: ${error instanceof Error ? error.message : String(error)}`);
  }
  const dateNode = isMap(doc.contents) ? doc.contents.get("date", true) : undefined;
  const dateSource = isScalar(dateNode) && dateNode.range ? yaml.slice(dateNode.range[0], dateNode.range[1]).trim() : undefined;
  return dateSource === undefined ? { data } : { data, dateSource };
}

function readToml(toml: string): { data: unknown; dateSource?: string } {
  try {
    const data = parseToml(toml) as Record<string, unknown>;
    // TOML dates are TomlDate objects whose toISOString() gives the date as written (`2021-09-14`, or
    // `2021-09-14T10:00:00.000Z`).
    const date = data.date;
    if (date instanceof Date) {
      const written = date.toISOString();
      return { data: { ...data, date: written }, dateSource: written };
    }
    return { data };
  } catch (error) {
    const message = error instanceof TomlError ? error.message.split("\n")[0] : String(error);
    throw new FormatError(`invalid TOML in front matter: ${message}`);
  }
}

function readDraft(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  throw new FormatError(`'draft' must be true or false, got ${describe(value)}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a date";
  return typeof value === "object" ? "a mapping" : `${typeof value} ${JSON.stringify(value)}`;
}

function requiredText(value: unknown, field: string, numbers = false): string {
  // A title or author of digits (`title: 2024`) is text to a site generator too.
  if (numbers && typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string" || !value.trim()) throw new FormatError(`'${field}' must be non-empty text, got ${describe(value)}`);
  return value.trim();
}

/** Text, or a number read as text (`title: 2024`); absent or null is undefined. */
function optionalText(data: Record<string, unknown>, field: string): string | undefined {
  const value = data[field];
  if (value === undefined || value === null) return undefined;
  // `author: [A, B]` is common enough (Jekyll themes) to read as "A, B".
  if (field === "author" && Array.isArray(value)) return joinedList(data, field);
  return requiredText(value, field, true);
}

/** A list of names (`authors: [A, B]`, or one name as text) → "A, B". */
function joinedList(data: Record<string, unknown>, field: string): string | undefined {
  const names = textList(data, field, field, true);
  return names.length ? names.join(", ") : undefined;
}

/** A list of text; `single` also accepts one text (`tags: go, rust` → two tags, as Jekyll and Hugo do). */
function textList(data: Record<string, unknown>, field: string, label = field, single = false): string[] {
  const value = data[field];
  if (value === undefined || value === null) return [];
  if (single && typeof value === "string") return value.split(",").map((t) => t.trim()).filter(Boolean);
  if (!Array.isArray(value)) throw new FormatError(`'${label}' must be a list of text (- item lines), got ${describe(value)}`);
  return value.map((item, i) => requiredText(item, `${label}[${i}]`, single));
}

/**
 * `YYYY-MM-DD`, optionally followed by a time (`2021-09-14T10:00:00Z`, `2021-09-14 10:00:00 +0800`), as
 * text or as a YAML/TOML timestamp; the day as written is kept and checked to be a real calendar day.
 */
function readDate(value: unknown, source: string | undefined): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  let text: string;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new FormatError("'date' is not a valid date");
    text = value.toISOString().slice(0, 10);
    // Date rolls 2023-02-30 over to 2023-03-02; the day as written must survive the round trip.
    const written = source ? /^['"]?(\d{4})-(\d{1,2})-(\d{1,2})/.exec(source) : null;
    if (written) text = `${written[1]}-${written[2]!.padStart(2, "0")}-${written[3]!.padStart(2, "0")}`;
  } else if (typeof value === "string") {
    text = value.trim().replace(/^(\d{4}-\d{2}-\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)$/i, "$1");
  } else {
    throw new FormatError(`'date' must be YYYY-MM-DD, got ${describe(value)}`);
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!day || day.toISOString().slice(0, 10) !== text) throw new FormatError(`'date' must be a real date written YYYY-MM-DD, got ${JSON.stringify(text)}`);
  return text;
}

function readLessons(value: unknown): FrontMatter["lessons"] {
  if (value === undefined || value === null) return { add: [], exclude: [] };
  if (!isRecord(value)) throw new FormatError(`'lessons' must be a mapping with 'add' and/or 'exclude', got ${describe(value)}`);
  const extra = Object.keys(value).filter((k) => k !== "add" && k !== "exclude");
  if (extra.length) throw new FormatError(`unknown field 'lessons.${extra[0]}' (allowed: add, exclude)`);
  const add = value.add ?? [];
  if (!Array.isArray(add)) throw new FormatError(`'lessons.add' must be a list, got ${describe(add)}`);
  return {
    add: add.map((entry, i): LessonSpec => {
      const where = `lessons.add[${i}]`;
      if (!isRecord(entry)) throw new FormatError(`'${where}' must be a mapping with title and text, got ${describe(entry)}`);
      const spec: LessonSpec = { title: requiredText(entry.title, `${where}.title`), text: requiredText(entry.text, `${where}.text`) };
      if (entry.section !== undefined) spec.section = requiredText(entry.section, `${where}.section`);
      return spec;
    }),
    exclude: textList(value, "exclude", "lessons.exclude"),
  };
}
