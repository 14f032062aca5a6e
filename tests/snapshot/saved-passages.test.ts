import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadCorpus } from "../../src/corpus/load.ts";
import type { Article } from "../../src/corpus/types.ts";
import { buildPassages } from "../../src/search/passages.ts";
import { buildEngine } from "../../src/search/engine.ts";
import { openEngine } from "../../src/search/open.ts";
import { decodePassages, encodePassages, PASSAGE_SECTIONS } from "../../src/index-cache/saved-passages.ts";
import { ARTICLE_SECTIONS } from "../../src/index-cache/saved-articles.ts";
import { decodeStrings, encodeStrings } from "../../src/index-cache/saved-strings.ts";
import { decodeSnapshot, encodeSnapshot } from "../../src/index-cache/snapshot-file.ts";
import type { SnapshotData } from "../../src/index-cache/open.ts";
import { titleText } from "../../src/search/titles.ts";
import type { IndexedEngine } from "../../src/search/engine.ts";
import { CORPUS, captureLog, corpusCopy, readEnvelope, snapshotPath, writeEnvelope } from "./helpers.ts";

/** Sections as a snapshot file hands them back: views at 8-byte aligned offsets of one buffer. */
function throughFile(sections: Uint8Array[]): Uint8Array[] {
  const bytes = Buffer.concat(encodeSnapshot({ format: "lessonbot-index-snapshot", key: "k", corpusDir: "/", createdAt: "", data: {}, sections }));
  return decodeSnapshot(bytes).sections;
}

describe("saved strings", () => {
  it("come back exactly, lone surrogates and empty strings included", () => {
    const strings = ["开源社区", "", "a\uD800b", "\uDC00", "emoji 🎉 and\nnew lines", ""];
    const decoded = decodeStrings(throughFile(encodeStrings(strings)));
    expect(Array.from({ length: decoded.count }, (_, i) => decoded.at(i))).toEqual(strings);
  });

  it("refuse ends beyond their blob", () => {
    const [blob] = encodeStrings(["abc"]);
    expect(() => decodeStrings([blob!, new Uint8Array(new Uint32Array([9]).buffer)])).toThrow(/out of range/);
  });
});

describe("saved passages", () => {
  let articles: Article[];
  beforeEach(async () => {
    articles = (await loadCorpus(CORPUS)).articles;
  });

  it("are the passages splitting the articles makes (ids, paths, positions, texts)", () => {
    const passages = buildPassages(articles);
    const saved = encodePassages(articles, passages);
    const restored = decodePassages(JSON.parse(JSON.stringify(saved.head)), throughFile(saved.sections), articles);
    expect(restored).toEqual(passages);
  });

  it("refuse articles other than those they were saved for", () => {
    const saved = encodePassages(articles, buildPassages(articles));
    expect(() => decodePassages(saved.head, saved.sections, articles.slice(1))).toThrow();
  });

  it("make an engine that answers exactly like one that split the articles itself", () => {
    const fresh = buildEngine(articles);
    const saved = fresh.saveIndex(true);
    const encoded = encodePassages(articles, fresh.passages());
    const restored = buildEngine(articles, { saved, split: decodePassages(encoded.head, encoded.sections, articles), titleTokens: new Map(fresh.titleTokens()) });
    for (const query of ["职业倦怠", "Envoy 为什么开源", "service mesh", "kubernets"]) expect(restored.search(query, { limit: 10 })).toEqual(fresh.search(query, { limit: 10 }));
    expect(restored.passages()).toEqual(fresh.passages());
  });
});

describe("a start from a snapshot", () => {
  let root: string;
  let corpus: string;
  let cleanup: () => void;
  beforeEach(() => ({ root, corpus, cleanup } = corpusCopy(2)));
  afterEach(() => cleanup());

  it("takes passages and title terms from the snapshot instead of deriving them again", async () => {
    const snapshots = join(root, "data");
    const built = await openEngine(corpus, captureLog().log, { snapshotDir: snapshots });
    const path = snapshotPath(snapshots);
    const envelope = readEnvelope<SnapshotData>(path);
    // Marked in the file only: a start that split the articles or tokenized the titles again would not know these.
    const first = built.engine.passages()[0]!;
    const marked = envelope.data.titleTokens.map(([text, terms]): [string, string[]] => [text, text === titleText(built.engine.articles()[0]!) ? [...terms, "zqxmark"] : terms]);
    const textAt = envelope.sections.length - ARTICLE_SECTIONS - PASSAGE_SECTIONS;
    const texts = decodeStrings(envelope.sections.slice(textAt, textAt + 2));
    const strings = Array.from({ length: texts.count }, (_, i) => (i === 0 ? first.text.replace(/./u, "快") : texts.at(i)));
    const sections = [...envelope.sections.slice(0, textAt), ...encodeStrings(strings), ...envelope.sections.slice(textAt + 2)];
    writeEnvelope(path, { ...envelope, data: { ...envelope.data, titleTokens: marked }, sections });

    const restored = await openEngine(corpus, captureLog().log, { snapshotDir: snapshots });
    expect(restored.source).toBe("snapshot");
    expect(restored.engine.passages()[0]!.text).toBe(strings[0]);
    expect((restored.engine as IndexedEngine).titleTokens().get(titleText(built.engine.articles()[0]!))).toContain("zqxmark");
  });
});
