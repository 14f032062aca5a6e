/**
 * The passage after the best hit continues it: the answer often follows the paragraph that names the
 * topic, in words of its own, so it gets the third place (within the section-diversity rule).
 */
import { describe, expect, it } from "vitest";
import { buildEngine } from "../../src/search/engine.ts";
import { article, notes, scoresInOrder } from "./helpers.ts";

const passages = { minChars: 10, targetChars: 100, maxChars: 200 };
const weekly = article("weekly", [
  {
    heading: "科技动态",
    blocks: [
      "1、蝙蝠的回声定位。一位生物学家研究了蝙蝠的回声定位，想知道它在城市里是否还管用。",
      "结果发现，路灯下的飞虫太多，它们几乎不用费力就能吃饱，叫声也变短了。",
      "2、海底电缆。一家公司在海底铺设了新的光纤电缆。",
    ],
  },
]);
const others = notes(["a", "b", "c", "d"], (n) => `第${n}篇笔记也提到了蝙蝠的回声定位，说城市里的噪音越来越大，这种研究越来越难做。`);

describe("the passage continuing the best hit", () => {
  const engine = buildEngine([weekly, ...others], { dictionary: false, passages });

  it("ranks third even with none of the query's words, right after the passage naming the topic", () => {
    const hits = engine.search("蝙蝠的回声定位在城市里还管用吗", { limit: 5 }).hits;
    expect(hits[0]!.passage).toContain("1、蝙蝠的回声定位");
    expect(hits[2]!.passage).toContain("路灯下的飞虫太多");
    // Scores stay in order.
    expect(scoresInOrder(hits)).toBe(true);
  });

  it("stops at the next numbered item: that is another topic", () => {
    const hits = engine.search("路灯下的飞虫太多，它们几乎不用费力", { limit: 5 }).hits;
    expect(hits[0]!.passage).toContain("路灯下的飞虫");
    expect(hits.some((h) => h.passage.includes("海底电缆"))).toBe(false);
  });
});

describe("a why-question whose best match gives no cause", () => {
  const essay = article("essay", [
    {
      heading: "本周话题：储蓄",
      blocks: [
        "美国人不爱储蓄，钱到手就花了，储蓄率一直很低，很多人都知道美国人不存钱。",
        "可是那一年，美国人的储蓄率突然暴增。原因很简单，政府发放了大量补助金，商店又关门，钱花不出去。",
        "3、另一件事。一家公司发布了新的手机。",
      ],
    },
  ]);
  const savers = notes(["p", "q", "r"], (n) => `第${n}篇笔记说，美国人储蓄率的统计口径各不相同，很难比较。`);
  const engine = buildEngine([essay, ...savers], { dictionary: false, passages });

  it("puts the passage right after it first when that one states the cause", () => {
    const hits = engine.search("为什么美国人突然开始存钱", { limit: 5 }).hits;
    expect(hits[0]!.passage).toContain("原因很简单");
    expect(hits[1]!.passage).toContain("美国人不爱储蓄");
    expect(scoresInOrder(hits)).toBe(true);
  });

  it("leaves the order alone for a question that asks for no cause", () => {
    const hits = engine.search("美国人突然开始存钱", { limit: 5 }).hits;
    expect(hits[0]!.passage).toContain("美国人不爱储蓄");
  });
});
