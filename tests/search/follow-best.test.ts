/**
 * Candidates after the best hit, in its item, gain a share of its score: the answer follows the paragraph
 * that echoes the question, so it takes the section's second place instead of the paragraph before.
 */
import { describe, expect, it } from "vitest";
import { buildEngine } from "../../src/search/engine.ts";
import { article, notes, scoresInOrder } from "./helpers.ts";

const passages = { minChars: 10, targetChars: 100, maxChars: 200 };
const weekly = article("weekly", [
  {
    heading: "本周话题",
    blocks: [
      "最近有一条新闻，一个学生从北大退学，转去读了技校，引起很多讨论。",
      "从北大退学去读技校的那个学生，十年以后怎么样了？媒体最近报道了他的现状。",
      "他在技校学习数控机床，如鱼得水，后来拿到了全国技能大赛的第一名。",
    ],
  },
]);
const others = notes(["a", "b", "c", "d"], (n) => `第${n}篇笔记说，学生读大学还是读职业学校，各有各的出路。`);

describe("the candidates following the best hit", () => {
  const engine = buildEngine([weekly, ...others], { dictionary: false, passages });

  it("take the section's second place after the best, before the paragraph that precedes it", () => {
    const hits = engine.search("从北大退学去读技校的学生后来怎么样了", { limit: 5 }).hits;
    expect(hits[0]!.passage).toContain("十年以后怎么样了");
    expect(hits[1]!.passage).toContain("数控机床");
    expect(scoresInOrder(hits)).toBe(true);
  });
});
