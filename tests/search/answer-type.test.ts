import { describe, expect, it } from "vitest";
import { answerCue } from "../../src/search/answer-type.ts";
import { buildEngine } from "../../src/search/engine.ts";
import { buildQuote } from "../../src/search/quote.ts";
import { stem } from "../../src/text/stem.ts";
import { article } from "./helpers.ts";

describe("answerCue", () => {
  it("reads the kind of answer from the question words, in Chinese and English", () => {
    expect(answerCue("在公司工作多少年才能退休?")?.kind).toBe("duration");
    expect(answerCue("how long does the rotation last")?.kind).toBe("duration");
    expect(answerCue("how many days of leave do i get")?.kind).toBe("duration");
    expect(answerCue("每月补贴多少钱")?.kind).toBe("quantity");
    expect(answerCue("how many teammates review a change")?.kind).toBe("quantity");
    expect(answerCue("为什么街头抢劫变少了")?.kind).toBe("reason");
    expect(answerCue("why keep the ticket")?.kind).toBe("reason");
    expect(answerCue("股票期权按哪一天的价格定")?.kind).toBe("time");
    expect(answerCue("when are awards given")?.kind).toBe("time");
    expect(answerCue("parental leave")).toBeUndefined();
  });

  it("finds the form of each answer in text", () => {
    expect(answerCue("why")!.form.test("we keep it for legal reasons.")).toBe(true);
    expect(answerCue("why")!.form.test("click the button.")).toBe(false);
    expect(answerCue("多少钱")!.form.test("每月补贴三百元")).toBe(true);
    expect(answerCue("when")!.form.test("awarded quarterly at the kick off")).toBe(true);
  });

  it("tells a span of time from a date", () => {
    const span = answerCue("how long")!.form;
    for (const text of ["shifts are 4 weeks", "a 12-week leave", "干满15年", "三个月以后", "1.5 hours"]) expect(span.test(text), text).toBe(true);
    for (const text of ["2020年1月13日", "from 2023-06-05 to 2023-07-05", "see page 4"]) expect(span.test(text), text).toBe(false);
  });
});

describe("ranking for a question that asks for a span of time", () => {
  const engine = buildEngine(
    [
      article("a", [{ heading: "Overview", blocks: ["The review rotation is shared by the whole team: everyone joins the review rotation, and the review rotation has a channel of its own."] }]),
      article("b", [{ heading: "Schedule", blocks: ["Each review rotation lasts 3 weeks, then the next engineer takes over."] }]),
    ],
    { dictionary: false, passages: { minChars: 10, targetChars: 200, maxChars: 300 } },
  );

  it("puts the passage that states a span first when the question asks how long", () => {
    expect(engine.search("review rotation").hits[0]!.articleId).toBe("a");
    expect(engine.search("how long is the review rotation").hits[0]!.articleId).toBe("b");
  });
});

describe("quotes for a question that asks for a kind of answer", () => {
  // Two windows hold the same query terms; only one says why.
  const passage =
    "The current ticket queue is long and each ticket waits a day before anyone reads it. Lunch is served at noon in the kitchen. " +
    "Our office dog is called Biscuit. Select all tickets that are not the current request. We must keep the current request for legal reasons.";
  const weights = new Map(["ticket", "current"].map((t) => [stem(t), 1]));

  it("prefers the window with the reason when the question asks why", () => {
    expect(buildQuote(passage, weights, undefined, answerCue("why keep the current ticket")!.form).text).toContain("for legal reasons");
  });

  it("is only a hint: without the question word the earlier window wins the tie", () => {
    expect(buildQuote(passage, weights).text).not.toContain("for legal reasons");
  });
});
