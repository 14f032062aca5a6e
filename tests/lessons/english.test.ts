import { describe, expect, it } from "vitest";
import { buildEngine } from "../../src/search/engine.ts";
import { deriveLessons } from "../../src/lessons/derive.ts";
import { lessonScore } from "../../src/lessons/score.ts";
import { article } from "./articles.ts";

describe("lessons from English articles", () => {
  it("scores English advice above English narration and instructions", () => {
    expect(lessonScore("Never ship a change you cannot roll back.")).toBeGreaterThan(lessonScore("In 2019 we moved the office to a new building."));
    expect(lessonScore("Trust is built by keeping small promises, not by big speeches.")).toBeGreaterThan(
      lessonScore("Click Settings, then select Add a calendar."),
    );
  });

  it("derives lessons from an English article as well as a Chinese one", () => {
    const english = article("handbook", [
      ["Working together", 2, "In 2019 we moved the office to a new building downtown. Click Settings, then select Add a calendar.", "Never ship a change you cannot roll back. Small reversible steps are always safer than one big release."],
    ]);
    const chinese = article("essay", [["经验", 2, "不要忽视职业倦怠,它往往比你想象的来得更早。"]]);
    const lessons = deriveLessons(buildEngine([english, chinese], { dictionary: false }));
    const fromEnglish = lessons.filter((l) => l.quote.articleId === "handbook");
    expect(fromEnglish.length).toBeGreaterThan(0);
    expect(fromEnglish.some((l) => l.quote.quote.includes("Never ship a change"))).toBe(true);
    expect(fromEnglish.some((l) => l.quote.quote.includes("Click Settings"))).toBe(false);
    expect(lessons.some((l) => l.quote.articleId === "essay")).toBe(true);
  });
});
