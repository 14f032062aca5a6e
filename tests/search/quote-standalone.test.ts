import { describe, expect, it } from "vitest";
import { buildQuote } from "../../src/search/quote.ts";
import { stem } from "../../src/text/stem.ts";

const weights = (...terms: string[]) => new Map(terms.map((t) => [t, 1]));

describe("quotes that stand alone", () => {
  it("takes the list a colon announces instead of stopping at the colon", () => {
    const passage = [
      "我们的团队在过去一年里做了很多尝试。",
      "团队最后确定了三条值班原则:",
      "• 值班的人先恢复服务,再找原因。",
      "• 每次事故都写复盘。",
      "• 复盘不追究个人责任。",
    ].join("\n");
    const quote = buildQuote(passage, weights("值班", "原则"));
    expect(quote.text).toContain("三条值班原则");
    expect(quote.text).toContain("复盘不追究个人责任");
  });

  it("does not end on a colon when the list it announces does not fit", () => {
    const items = Array.from({ length: 8 }, (_, i) => `• 第${i + 1}项是一条很长的说明${"，说明的内容比较多".repeat(4)}。`);
    const passage = ["值班原则很重要，每个值班的人都要记住。值班原则如下:", ...items].join("\n");
    const quote = buildQuote(passage, weights("值班", "原则"));
    expect(quote.text.trim().endsWith(":")).toBe(false);
    expect(quote.text).toContain("值班原则很重要");
  });

  it("takes in the sentence a quote would otherwise start by referring to", () => {
    const passage =
      "The deploy pipeline had two problems: it was slow and it was flaky. To fix the first point, we cached the build images. " +
      "Lunch is served at noon on Fridays in the big kitchen for everyone.";
    const quote = buildQuote(passage, weights(stem("cached"), stem("build"), stem("images")));
    expect(quote.text.startsWith("The deploy pipeline")).toBe(true);
  });

  it("keeps the answer that follows the sentence naming the topic", () => {
    const passage =
      "Parental leave is a benefit many teammates ask about. You can split it into blocks of one month and take them when you like. " +
      "Our office dog is called Biscuit.";
    const quote = buildQuote(passage, weights(stem("parental"), stem("leave")));
    expect(quote.text).toContain("blocks of one month");
    expect(quote.text).not.toContain("Biscuit");
  });

  it("never shows a list item's bullet at the start of the quote", () => {
    const passage = "• 我很快就完全倦怠了，连续几个月都提不起劲。\n• 后来我学会了按时下班。";
    const quote = buildQuote(passage, weights("倦怠"));
    expect(quote.text.startsWith("•")).toBe(false);
    expect(quote.text).toContain("倦怠");
  });
  it("spends its room on the answer, not on the question the passage asks first", () => {
    // The term is in the question and in the sentence that answers it; the quote ends with the answer's detail.
    const passage =
      "我一直想问，那么有没有“回声定位”呢？它是不是只有蝙蝠才会？" +
      "查了一下，人也能学会回声定位，叫做“舌音定位”。" +
      "如果每秒发出两三次舌音，盲人可以听出两米外的墙。";
    const quote = buildQuote(passage, weights("回声", "定位"));
    expect(quote.text).toContain("两米外的墙");
    expect(quote.text.startsWith("我一直想问")).toBe(false);
  });
});
