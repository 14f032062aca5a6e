/** The importer's individual rules, on small inputs where each decision is visible. */
import { describe, expect, it } from "vitest";
import { stripBoilerplate } from "../../src/ingest/boilerplate.ts";
import { parseDateLine, parseHeader } from "../../src/ingest/header.ts";
import { structureBody } from "../../src/ingest/structure.ts";
import { slugify } from "../../src/corpus/slug.ts";

const LONG = "这是一段足够长的正文,用来占据文章的主体部分,让页尾的判断有意义。".repeat(4);

describe("boilerplate", () => {
  it("drops a table of contents near the top as a block but keeps the first real heading", () => {
    const { lines, removed } = stripBoilerplate(["目录", "前言", "一、背景", "二、做法", "前言", LONG, "一、背景", LONG]);
    expect(lines).toEqual(["前言", LONG, "一、背景", LONG]);
    expect(removed.map((r) => r.reason)).toEqual(Array(4).fill("table of contents"));
  });

  it("cuts the trailer from its first marker, but not a marker-like line early in the article", () => {
    const early = stripBoilerplate(["相关文章", LONG, LONG, LONG]);
    expect(early.lines[1]).toBe(LONG);
    const late = stripBoilerplate([LONG, LONG, "", "热门资讯", "某游戏 Steam Deck 新闻", LONG]);
    expect(late.lines).toEqual([LONG, LONG, ""]);
    expect(late.removed).toEqual([{ line: "热门资讯", reason: "page trailer (3 lines from here to the end)" }]);
  });

  it("drops counters, reading time and a caption repeated back to back, and keeps a caption-like line seen once", () => {
    const { lines } = stripBoilerplate([LONG, "71.3k 0", "本文 2580 字 阅读 6 分钟", "发表的推特", "", "发表的推特", "隔行如隔山。", "单独一行", LONG]);
    expect(lines).toEqual([LONG, "隔行如隔山。", "单独一行", LONG]);
  });

  it("drops photo captions and image credits", () => {
    const { lines } = stripBoilerplate([LONG, "陈恺在云原生技术实践峰会 2019 上演讲", "图 1：架构示意", "图片来源：网络", "他在会上演讲了一个小时,讲得很好。", LONG]);
    expect(lines).toEqual([LONG, "他在会上演讲了一个小时,讲得很好。", LONG]);
  });

  it("drops a reference list with the [n] markers that point into it, leaving other brackets alone", () => {
    const { lines } = stripBoilerplate([`见 Borg[1] 与论文[2],以及数组 a[0]。${LONG}`, "【参考链接】", "[1]《Borg》:https://a.example/borg.pdf", "[2]Spec:https://b.example/x", LONG]);
    expect(lines).toEqual([`见 Borg 与论文,以及数组 a[0]。${LONG}`, LONG]);
  });
});

describe("header", () => {
  it.each([
    ["2023年 7月 9日 71.3k 0", "2023-07-09"],
    ["2024-03-02 03:54:15", "2024-03-02"],
    ["2021/9/14", "2021-09-14"],
    ["2023年 2月 30日", undefined],
    ["2023年 7月 9日 我们去了公园", undefined],
  ])("parseDateLine(%j) = %j", (line, date) => {
    expect(parseDateLine(line)).toBe(date);
  });

  it("takes byline, source and teaser lines and stops at the first body line", () => {
    const header = parseHeader(["标题", "", "简介: 一句话。", "作者 | 某人(花名:甲)", "来源 | 某刊(微信号:x)", "", "前言", LONG]);
    expect(header).toMatchObject({ title: "标题", author: "某人", source: "某刊", summary: "一句话。", bodyStart: 6 });
    expect(header.warnings.join("\n")).toMatch(/花名:甲[\s\S]*微信号:x/);
  });

  it("does not take a body sentence for a title", () => {
    const header = parseHeader([LONG.slice(0, 40) + "。", LONG]);
    expect(header.title).toBeUndefined();
    expect(header.todo[0]).toMatch(/^title:/);
    expect(header.bodyStart).toBe(0);
  });

  it("an interviewee from 口述 is a speaker; an editor is only a warning", () => {
    const header = parseHeader(["标题", "口述|黄东旭", "整理|赵新龙", LONG]);
    expect(header.speakers).toEqual(["黄东旭"]);
    expect(header.author).toBeUndefined();
    expect(header.warnings.join("\n")).toMatch(/整理\|赵新龙/);
  });
});

describe("structure", () => {
  it("does not make a heading of a short line that ends a sentence or has nothing after it", () => {
    const { blocks } = structureBody(["隔行如隔山。", LONG, "结尾没有标点"]);
    expect(blocks.map((b) => b.kind)).toEqual(["paragraph", "paragraph", "paragraph"]);
  });

  it("a line longer than a heading stays text", () => {
    const { blocks } = structureBody(["这一行没有句末标点但是已经明显超过了二十五个字符的长度限制了吧", LONG]);
    expect(blocks[0]).toMatchObject({ kind: "paragraph" });
  });

  it("groups bullets separated by blank lines into one list", () => {
    const { blocks } = structureBody(["• 一", "", "• 二", "- 三", LONG]);
    expect(blocks[0]).toEqual({ kind: "list", items: ["一", "二", "三"] });
  });
});

describe("slugify", () => {
  it.each([
    ["5 years of Envoy OSS", "5-years-of-envoy-oss"],
    ["Why C++?", "why-cpp"],
    ["Crème brûlée", "creme-brulee"],
    ["开源之路", ""],
    ["a very long title that certainly goes past the forty character limit", "a-very-long-title-that-certainly-goes"],
  ])("slugify(%j) = %j", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});
