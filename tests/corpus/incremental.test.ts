import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadCorpus, loadCorpusSince, recordOf, type IncrementalLoad } from "../../src/corpus/load.ts";
import { tempDir } from "./helpers.ts";

const { dir, cleanup } = tempDir("corpus-incremental");
afterAll(cleanup);

const article = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n## 小节\n\n${body}\n`;
const write = (name: string, text: string | Buffer) => writeFileSync(join(dir, name), text);
/** Files last written long ago, so that their stat can be trusted (see RACY_MS in load.ts). */
const age = (name: string) => utimesSync(join(dir, name), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
const byPath = (load: IncrementalLoad) => new Map(load.articles.map((a) => [a.path, a]));

/** The incremental load says what a load from scratch says. */
async function sameAsFresh(load: IncrementalLoad): Promise<void> {
  const fresh = await loadCorpus(dir);
  expect(load.articles).toEqual(fresh.articles);
  expect(load.errors).toEqual(fresh.errors);
}

describe("loadCorpusSince", () => {
  mkdirSync(join(dir, "team"), { recursive: true });
  write("a.md", article("甲", "第一篇的正文。"));
  write("team/b.md", article("乙", "第二篇的正文。"));
  write("broken.md", Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]));
  write("empty.md", "");
  for (const name of ["a.md", "team/b.md", "broken.md", "empty.md"]) age(name);

  let last: IncrementalLoad;

  it("parses every file the first time, as loadCorpus does", async () => {
    last = await loadCorpusSince(dir, new Map());
    expect(last.parsed.sort()).toEqual(["a.md", "broken.md", "empty.md", "team/b.md"].map((name) => join(dir, name)).sort());
    expect(last.errors.map((e) => [e.path, e.notice ?? false])).toEqual([
      [join(dir, "broken.md"), false],
      [join(dir, "empty.md"), true],
    ]);
    await sameAsFresh(last);
  });

  it("parses nothing when nothing changed, and returns the same objects", async () => {
    const again = await loadCorpusSince(dir, last.record);
    expect(again.parsed).toEqual([]);
    for (const [path, before] of byPath(last)) expect(byPath(again).get(path)).toBe(before);
    expect(again.errors).toEqual(last.errors);
    last = again;
  });

  it("re-parses a changed file only, even when its size and mtime look the same", async () => {
    const b = byPath(last).get(join(dir, "team/b.md"));
    // Same length, written just now: a stat this close to the last read is not trusted.
    write("a.md", article("甲", "第一篇的新文。"));
    const again = await loadCorpusSince(dir, last.record);
    expect(again.parsed).toEqual([join(dir, "a.md")]);
    expect(byPath(again).get(join(dir, "a.md"))!.sections[0]!.blocks[0]).toEqual({ kind: "paragraph", text: "第一篇的新文。" });
    expect(byPath(again).get(join(dir, "team/b.md"))).toBe(b);
    await sameAsFresh(again);
    last = again;
  });

  it("does not re-parse a file rewritten with the same bytes", async () => {
    const a = byPath(last).get(join(dir, "a.md"));
    write("a.md", article("甲", "第一篇的新文。"));
    const again = await loadCorpusSince(dir, last.record);
    expect(again.parsed).toEqual([]);
    expect(byPath(again).get(join(dir, "a.md"))).toBe(a);
    last = again;
  });

  it("parses an added file, drops a removed one, and reports a fixed one", async () => {
    write("c.md", article("丙", "第三篇的正文。"));
    write("broken.md", article("修好", "修好的正文。"));
    rmSync(join(dir, "team/b.md"));
    const again = await loadCorpusSince(dir, last.record);
    expect(again.parsed.sort()).toEqual([join(dir, "broken.md"), join(dir, "c.md")]);
    expect(again.articles.map((a) => a.meta.title)).toEqual(["甲", "修好", "丙"]);
    expect(again.errors.map((e) => e.path)).toEqual([join(dir, "empty.md")]);
    await sameAsFresh(again);
    last = again;
  });

  it("parses again an unchanged file whose id changes (another file now takes its slug)", async () => {
    // C.markdown sorts first (code units), so it takes the slug `c` and c.md gets a digest.
    write("C.markdown", article("丙二", "另一篇。"));
    const again = await loadCorpusSince(dir, last.record);
    expect(again.parsed.sort()).toEqual([join(dir, "C.markdown"), join(dir, "c.md")]);
    expect(byPath(again).get(join(dir, "c.md"))!.meta.id).not.toBe("c");
    await sameAsFresh(again);
    rmSync(join(dir, "C.markdown"));
    last = await loadCorpusSince(dir, again.record);
  });

  it("starts from articles loaded elsewhere: reads each file, parses none that match", async () => {
    const fresh = await loadCorpus(dir);
    const again = await loadCorpusSince(dir, recordOf(fresh.articles));
    // Only the empty file has no article to reuse.
    expect(again.parsed).toEqual([join(dir, "empty.md")]);
    for (const article of fresh.articles) expect(byPath(again).get(article.path)).toBe(article);
    await sameAsFresh(again);
  });
});
