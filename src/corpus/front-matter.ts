/**
 * YAML front matter: splitting it from the body and validating it into `ArticleMeta`.
 * Every rejection says which field is wrong and what was expected.
 */
import { isMap, isScalar, parseDocument } from "yaml";
import type { ArticleMeta, LessonSpec } from "./types.ts";
import { FormatError } from "./errors.ts";
import { httpUrl } from "../reply/url.ts";

/** Keys a corpus file may use; anything else is rejected so a typo (`tag:`) is not silently lost. */
export const FRONT_MATTER_KEYS = [
  "title",
  "author",
  "speakers",
  "speaker",
  "source",
  "url",
  "original_url",
  "date",
  "lang",
  "tags",
  "summary",
  "todo",
  "lessons",
] as const;

export interface SplitFile {
  yaml: string;
  body: string;
}

/** Separates `---`-fenced front matter from the body. The file must start with the fence. */
export function splitFrontMatter(text: string): SplitFile {
  const lines = text.split("\n");
  if (lines[0]?.trim() !== "---") {
    throw new FormatError("no front matter: the file must start with a line '---', then YAML with at least 'title', then '---'");
  }
  const end = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === "---" || line.trimEnd() === "..."));
  if (end < 0) throw new FormatError("front matter is not closed: add a line '---' after the YAML");
  return { yaml: lines.slice(1, end).join("\n"), body: lines.slice(end + 1).join("\n") };
}

/** Parses and validates the YAML into article metadata (`id` comes from the file name). */
export function readFrontMatter(yaml: string, id: string): ArticleMeta {
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
  if (data === null || data === undefined) throw new FormatError("front matter is empty: 'title' is required");
  if (!isRecord(data)) throw new FormatError("front matter must be a YAML mapping (key: value lines)");

  const unknown = Object.keys(data).filter((key) => !(FRONT_MATTER_KEYS as readonly string[]).includes(key));
  if (unknown.length) {
    throw new FormatError(`unknown front matter field ${unknown.map((k) => `'${k}'`).join(", ")} (allowed: ${FRONT_MATTER_KEYS.join(", ")})`);
  }
  if (data.speakers !== undefined && data.speaker !== undefined) {
    throw new FormatError("use either 'speaker' or 'speakers', not both");
  }

  const title = optionalText(data, "title");
  if (!title) throw new FormatError("missing 'title' in front matter");
  const meta: ArticleMeta = {
    id,
    title,
    speakers: data.speaker !== undefined ? [requiredText(data.speaker, "speaker")] : textList(data, "speakers"),
    lang: optionalText(data, "lang") ?? "zh",
    tags: textList(data, "tags"),
    todo: textList(data, "todo"),
    lessons: readLessons(data.lessons),
  };
  const author = optionalText(data, "author");
  if (author) meta.author = author;
  const source = optionalText(data, "source");
  if (source) meta.source = source;
  const summary = optionalText(data, "summary");
  if (summary) meta.summary = summary;
  const url = optionalUrl(data, "url");
  if (url) meta.url = url;
  const originalUrl = optionalUrl(data, "original_url");
  if (originalUrl) meta.originalUrl = originalUrl;
  const date = readDate(data.date, dateSource);
  if (date) meta.date = date;
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(meta.lang)) {
    throw new FormatError(`'lang' must be a language tag such as zh or en, got ${JSON.stringify(meta.lang)}`);
  }
  return meta;
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

function requiredText(value: unknown, field: string): string {
  if (typeof value !== "string" || !value.trim()) throw new FormatError(`'${field}' must be non-empty text, got ${describe(value)}`);
  return value.trim();
}

function optionalText(data: Record<string, unknown>, field: string): string | undefined {
  const value = data[field];
  return value === undefined || value === null ? undefined : requiredText(value, field);
}

function textList(data: Record<string, unknown>, field: string, label = field): string[] {
  const value = data[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new FormatError(`'${label}' must be a list of text (- item lines), got ${describe(value)}`);
  return value.map((item, i) => requiredText(item, `${label}[${i}]`));
}

function optionalUrl(data: Record<string, unknown>, field: string): string | undefined {
  const text = optionalText(data, field);
  if (text === undefined) return undefined;
  if (!httpUrl(text)) throw new FormatError(`'${field}' is not a valid URL: put an http(s) address there, got ${JSON.stringify(text)}`);
  return text;
}

/** `YYYY-MM-DD` text, or a YAML timestamp (a `Date`), checked to be a real calendar day. */
function readDate(value: unknown, source: string | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  let text: string;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new FormatError("'date' is not a valid date");
    text = value.toISOString().slice(0, 10);
    // Date rolls 2023-02-30 over to 2023-03-02; the day as written must survive the round trip.
    const written = source ? /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(source) : null;
    if (written) text = `${written[1]}-${written[2]!.padStart(2, "0")}-${written[3]!.padStart(2, "0")}`;
  } else if (typeof value === "string") {
    text = value.trim();
  } else {
    throw new FormatError(`'date' must be YYYY-MM-DD, got ${describe(value)}`);
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!day || day.toISOString().slice(0, 10) !== text) throw new FormatError(`'date' must be a real date written YYYY-MM-DD, got ${JSON.stringify(text)}`);
  return text;
}

function readLessons(value: unknown): ArticleMeta["lessons"] {
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
