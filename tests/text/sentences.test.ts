import { describe, expect, it } from "vitest";
import { splitClauses, splitSentences } from "../../src/text/sentences.ts";

const sentences = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe("splitSentences", () => {
  it("splits at Chinese and ASCII sentence ends", () => {
    expect(sentences("开源很难。社区呢？我不知道！Really? Yes!")).toEqual(["开源很难。", "社区呢？", "我不知道！", "Really?", "Yes!"]);
  });

  it("keeps closing quotes and brackets with their sentence", () => {
    expect(sentences("他说:“代理容易。”然后走了。「好吗?」")).toEqual(["他说:“代理容易。”", "然后走了。", "「好吗?」"]);
  });

  it("does not end a sentence inside parentheses", () => {
    expect(sentences("我是一个(过度?)自信的人。下一句。")).toEqual(["我是一个(过度?)自信的人。", "下一句。"]);
  });

  it("does not split versions or decimals, but splits English full stops", () => {
    expect(sentences("发布 3.0 版本。It works. Really")).toEqual(["发布 3.0 版本。", "It works.", "Really"]);
  });

  it("treats line breaks and …… as ends, and drops white space between sentences", () => {
    expect(sentences("• 第一项\n• 第二项\n我们度过……  后来")).toEqual(["• 第一项", "• 第二项", "我们度过……", "后来"]);
  });

  it("returns nothing for blank text", () => {
    expect(splitSentences("  \n ")).toEqual([]);
  });
});

describe("splitClauses", () => {
  it("cuts after commas, semicolons, colons and enumeration commas", () => {
    const text = "第一,第二;第三:第四、第五";
    expect(splitClauses(text).map((s) => text.slice(s.start, s.end))).toEqual(["第一,", "第二;", "第三:", "第四、", "第五"]);
  });
});
