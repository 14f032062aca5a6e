import { describe, expect, it } from "vitest";
import { articlePassages, DEFAULT_PASSAGE_OPTIONS, LIST_BULLET, splitAtSentences, type PassageOptions } from "../../src/search/passages.ts";
import { article, sentence } from "./helpers.ts";

const options: PassageOptions = { minChars: 30, targetChars: 100, maxChars: 160 };

describe("passages", () => {
  it("keeps a paragraph within its section, with ids and positions per article", () => {
    const doc = article("envoy", [
      { heading: "", blocks: [sentence("前言", 60)] },
      { heading: "经验教训", blocks: [sentence("第一段", 60), sentence("第二段", 60)] },
      { heading: "质量问题", parents: ["经验教训"], blocks: [sentence("第三段", 60)] },
    ]);
    const passages = articlePassages(doc, options);
    expect(passages.map((p) => p.id)).toEqual(["envoy:0", "envoy:1", "envoy:2", "envoy:3"]);
    expect(passages.map((p) => p.position)).toEqual([0, 1, 2, 3]);
    expect(passages.map((p) => p.sectionPath)).toEqual([[], ["经验教训"], ["经验教训"], ["经验教训", "质量问题"]]);
    expect(passages.every((p) => p.articleId === "envoy")).toBe(true);
  });

  it("merges a very short paragraph with the next one of the same section", () => {
    const doc = article("a", [{ heading: "H", blocks: ["隔行如隔山。", sentence("没有经验", 60), sentence("后来", 60)] }]);
    const passages = articlePassages(doc, options);
    expect(passages).toHaveLength(2);
    expect(passages[0]!.text.startsWith("隔行如隔山。\n没有经验")).toBe(true);
  });

  it("merges a short last paragraph into the previous one, never across sections", () => {
    const doc = article("a", [
      { heading: "H1", blocks: [sentence("长段落", 60), "短句。"] },
      { heading: "H2", blocks: ["另一节。"] },
    ]);
    const passages = articlePassages(doc, options);
    expect(passages.map((p) => p.text)).toEqual([`${sentence("长段落", 60)}\n短句。`, "另一节。"]);
    expect(passages[1]!.sectionPath).toEqual(["H2"]);
  });

  it("starts a passage at each numbered item: an item's heading paragraph never joins the end of the item before", () => {
    const doc = article("weekly", [
      {
        heading: "科技动态",
        blocks: ["1、冷冻胚胎", sentence("一对夫妻冷冻了胚胎", 60), "后来孩子顺利出生。", "2、犀牛角", sentence("南非在犀牛角里植入同位素", 60)],
      },
    ]);
    const texts = articlePassages(doc, options).map((p) => p.text);
    expect(texts).toHaveLength(2);
    expect(texts[0]!.startsWith("1、冷冻胚胎")).toBe(true);
    expect(texts[0]!.endsWith("后来孩子顺利出生。")).toBe(true);
    expect(texts[1]!.startsWith("2、犀牛角\n南非")).toBe(true);
  });

  it("splits a long paragraph only at sentence ends, into balanced pieces", () => {
    const sentences = Array.from({ length: 8 }, (_, i) => sentence(`句子${i}`, 45));
    const text = sentences.join("");
    const pieces = splitAtSentences(text, options);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join("")).toBe(text);
    for (const piece of pieces) {
      expect(piece.endsWith("。")).toBe(true);
      expect(piece.length).toBeLessThanOrEqual(options.maxChars);
      expect(sentences.some((s) => piece.startsWith(s))).toBe(true);
    }
  });

  it("keeps a single over-long sentence whole rather than cutting it", () => {
    const long = `${"很长".repeat(120)}。`;
    expect(splitAtSentences(long, options)).toEqual([long]);
  });

  it("turns a list into one passage with bullets, or groups of whole items when long", () => {
    const short = articlePassages(article("a", [{ heading: "H", blocks: [["招聘贡献者和维护者,这一项写得长一些", "获取客户,同样写得长一些的一项"]] }]), options);
    expect(short).toHaveLength(1);
    expect(short[0]!.text).toBe(`${LIST_BULLET}招聘贡献者和维护者,这一项写得长一些\n${LIST_BULLET}获取客户,同样写得长一些的一项`);

    const items = Array.from({ length: 10 }, (_, i) => `第${i}项 ${"内容".repeat(10)}`);
    const long = articlePassages(article("a", [{ heading: "H", blocks: [items] }]), options);
    expect(long.length).toBeGreaterThan(1);
    const lines = long.flatMap((p) => p.text.split("\n"));
    expect(lines).toEqual(items.map((item) => LIST_BULLET + item));
  });

  it("merges a short lead-in with the list that follows it", () => {
    const passages = articlePassages(article("a", [{ heading: "H", blocks: ["答卷是:", ["主仓库超 5.1K star,这一项写得长一点", "下载量达 1M+"]] }]), options);
    expect(passages).toHaveLength(1);
    expect(passages[0]!.text.startsWith(`答卷是:\n${LIST_BULLET}主仓库`)).toBe(true);
  });

  it("by default keeps a list of about 600 characters whole: a table's rows or a rule's cases are read together", () => {
    const rows = Array.from({ length: 6 }, (_, i) => `Level ${i + 1}: the band is set at ${100 - 10 * i}% of the first level's entry point, reviewed every year.`);
    expect(rows.join("\n").length).toBeGreaterThan(520);
    const passages = articlePassages(article("a", [{ heading: "Bands", blocks: [rows] }]), DEFAULT_PASSAGE_OPTIONS);
    expect(passages).toHaveLength(1);
    expect(passages[0]!.text.split("\n")).toHaveLength(6);
  });
});
