import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CorpusFileError, loadCorpus, parseArticle } from "../../src/corpus/load.ts";
import { SkippedFile } from "../../src/corpus/errors.ts";
import { tempDir } from "./helpers.ts";

const { dir, cleanup } = tempDir("corpus-load");
afterAll(cleanup);

const good = (title: string, body = "正文第一段。") => `---\ntitle: ${title}\n---\n\n## 小节\n\n${body}\n`;
const parse = (text: string | Buffer, name = "sample.md") => parseArticle(name, Buffer.isBuffer(text) ? text : Buffer.from(text, "utf8"));
const reasonFor = (text: string | Buffer, name?: string) => {
  try {
    parse(text, name);
  } catch (error) {
    expect(error).toBeInstanceOf(CorpusFileError);
    return (error as CorpusFileError).reason;
  }
  throw new Error("expected a CorpusFileError");
};

describe("parseArticle: front matter", () => {
  it("reads every field, converting a YAML date and defaulting lang", () => {
    const article = parse(
      [
        "---",
        "title: 标题",
        "author: 作者",
        "speakers: [甲, 乙]",
        "source: 来源",
        "url: https://example.com/a",
        "original_url: https://example.com/en",
        "date: 2021-09-14",
        "tags: [开源, 治理]",
        "summary: 简介",
        "todo: [问题一]",
        "lessons:",
        "  add:",
        "    - { title: 靠机制而不是靠人, text: 我们需要的是一套能替代人的工作流。, section: 3.3 靠机制而不是靠人 }",
        "  exclude: [尾声]",
        "---",
        "正文。",
      ].join("\n"),
      "corpus/my-article.md",
    );
    expect(article.meta).toEqual({
      id: "my-article",
      title: "标题",
      author: "作者",
      speakers: ["甲", "乙"],
      source: "来源",
      url: "https://example.com/a",
      originalUrl: "https://example.com/en",
      date: "2021-09-14",
      lang: "zh",
      tags: ["开源", "治理"],
      summary: "简介",
      todo: ["问题一"],
      lessons: {
        add: [{ title: "靠机制而不是靠人", text: "我们需要的是一套能替代人的工作流。", section: "3.3 靠机制而不是靠人" }],
        exclude: ["尾声"],
      },
    });
    expect(article.path).toBe("corpus/my-article.md");
    expect(article.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("accepts a single speaker, a quoted date, CRLF line ends and a BOM", () => {
    const article = parse("\uFEFF---\r\ntitle: T\r\nspeaker: 李响\r\ndate: '2020-01-02'\r\nlang: en\r\n---\r\nBody text.\r\n");
    expect(article.meta.speakers).toEqual(["李响"]);
    expect(article.meta.date).toBe("2020-01-02");
    expect(article.meta.lang).toBe("en");
  });

  it("hashes the exact bytes", () => {
    expect(parse(good("A")).hash).not.toBe(parse(good("A") + "\n").hash);
    expect(parse(good("A")).hash).toBe(parse(good("A")).hash);
  });

  it.each([
    ["unclosed front matter", "---\ntitle: T\n正文。\n", /not closed/],
    ["invalid YAML", "---\ntitle: [unclosed\n---\n正文。\n", /invalid YAML/],
    ["a YAML list instead of a mapping", "---\n- a\n- b\n---\n正文。\n", /mapping/],
    ["an empty title", "---\ntitle: ''\n---\n正文。\n", /title/],
    ["a title that is a list", "---\ntitle: [a, b]\n---\n正文。\n", /'title' must be non-empty text/],
    ["tags as a mapping", "---\ntitle: T\ntags: {a: 1}\n---\n正文。\n", /'tags' must be a list/],
    ["a number in speakers", "---\ntitle: T\nspeakers: [1]\n---\n正文。\n", /speakers\[0\]/],
    ["an impossible date", "---\ntitle: T\ndate: 2023-02-30\n---\n正文。\n", /'date' must be a real date/],
    ["a date in another format", "---\ntitle: T\ndate: 2023年1月4日\n---\n正文。\n", /YYYY-MM-DD/],
    ["a url that is neither an address nor a site path", "---\ntitle: T\nurl: blog x\n---\n正文。\n", /'url' is not a valid URL/],
    ["draft that is not a boolean", "---\ntitle: T\ndraft: maybe\n---\n正文。\n", /'draft' must be true or false/],
    ["lessons.add without text", "---\ntitle: T\nlessons:\n  add:\n    - title: x\n---\n正文。\n", /lessons\.add\[0\]\.text/],
    ["speaker and speakers", "---\ntitle: T\nspeaker: a\nspeakers: [b]\n---\n正文。\n", /either 'speaker' or 'speakers'/],
  ])("rejects %s", (_name, text, reason) => {
    expect(reasonFor(text)).toMatch(reason);
  });

  it("rejects binary bytes and invalid UTF-8", () => {
    expect(reasonFor(Buffer.concat([Buffer.from(good("T")), Buffer.from([0, 1, 2])]))).toMatch(/binary/);
    expect(reasonFor(Buffer.concat([Buffer.from(good("T")), Buffer.from([0xff, 0xfe, 0xc3])]))).toMatch(/not valid UTF-8/);
  });

  it("refuses an empty file, or one with no text to quote, as a notice, not as damage", () => {
    expect(() => parse("---\ntitle: T\n---\n\n## 只有标题\n\n```\ncode only\n```\n")).toThrow(SkippedFile);
    expect(() => parse("---\ntitle: T\n---\n\n## 只有标题\n")).toThrow(/no text to quote/);
    for (const text of ["", "  \n\n"]) {
      expect(() => parse(text)).toThrow(SkippedFile);
      expect(() => parse(text)).toThrow(/empty.*write some text in it, or delete it/);
    }
  });

  it("takes any file name: the id is a slug of it", () => {
    expect(parse(good("T"), "corpus/My Article.md").meta.id).toBe("my-article");
    const long = parse(good("T"), `corpus/${"a".repeat(41)}.md`).meta.id;
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).toMatch(/^doc-[a-z0-9]{6}$|^a+-[a-z0-9]{6}$/);
  });
});

describe("loadCorpus", () => {
  const corpus = join(dir, "mixed");
  mkdirSync(corpus);
  writeFileSync(join(corpus, "b-good.md"), good("第二篇"));
  writeFileSync(join(corpus, "a-good.md"), good("第一篇"));
  writeFileSync(join(corpus, "bad-yaml.md"), "---\ntitle: : :\n  - x\n---\n正文。\n");
  writeFileSync(join(corpus, "empty.md"), "");
  writeFileSync(join(corpus, "binary.md"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  writeFileSync(join(corpus, "wrong-types.md"), "---\ntitle: T\ntags: {a: 1}\n---\n正文。\n");
  writeFileSync(join(corpus, "glossary.yml"), "burnout: [倦怠]\n");
  writeFileSync(join(corpus, "photo.png"), "not an article");
  mkdirSync(join(corpus, "folder.md"));

  it("reports each broken file with its path and reason and still loads the good ones, in name order", async () => {
    const result = await loadCorpus(corpus);
    expect(result.articles.map((a) => a.meta.title)).toEqual(["第一篇", "第二篇"]);
    const reasons = Object.fromEntries(result.errors.map((e) => [e.path, e.reason]));
    expect(Object.keys(reasons).sort()).toEqual(["bad-yaml.md", "binary.md", "empty.md", "wrong-types.md"].map((f) => join(corpus, f)));
    expect(reasons[join(corpus, "bad-yaml.md")]).toMatch(/invalid YAML/);
    expect(reasons[join(corpus, "empty.md")]).toMatch(/empty/);
    expect(result.errors.find((e) => e.path === join(corpus, "empty.md"))?.notice).toBe(true);
    expect(reasons[join(corpus, "binary.md")]).toMatch(/binary/);
    expect(reasons[join(corpus, "wrong-types.md")]).toMatch(/'tags' must be a list/);
  });

  it("reports an unreadable file (a dangling link) without failing the load", async () => {
    const linked = join(dir, "linked");
    mkdirSync(linked);
    writeFileSync(join(linked, "ok.md"), good("好"));
    symlinkSync(join(linked, "gone.md"), join(linked, "dangling.md"));
    const result = await loadCorpus(linked);
    expect(result.articles.map((a) => a.meta.id)).toEqual(["ok"]);
    expect(result.errors).toEqual([{ path: join(linked, "dangling.md"), reason: expect.stringMatching(/cannot be read/) }]);
  });

  it("fails the whole call when the directory cannot be read", async () => {
    await expect(loadCorpus(join(dir, "missing"))).rejects.toThrow(/ENOENT/);
  });
});
