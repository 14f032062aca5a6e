import { beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCorpus } from "../../src/corpus/load.ts";
import { buildEngine } from "../../src/search/engine.ts";
import { deriveLessons } from "../../src/lessons/derive.ts";
import { lessonsOf } from "../../src/lessons/index.ts";
import type { Lesson } from "../../src/scheduler/types.ts";
import type { SearchEngine } from "../../src/search/types.ts";
import { article } from "./articles.ts";

const CORPUS = fileURLToPath(new URL("../../corpus/", import.meta.url));

describe("lessons of the bundled corpus", () => {
  let engine: SearchEngine;
  let lessons: Lesson[];
  beforeAll(async () => {
    const { articles, errors } = await loadCorpus(CORPUS);
    expect(errors).toEqual([]);
    engine = buildEngine(articles);
    lessons = deriveLessons(engine);
  });

  it("has at least 25 distinct lessons, from all five articles", () => {
    expect(lessons.length).toBeGreaterThanOrEqual(25);
    expect(new Set(lessons.map((l) => l.id)).size).toBe(lessons.length);
    expect(new Set(lessons.map((l) => l.quote.quote)).size).toBe(lessons.length);
    expect(new Set(lessons.map((l) => l.quote.articleId)).size).toBe(5);
  });

  it("turns headings that state a lesson into lessons", () => {
    const titles = lessons.filter((l) => l.origin === "heading").map((l) => l.title);
    for (const title of ["不要跟风,要跟随客户", "靠机制而不是靠人", "不要忽视职业倦怠", "基金会是很棘手的", "提前考虑治理问题", "代理容易,API 难"]) {
      expect(titles).toContain(title);
    }
    // Narrative and closing headings are not lessons.
    for (const title of ["感谢", "前传", "经验教训", "缘起", "尾声", "产品研发"]) expect(titles).not.toContain(title);
  });

  it("quotes whole sentences of the corpus that read on their own", () => {
    const passages = new Map(engine.passages().map((p) => [p.id, p]));
    for (const lesson of lessons) {
      const quote = lesson.quote.quote;
      expect(passages.get(lesson.quote.passageId)?.text, lesson.title).toContain(quote);
      expect(quote, lesson.title).toMatch(/[。！？!?]["”’」』)）]*$/);
      expect(quote, lesson.title).not.toMatch(/^(这|此|该|上述|以上|因此|所以|但|而|此外|同时|例如|话虽如此|相反)/);
      expect(quote, lesson.title).not.toMatch(/(上述|以上|如下|下图)/);
      expect([...quote].length, lesson.title).toBeGreaterThanOrEqual(10);
      expect([...quote].length, lesson.title).toBeLessThanOrEqual(200);
      expect(quote).not.toMatch(/Steam Deck|发布评论|热门资讯|相关文章|阅读原文|Star 一下/);
      expect(lesson.title.length).toBeGreaterThan(0);
      expect([...lesson.title].length).toBeLessThanOrEqual(40);
      expect(lesson.quote.quoteSegments.map((s) => s.text).join("")).toBe(quote);
      expect(lesson.quote.title).toBeTruthy();
    }
  });

  it("explains a heading with its own best sentence, skipping ones that lean on context", () => {
    const byTitle = new Map(lessons.map((l) => [l.title, l.quote.quote]));
    expect(byTitle.get("提前考虑治理问题")).toContain("在项目变得庞大和成功之前,先认真思考治理问题。");
    expect(byTitle.get("不要跟风,要跟随客户")).not.toMatch(/^这也许是/);
  });

  it("keeps ids across restarts (a fresh load and index)", async () => {
    const { articles } = await loadCorpus(CORPUS);
    const again = deriveLessons(buildEngine(articles));
    expect(again.map((l) => l.id)).toEqual(lessons.map((l) => l.id));
    expect(lessons.every((l) => /^[A-Za-z0-9_-]{12}$/.test(l.id))).toBe(true);
  });

  it("derives once per engine", () => {
    expect(lessonsOf(engine)).toBe(lessonsOf(engine));
  });
});

describe("lessons of hand-made articles", () => {
  it("takes the sections after an '经验教训' heading as lessons until a closing heading", () => {
    const engine = buildEngine([
      article("a", [
        ["前传", 2, "2015 年我加入了一家公司,做了很多事情。"],
        ["经验教训", 2, "以下是我学到的东西。"],
        ["质量问题", 2, "这是显而易见的。用户不会聚集在一个不认真对待质量的软件上。"],
        ["感谢", 2, "感谢所有人,没有你们就不可能成功,这一点至关重要。"],
      ]),
    ]);
    const lessons = deriveLessons(engine);
    expect(lessons.filter((l) => l.origin === "heading").map((l) => [l.title, l.quote.quote])).toEqual([
      ["质量问题", "用户不会聚集在一个不认真对待质量的软件上。"],
    ]);
    expect(lessons.map((l) => l.title)).not.toContain("感谢");
  });

  it("takes the subsections of a '…的思考' heading, and statement headings anywhere", () => {
    const engine = buildEngine([
      article("b", [
        ["3. 一些关于组织的思考", 2],
        ["3.1 注重内部知识流动", 3, "内部知识的流动非常重要,它可以避免人员单点。"],
        ["4. 产品", 2],
        ["4.1 产品研发", 3, "我们先堆积功能吸引用户。"],
        ["4.2 架构解耦有难度", 3, "组件之间的依赖关系让拆分变得很难。"],
      ]),
    ]);
    const titles = deriveLessons(engine).filter((l) => l.origin === "heading").map((l) => l.title);
    expect(titles).toEqual(["注重内部知识流动", "架构解耦有难度"]);
  });

  it("adds and excludes lessons from front matter", () => {
    const sections: Parameters<typeof article>[1] = [
      ["不要忽视职业倦怠", 2, "我鼓励大家不断反思自己的工作生活平衡,并为自己找出一条可持续发展的道路。"],
      ["社区是唯一途径", 2, "社区是扩展开源软件的唯一途径。"],
      ["故事", 2, "那年冬天很冷。我们一起写代码,写了很久,才把第一个版本交付出去。"],
    ];
    const plain = deriveLessons(buildEngine([article("c", sections)]));
    expect(plain.map((l) => l.title)).toEqual(["不要忽视职业倦怠", "社区是唯一途径"]);

    const edited = deriveLessons(
      buildEngine([
        article("c", sections, {
          add: [{ title: "一起写代码", text: "我们一起写代码,写了很久,才把第一个版本交付出去。", section: "故事" }],
          exclude: ["社区是唯一途径"],
        }),
      ]),
    );
    expect(edited.map((l) => [l.title, l.origin])).toEqual([
      ["不要忽视职业倦怠", "heading"],
      ["一起写代码", "front-matter"],
    ]);
    const added = edited[1]!;
    expect(added.quote.quote).toBe("我们一起写代码,写了很久,才把第一个版本交付出去。");
    expect(added.quote.section).toBe("故事");
    expect(added.quote.speaker).toBe("讲者");

    // Excluding by id or by a phrase of the quote works too.
    const byId = deriveLessons(buildEngine([article("c", sections, { add: [], exclude: [plain[0]!.id, "扩展开源软件"] })]));
    expect(byId).toEqual([]);
  });
});

describe("lessons set in a corpus file's front matter", () => {
  it("are read from lessons.add / lessons.exclude", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lessonbot-corpus-"));
    try {
      writeFileSync(
        join(dir, "team.md"),
        [
          "---",
          "title: 团队笔记",
          "author: 王五",
          "lang: zh",
          "lessons:",
          "  add:",
          "    - title: 先写文档",
          "      text: 第一天就写好文档,用户才会留下来。",
          "      section: 起步",
          "  exclude:",
          "    - 不要忽视职业倦怠",
          "---",
          "",
          "## 起步",
          "",
          "第一天就写好文档,用户才会留下来。我们花了一个夏天写文档。",
          "",
          "## 不要忽视职业倦怠",
          "",
          "我鼓励大家不断反思自己的工作生活平衡,并为自己找出一条可持续发展的道路。",
          "",
        ].join("\n"),
      );
      const { articles, errors } = await loadCorpus(dir);
      expect(errors).toEqual([]);
      const lessons = deriveLessons(buildEngine(articles));
      expect(lessons.map((l) => [l.title, l.origin, l.quote.section, l.quote.speaker])).toEqual([["先写文档", "front-matter", "起步", "王五"]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
