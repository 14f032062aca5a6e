import { describe, expect, it } from "vitest";
import { buildQuote, markTerms, MAX_QUOTE_CHARS } from "../../src/search/quote.ts";
import { splitSentences } from "../../src/text/sentences.ts";

const PASSAGE =
  "开源治理是非常困难的。就其本质而言,开放源代码是无政府的,没有明确的领导结构。" +
  "没有一个适合所有项目的治理方法,每个项目都必须找到自己的前进方向。" +
  "所有的治理模式都有优点和缺点。今天天气不错,我们去吃饭吧。那家店很好吃。";

const weights = (...terms: string[]) => new Map(terms.map((t) => [t, 1]));
const joined = (segments: { text: string }[]) => segments.map((s) => s.text).join("");

/** The quote is made of consecutive whole sentences of the passage. */
function wholeSentences(passage: string, quote: string): boolean {
  const sentences = splitSentences(passage).map((s) => passage.slice(s.start, s.end));
  for (let i = 0; i < sentences.length; i++) {
    for (let n = 1; n <= 3 && i + n <= sentences.length; n++) {
      const from = passage.indexOf(sentences[i]!);
      const last = sentences[i + n - 1]!;
      if (passage.slice(from, passage.indexOf(last, from) + last.length) === quote) return true;
    }
  }
  return false;
}

describe("buildQuote", () => {
  it("picks the whole sentences that cover the query, and marks its terms", () => {
    const quote = buildQuote(PASSAGE, weights("吃饭", "好吃"));
    expect(quote.text).toBe("今天天气不错,我们去吃饭吧。那家店很好吃。");
    expect(wholeSentences(PASSAGE, quote.text)).toBe(true);
    expect(joined(quote.segments)).toBe(quote.text);
    expect(quote.segments.filter((s) => s.mark).map((s) => s.text)).toEqual(["吃饭", "好吃"]);
  });

  it("prefers covering more of the query over the first sentence", () => {
    const quote = buildQuote(PASSAGE, weights("治理", "方法"));
    expect(quote.text).toContain("没有一个适合所有项目的治理方法");
    expect(wholeSentences(PASSAGE, quote.text)).toBe(true);
  });

  it("stays within 280 characters and 3 sentences", () => {
    const long = Array.from({ length: 12 }, (_, i) => `第${i}句讲的是开源社区与治理${"的故事".repeat(12)}。`).join("");
    const quote = buildQuote(long, weights("开源", "治理"));
    expect(quote.text.length).toBeLessThanOrEqual(MAX_QUOTE_CHARS);
    expect(splitSentences(quote.text).length).toBeLessThanOrEqual(3);
    expect(wholeSentences(long, quote.text)).toBe(true);
  });

  it("cuts a single over-long sentence at clause boundaries, with ellipses", () => {
    const clauses = Array.from({ length: 30 }, (_, i) => (i === 20 ? "这里提到了职业倦怠" : `第${i}个分句说了一些别的事情`));
    const sentence = `${clauses.join(",")}。`;
    const quote = buildQuote(sentence, weights("倦怠"));
    expect(quote.text.length).toBeLessThanOrEqual(MAX_QUOTE_CHARS);
    expect(quote.text).toContain("这里提到了职业倦怠");
    expect(quote.text.startsWith("…")).toBe(true);
    const inner = quote.text.replace(/^…/, "").replace(/…$/, "");
    expect(sentence.includes(inner)).toBe(true);
    // It starts at a clause start (after a comma of the sentence).
    expect(sentence[sentence.indexOf(inner) - 1]).toBe(",");
    expect(joined(quote.segments)).toBe(quote.text);
  });

  it("hard-cuts a sentence with no clause boundary, grapheme-safe", () => {
    const sentence = `${"😀".repeat(200)}。`;
    const quote = buildQuote(sentence, weights());
    expect(quote.text.length).toBeLessThanOrEqual(MAX_QUOTE_CHARS);
    expect(quote.text.endsWith("…")).toBe(true);
    expect(quote.text.includes("\uFFFD")).toBe(false);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(quote.text)).toBe(false);
  });

  it("without a query, gives the opening sentences", () => {
    const quote = buildQuote(PASSAGE, new Map());
    expect(PASSAGE.startsWith(quote.text)).toBe(true);
    expect(quote.segments.every((s) => !s.mark)).toBe(true);
  });

  it("handles an empty passage", () => {
    expect(buildQuote("", weights("a"))).toEqual({ text: "", segments: [] });
  });
});

describe("markTerms", () => {
  it("marks Traditional and full-width text through folding, in the original characters", () => {
    const segments = markTerms("我們討論開源治理與ＡＰＩ設計", ["开源", "治理", "api"]);
    expect(segments).toEqual([{ text: "我們討論" }, { text: "開源治理", mark: true }, { text: "與" }, { text: "ＡＰＩ", mark: true }, { text: "設計" }]);
  });

  it("marks Latin terms only as whole words", () => {
    const segments = markTerms("rapid API design", ["api"]);
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(["API"]);
  });
});

describe("buildQuote when the query is not in the text", () => {
  it("gives the opening sentences (the passage matched by its heading)", () => {
    const quote = buildQuote(PASSAGE, new Map([["可扩展性", 1]]));
    expect(quote.text.startsWith("开源治理是非常困难的。")).toBe(true);
  });
});
