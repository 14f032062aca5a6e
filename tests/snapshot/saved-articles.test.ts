import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadCorpus } from "../../src/corpus/load.ts";
import type { Article } from "../../src/corpus/types.ts";
import { openEngine } from "../../src/search/open.ts";
import { ARTICLE_SECTIONS, decodeArticles, encodeArticles } from "../../src/index-cache/saved-articles.ts";
import { encodeStrings, stringReader } from "../../src/index-cache/saved-strings.ts";
import type { SnapshotData } from "../../src/index-cache/open.ts";
import { CORPUS, captureLog, corpusCopy, readEnvelope, snapshotPath, writeEnvelope } from "./helpers.ts";

describe("saved articles", () => {
  let articles: Article[];
  beforeEach(async () => {
    articles = (await loadCorpus(CORPUS)).articles;
  });

  it("read back as the loaded articles: plain values to compare, spread, clone and stringify", () => {
    const saved = encodeArticles(articles);
    const restored = decodeArticles(JSON.parse(JSON.stringify(saved.head)), saved.sections, (a) => a.path);
    expect(restored).toEqual(articles);
    const [one] = decodeArticles(saved.head, saved.sections, (a) => a.path);
    expect(structuredClone(one)).toEqual(articles[0]);
    expect({ ...decodeArticles(saved.head, saved.sections, (a) => a.path)[0] }).toEqual(articles[0]);
    expect(JSON.parse(JSON.stringify(decodeArticles(saved.head, saved.sections, (a) => a.path)[0]))).toEqual(JSON.parse(JSON.stringify(articles[0])));
  });

  it("parse a body once, and take a new one when assigned", () => {
    const saved = encodeArticles(articles);
    const [article] = decodeArticles(saved.head, saved.sections, (a) => a.path);
    expect(article!.sections).toBe(article!.sections);
    article!.sections = [];
    expect(article!.sections).toEqual([]);
  });

  it("refuse bodies that are not theirs", () => {
    const saved = encodeArticles(articles);
    expect(() => decodeArticles(saved.head.slice(1), saved.sections, (a) => a.path)).toThrow(/do not match/);
  });
});

describe("a start from a snapshot", () => {
  let root: string;
  let corpus: string;
  let cleanup: () => void;
  beforeEach(() => ({ root, corpus, cleanup } = corpusCopy(2)));
  afterEach(() => cleanup());

  it("reads no article body (one that would not parse still starts), and reads one when asked", async () => {
    const snapshots = join(root, "data");
    await openEngine(corpus, captureLog().log, { snapshotDir: snapshots });
    const path = snapshotPath(snapshots);
    const envelope = readEnvelope<SnapshotData>(path);
    const at = envelope.sections.length - ARTICLE_SECTIONS;
    const bodies = stringReader(envelope.sections.slice(at));
    const strings = Array.from({ length: bodies.count }, (_, i) => (i === 0 ? "not json" : bodies.at(i)));
    writeEnvelope(path, { ...envelope, sections: [...envelope.sections.slice(0, at), ...encodeStrings(strings)] });

    const restored = await openEngine(corpus, captureLog().log, { snapshotDir: snapshots });
    expect(restored.source).toBe("snapshot");
    expect(restored.engine.search("职业倦怠").hits.length).toBeGreaterThan(0);
    expect(() => restored.engine.articles()[0]!.sections).toThrow(SyntaxError);
    expect(restored.engine.articles()[1]!.sections.length).toBeGreaterThan(0);
  });
});
