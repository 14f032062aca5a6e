/**
 * Opening the search engine through the snapshot cache: fingerprint the corpus folder (file digests +
 * glossary), and if a snapshot with that key exists, restore the engine from it — no parsing, no
 * indexing. Otherwise (no snapshot, another key, a corrupt or truncated file) build from the files as
 * usual, log why, and save a snapshot for next time. The cache never makes opening fail.
 */
import { basename, join } from "node:path";
import type { Logger } from "pino";
import type { Article, CorpusError } from "../corpus/types.ts";
import { EMPTY_GLOSSARY, loadGlossary, parseGlossary, type Glossary, type GlossaryEntry, type GlossaryParse } from "../text/glossary.ts";
import { buildEngine, type IndexedEngine } from "../search/engine.ts";
import { restoring, type SavedIndexHead } from "../search/snapshot.ts";
import { runSteps } from "../util/steps.ts";
import type { SearchEngine } from "../search/types.ts";
import { lessonsOf, primeLessons } from "../lessons/index.ts";
import type { Lesson } from "../scheduler/types.ts";
import { corpusKey, fingerprintCorpus, GLOSSARY_FILE, sha256, type CorpusFingerprint } from "./corpus-files.ts";
import { pipelineFingerprint } from "./pipeline.ts";
import { readSnapshot, writeSnapshot } from "./snapshot-file.ts";
import { sharesInWorker } from "./article-shares.ts";
import { decodePassages, encodePassages, PASSAGE_SECTIONS, type SavedPassagesHead } from "./saved-passages.ts";
import { ARTICLE_SECTIONS, decodeArticles, encodeArticles, type SavedArticle } from "./saved-articles.ts";
import { decodeVocabulary, encodeVocabulary, VOCABULARY_SECTIONS } from "./saved-vocabulary.ts";
import { decodeStrings, encodeStrings, STRINGS_SECTIONS } from "./saved-strings.ts";

/**
 * What a snapshot holds besides its envelope: the parsed corpus, the engine's index, and what warm-up
 * builds from them (suggestion vocabulary, lessons: seconds of CPU on a large library), so a start from
 * the snapshot is ready without redoing it.
 */
export interface SnapshotData {
  /** The articles without their bodies, which are the last sections (parsed when read: saved-articles.ts). */
  articles: SavedArticle[];
  /** Files that could not be used when the snapshot was made (their bytes are part of the key). */
  errors: CorpusError[];
  glossary: Glossary;
  /**
   * The index's head; its arrays are the snapshot's first binary sections, then come its terms again as
   * strings (split ~10× faster than its UTF-8 blob), the vocabulary's (saved-vocabulary.ts), the
   * passages' and the article bodies' (see `snapshotParts`).
   */
  index: SavedIndexHead;
  /** Abbreviations and names the library defines (mined at build; absent in older snapshots: mined again). */
  aliases?: GlossaryEntry[];
  lessons: Lesson[];
  /** The articles' passages (their arrays are binary sections). */
  passages: SavedPassagesHead;
  /** Title and byline texts' index terms (the title scorer's). */
  titleTokens: [string, string[]][];
}

export interface CacheOptions {
  /** Folder for snapshot files; `false` = no snapshot (always build). */
  snapshotDir: string | false;
}

export interface CachedEngine {
  engine: SearchEngine;
  errors: CorpusError[];
  /** The glossary the engine expands queries with (a reload starts from it). */
  glossary: Glossary;
  /** Where the index came from. */
  source: "snapshot" | "built";
  /** Snapshot key of the corpus (undefined when the cache is off or the folder could not be fingerprinted). */
  key?: string;
}

/** The key: corpus digests, glossary digest and the pipeline's own fingerprint. */
export function snapshotKey(fingerprint: CorpusFingerprint): string {
  const parts = [
    pipelineFingerprint(),
    `glossary:${fingerprint.glossary?.hash ?? "none"}`,
    // Links to the source are part of the saved articles: another CORPUS_BASE_URL is another snapshot.
    ...(fingerprint.baseUrl ? [`base-url:${fingerprint.baseUrl}`] : []),
    ...fingerprint.articles.map((f) => `${f.name}:${f.hash}`),
  ];
  return sha256(parts.join("\n")).slice(0, 32);
}

export async function openCachedEngine(corpusDir: string, log: Logger, options: CacheOptions): Promise<CachedEngine> {
  const started = performance.now();
  const { snapshotDir } = options;
  if (snapshotDir === false) return built(await buildFromFiles(corpusDir));

  let fingerprint: CorpusFingerprint;
  try {
    fingerprint = await fingerprintCorpus(corpusDir);
  } catch (error) {
    // An unreadable folder or file: the ordinary load reports it properly (or fails as it should).
    log.debug({ err: error }, "corpus not fingerprinted; index snapshot skipped");
    return built(await buildFromFiles(corpusDir));
  }
  const key = snapshotKey(fingerprint);

  const read = await readSnapshot<SnapshotData>(snapshotDir, corpusDir, key);
  if (read.ok) {
    try {
      const restored = restore(corpusDir, read.snapshot.data, read.snapshot.sections);
      log.info(
        { path: read.path, articles: restored.engine.articles().length, ms: Math.round(performance.now() - started) },
        "search index loaded from snapshot",
      );
      return { ...restored, source: "snapshot", key };
    } catch (error) {
      log.warn({ path: read.path, reason: `corrupt (${(error as Error).message})` }, "index snapshot unusable, rebuilding");
    }
  } else if (read.kind === "missing") {
    log.info({ path: read.path }, "no index snapshot yet, building");
  } else if (read.kind === "stale") {
    log.info({ path: read.path, reason: read.reason }, "index snapshot out of date, rebuilding");
  } else {
    log.warn({ path: read.path, reason: read.reason }, "index snapshot unusable, rebuilding");
  }

  const fresh = await buildFromFiles(corpusDir, fingerprint);
  await saveSnapshotOf(snapshotDir, corpusDir, fresh, log, fingerprint);
  return { ...built(fresh), key };
}

const built = ({ engine, errors, glossary }: Built): CachedEngine => ({ engine, errors, glossary, source: "built" });

/** An engine and what it was built from. */
export interface Built {
  engine: IndexedEngine;
  errors: CorpusError[];
  articles: readonly Article[];
  glossary: Glossary;
}

/**
 * The ordinary load: every article parsed, the glossary read (from the fingerprinted bytes when there
 * are some, so the snapshot's glossary is the one its key names), the index built.
 */
async function buildFromFiles(corpusDir: string, fingerprint?: CorpusFingerprint): Promise<Built> {
  const glossaryPath = join(corpusDir, GLOSSARY_FILE);
  const glossaryRead: Promise<GlossaryParse> = fingerprint
    ? Promise.resolve(fingerprint.glossary ? parseGlossary(fingerprint.glossary.text) : { glossary: EMPTY_GLOSSARY, problems: [] })
    : loadGlossary(glossaryPath);
  // The parsers (Markdown, front matter) are loaded only to build: a start from a snapshot needs none.
  const { loadCorpus } = await import("../corpus/load.ts");
  const [corpus, glossary] = await Promise.all([loadCorpus(corpusDir), glossaryRead]);
  const errors: CorpusError[] = [...corpus.errors, ...glossary.problems.map((reason) => ({ path: glossaryPath, reason }))];
  // Each article's vocabulary and lesson shares come from a worker thread meanwhile (article-shares.ts).
  const shares = sharesInWorker(corpus.articles);
  const engine = buildEngine(corpus.articles, { glossary: glossary.glossary, articleWords: shares.words });
  await shares.filled;
  lessonsOf(engine, shares.lessons);
  return { engine, errors, articles: corpus.articles, glossary: glossary.glossary };
}

function restore(corpusDir: string, data: SnapshotData, sections: Uint8Array[]): Pick<CachedEngine, "engine" | "errors" | "glossary"> {
  if (!Array.isArray(data.articles) || !Array.isArray(data.errors) || !Array.isArray(data.glossary?.entries) || !Array.isArray(data.lessons)) {
    throw new Error("articles, errors, glossary or lessons missing");
  }
  if (!data.passages || !Array.isArray(data.titleTokens)) throw new Error("passages or title tokens missing");
  // Paths as of this folder: the snapshot may have been made where the corpus lived elsewhere.
  const here = (path: string, relPath?: string) => join(corpusDir, relPath ?? basename(path));
  const parts = snapshotParts(sections);
  const articles = decodeArticles(data.articles, parts.articles, (article) => here(article.path, article.relPath));
  // An error's path is kept when it is already in this folder (a nested file's basename alone would be wrong).
  const errors = data.errors.map((error) => ({ ...error, path: error.path.startsWith(corpusDir) ? error.path : here(error.path) }));
  const split = decodePassages(data.passages, parts.passages, articles);
  if (split.length !== data.index.docCount) throw new Error("saved passages do not match the index");
  const saved = { head: data.index, sections: parts.index };
  const terms = decodeStrings(parts.terms);
  const indexed = runSteps(restoring(saved, Array.from({ length: terms.count }, (_, i) => terms.at(i))));
  const engine = buildEngine(articles, {
    glossary: data.glossary,
    saved,
    indexed,
    split,
    titleTokens: new Map(data.titleTokens),
    vocabulary: decodeVocabulary(parts.vocabulary),
    ...(Array.isArray(data.aliases) && { aliases: data.aliases }),
  });
  primeLessons(engine, data.lessons);
  return { engine, errors, glossary: data.glossary };
}

/** A snapshot's binary sections by what they hold: the index's, then its terms', the vocabulary's, the passages' and the article bodies'. */
export function snapshotParts<T>(sections: readonly T[]): { index: T[]; terms: T[]; vocabulary: T[]; passages: T[]; articles: T[] } {
  let at = sections.length - STRINGS_SECTIONS - VOCABULARY_SECTIONS - PASSAGE_SECTIONS - ARTICLE_SECTIONS;
  if (at < 0) throw new Error("snapshot sections are incomplete");
  const take = (count: number) => sections.slice(at, (at += count));
  const index = sections.slice(0, at);
  return { index, terms: take(STRINGS_SECTIONS), vocabulary: take(VOCABULARY_SECTIONS), passages: take(PASSAGE_SECTIONS), articles: take(ARTICLE_SECTIONS) };
}

/**
 * Saves a snapshot of an engine built from the corpus folder's current files — unless a file changed
 * since they were loaded (the snapshot would not match its key; a later build saves one). Never throws.
 */
export async function saveSnapshotOf(snapshotDir: string, corpusDir: string, built: Built, log: Logger, fingerprint?: CorpusFingerprint): Promise<void> {
  const started = performance.now();
  try {
    fingerprint ??= await fingerprintCorpus(corpusDir);
    const expected = new Map(fingerprint.articles.map((f) => [f.name, f.hash]));
    const loadedAsFingerprinted = built.articles.every((a) => expected.get(corpusKey(corpusDir, a.path)) === a.hash);
    const failed = new Set(built.errors.map((e) => corpusKey(corpusDir, e.path)).filter((name) => name !== GLOSSARY_FILE));
    const glossaryAsFingerprinted = sameGlossary(built.glossary, fingerprint.glossary ? parseGlossary(fingerprint.glossary.text).glossary : EMPTY_GLOSSARY);
    if (!loadedAsFingerprinted || !glossaryAsFingerprinted || built.articles.length + failed.size !== expected.size) {
      log.info("corpus changed while loading; index snapshot not saved");
      return;
    }
    const index = built.engine.saveIndex(true);
    const passages = encodePassages(built.articles, built.engine.passages());
    const articles = encodeArticles(built.articles);
    const data: SnapshotData = {
      articles: articles.head,
      errors: built.errors,
      glossary: built.glossary,
      index: index.head,
      // Built here if warm-up has not yet (and so is the vocabulary): the next start gets them for free.
      aliases: [...built.engine.aliases()],
      lessons: [...lessonsOf(built.engine)],
      passages: passages.head,
      titleTokens: [...built.engine.titleTokens()],
    };
    const written = await writeSnapshot(snapshotDir, corpusDir, snapshotKey(fingerprint), data, [
      ...index.sections,
      ...encodeStrings(built.engine.indexTerms()),
      ...encodeVocabulary(built.engine.vocabulary()),
      ...passages.sections,
      ...articles.sections,
    ]);
    log.info({ path: written.path, bytes: written.bytes, ms: Math.round(performance.now() - started) }, "index snapshot saved");
  } catch (error) {
    log.warn({ dir: snapshotDir, reason: (error as Error).message }, "index snapshot not saved");
  }
}

function sameGlossary(a: Glossary, b: Glossary): boolean {
  return JSON.stringify(a.entries) === JSON.stringify(b.entries);
}
