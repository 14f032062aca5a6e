import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openEngine } from "../../src/search/open.ts";
import { buildEngine } from "../../src/search/engine.ts";
import { loadCorpus } from "../../src/corpus/load.ts";
import { loadGlossary } from "../../src/text/glossary.ts";
import { lessonsOf } from "../../src/lessons/index.ts";
import type { SnapshotEnvelope } from "../../src/index-cache/snapshot-file.ts";
import { snapshotParts } from "../../src/index-cache/open.ts";
import { decodeVocabulary, encodeVocabulary } from "../../src/index-cache/saved-vocabulary.ts";
import { decodeStrings } from "../../src/index-cache/saved-strings.ts";
import type { IndexedEngine } from "../../src/search/engine.ts";
import { captureLog, corpusCopy, observe, readEnvelope, snapshotFiles, snapshotPath, writeEnvelope } from "./helpers.ts";

describe("index snapshot", () => {
  let root: string;
  let corpus: string;
  let snapshots: string;
  let cleanup: () => void;

  beforeEach(() => {
    ({ root, corpus, cleanup } = corpusCopy(2));
    snapshots = join(root, "data");
  });
  afterEach(() => cleanup());

  /** Opens the corpus again: built from the files, with a warning naming the unusable snapshot, and searchable. */
  async function expectRebuiltFrom(file: string): Promise<void> {
    const capture = captureLog();
    const opened = await openEngine(corpus, capture.log, { snapshotDir: snapshots });
    expect(opened.source).toBe("built");
    const [warning] = capture.find("index snapshot unusable, rebuilding");
    expect(warning?.path).toBe(file);
    expect(String(warning?.reason)).toMatch(/corrupt/);
    expect(opened.engine.search("职业倦怠").hits.length).toBeGreaterThan(0);
  }

  it("is saved on the first open, loaded without rebuilding on the next, and answers exactly like a fresh build", async () => {
    const first = captureLog();
    const built = await openEngine(corpus, first.log, { snapshotDir: snapshots });
    expect(built.source).toBe("built");
    expect(first.find("index snapshot saved")).toHaveLength(1);
    expect(snapshotFiles(snapshots)).toHaveLength(1);

    const second = captureLog();
    const restored = await openEngine(corpus, second.log, { snapshotDir: snapshots });
    expect(restored.source).toBe("snapshot");
    expect(second.find("search index loaded from snapshot")).toHaveLength(1);
    expect(second.find("search index built")).toHaveLength(0);
    expect(second.find("index snapshot saved")).toHaveLength(0);

    const [articles, glossary] = await Promise.all([loadCorpus(corpus), loadGlossary(join(corpus, "glossary.yml"))]);
    const fresh = buildEngine(articles.articles, { glossary: glossary.glossary });
    expect(observe(restored.engine)).toEqual(observe(fresh));
    expect(restored.engine.search("职业倦怠").hits.length).toBeGreaterThan(0);
    expect(restored.glossary).toEqual(glossary.glossary);
  });

  it("keeps what warm-up builds (suggestion vocabulary and index, lessons), and a start from it serves them without deriving them again", async () => {
    const built = await openEngine(corpus, captureLog().log, { snapshotDir: snapshots });
    const path = snapshotPath(snapshots);
    const envelope = readEnvelope<{ lessons: { title: string }[]; index: { suggestions?: { docCount: number } } }>(path);
    const parts = snapshotParts(envelope.sections);
    const vocabulary = decodeVocabulary(parts.vocabulary);
    const { lessons } = envelope.data;
    // The suggestions' label index too (one doc per vocabulary entry), so that no lookup fills it.
    expect(envelope.data.index.suggestions?.docCount).toBe(vocabulary.length);
    expect(vocabulary).toEqual((built.engine as IndexedEngine).vocabulary());
    // The index's terms as strings as well (a start takes them instead of splitting the index's blob).
    const terms = decodeStrings(parts.terms);
    expect(Array.from({ length: terms.count }, (_, i) => terms.at(i))).toEqual((built.engine as IndexedEngine).indexTerms());
    expect(lessons.map((l) => l.title)).toEqual(lessonsOf(built.engine).map((l) => l.title));
    expect(lessons.length).toBeGreaterThan(0);
    expect(vocabulary.length).toBeGreaterThan(0);

    // Marked in the file only: a start that derived them again would not know these.
    vocabulary[0] = { ...vocabulary[0]!, label: "快照里的词条", folded: "快照里的词条" };
    lessons[0] = { ...lessons[0]!, title: "快照里的一课" };
    const sections = [...parts.index, ...parts.terms, ...encodeVocabulary(vocabulary), ...parts.passages, ...parts.articles];
    writeEnvelope(path, { ...envelope, sections });
    const restored = await openEngine(corpus, captureLog().log, { snapshotDir: snapshots });
    expect(restored.source).toBe("snapshot");
    expect(restored.engine.suggest("快照里")).toContain("快照里的词条");
    expect(lessonsOf(restored.engine)[0]!.title).toBe("快照里的一课");
  });

  it("is rebuilt when it lacks the warm-up data (a snapshot from before it was kept)", async () => {
    await openEngine(corpus, captureLog().log, { snapshotDir: snapshots });
    const path = snapshotPath(snapshots);
    const envelope = readEnvelope<Record<string, unknown>>(path);
    delete envelope.data.lessons;
    writeEnvelope(path, envelope);
    const capture = captureLog();
    const opened = await openEngine(corpus, capture.log, { snapshotDir: snapshots });
    expect(opened.source).toBe("built");
    expect(capture.find("index snapshot unusable, rebuilding")[0]?.reason).toMatch(/lessons missing/);
  });

  it("rebuilds when an article changes, serves the new text, and replaces the old snapshot", async () => {
    await openEngine(corpus, captureLog().log, { snapshotDir: snapshots });
    const [before] = snapshotFiles(snapshots);
    const name = readdirSync(corpus).find((n) => n.endsWith(".md"))!;
    const path = join(corpus, name);
    writeFileSync(path, `${readFileSync(path, "utf8")}\n\n新加的一段:蓝鲸跳舞是本测试独有的说法。\n`);

    const capture = captureLog();
    const opened = await openEngine(corpus, capture.log, { snapshotDir: snapshots });
    expect(opened.source).toBe("built");
    expect(capture.find("search index loaded from snapshot")).toHaveLength(0);
    expect(capture.find("index snapshot out of date, rebuilding").map((l) => l.path)).toEqual([join(snapshots, before!)]);
    expect(opened.engine.search("蓝鲸跳舞").hits[0]?.passage).toContain("蓝鲸跳舞");
    expect(snapshotFiles(snapshots)).toHaveLength(1);
    expect(snapshotFiles(snapshots)[0]).not.toBe(before);
  });

  it("rebuilds when the snapshot was made by another pipeline version (another key), and replaces it", async () => {
    await openEngine(corpus, captureLog().log, { snapshotDir: snapshots });
    const [current] = snapshotFiles(snapshots);
    // The same corpus under another key: what an older lessonbot would have left behind.
    const other = current!.replace(/-[0-9a-f]{32}\.snap$/, `-${"0".repeat(32)}.snap`);
    expect(other).not.toBe(current);
    renameSync(join(snapshots, current!), join(snapshots, other));

    const capture = captureLog();
    const opened = await openEngine(corpus, capture.log, { snapshotDir: snapshots });
    expect(opened.source).toBe("built");
    expect(capture.find("index snapshot out of date, rebuilding").map((l) => l.path)).toEqual([join(snapshots, other)]);
    expect(capture.find("index snapshot saved")).toHaveLength(1);
    expect(snapshotFiles(snapshots)).toEqual([current]);
    expect((await openEngine(corpus, captureLog().log, { snapshotDir: snapshots })).source).toBe("snapshot");
  });

  it("rebuilds with a warning when the file for this key holds another key", async () => {
    await openEngine(corpus, captureLog().log, { snapshotDir: snapshots });
    const file = snapshotPath(snapshots);
    const envelope = readEnvelope<unknown>(file);
    envelope.key = "f".repeat(32);
    writeEnvelope(file, envelope);

    const capture = captureLog();
    const opened = await openEngine(corpus, capture.log, { snapshotDir: snapshots });
    expect(opened.source).toBe("built");
    const [warning] = capture.find("index snapshot unusable, rebuilding");
    expect(warning?.path).toBe(file);
    expect(String(warning?.reason)).toMatch(/key mismatch/);
    expect(opened.engine.search("职业倦怠").hits.length).toBeGreaterThan(0);
  });

  it("rebuilds when the glossary changes, so the new expansion applies", async () => {
    await openEngine(corpus, captureLog().log, { snapshotDir: snapshots });
    const glossaryPath = join(corpus, "glossary.yml");
    writeFileSync(glossaryPath, `${readFileSync(glossaryPath, "utf8")}\nzorblatt: 职业倦怠\n`);
    const opened = await openEngine(corpus, captureLog().log, { snapshotDir: snapshots });
    expect(opened.source).toBe("built");
    expect(opened.engine.search("zorblatt").hits[0]?.passage).toContain("倦怠");
  });

  it("rebuilds with a warning when the snapshot is truncated, then saves a good one", async () => {
    await openEngine(corpus, captureLog().log, { snapshotDir: snapshots });
    const file = snapshotPath(snapshots);
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));

    await expectRebuiltFrom(file);

    expect((await openEngine(corpus, captureLog().log, { snapshotDir: snapshots })).source).toBe("snapshot");
  });

  it("rebuilds with a warning when the snapshot is well-formed but its index is not", async () => {
    await openEngine(corpus, captureLog().log, { snapshotDir: snapshots });
    const file = snapshotPath(snapshots);
    const whole = readEnvelope<{ index: unknown }>(file);
    const broken: SnapshotEnvelope<{ index: unknown }>[] = [
      { ...whole, data: { ...whole.data, index: { nonsense: true } } },
      // A posting that names a passage the index does not have.
      { ...whole, sections: whole.sections.map((section, i) => (i === 3 ? new Uint8Array(section.byteLength).fill(255) : section)) },
      { ...whole, sections: whole.sections.slice(0, -1) },
    ];
    for (const envelope of broken) {
      writeEnvelope(file, envelope);
      await expectRebuiltFrom(file);
    }
  });

  it("still opens when the snapshot cannot be written, and writes nothing when turned off", async () => {
    const blocked = join(root, "not-a-dir");
    writeFileSync(blocked, "a file where the snapshot folder should be");
    const capture = captureLog();
    const opened = await openEngine(corpus, capture.log, { snapshotDir: blocked });
    expect(opened.source).toBe("built");
    expect(capture.find("index snapshot not saved")).toHaveLength(1);

    const off = await openEngine(corpus, captureLog().log, { snapshotDir: false });
    expect(off.source).toBe("built");
    expect(readdirSync(root).sort()).toEqual(["corpus", "not-a-dir"]);
  });

  it("reports broken corpus files the same way from a snapshot as from a build", async () => {
    writeFileSync(join(corpus, "broken.md"), "---\ntitle: [unclosed\n---\nmalformed front matter here\n");
    const first = captureLog();
    const built = await openEngine(corpus, first.log, { snapshotDir: snapshots });
    const second = captureLog();
    const restored = await openEngine(corpus, second.log, { snapshotDir: snapshots });
    expect(restored.source).toBe("snapshot");
    expect(restored.errors).toEqual(built.errors);
    expect(restored.errors.map((e) => e.path)).toEqual([join(corpus, "broken.md")]);
    expect(second.find("corpus file skipped").map((l) => l.path)).toEqual([join(corpus, "broken.md")]);
  });
});
