import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/text/analyzer.ts";
import type { Dictionary, Translation } from "../../src/text/cedict.ts";

/** Chinese → English only: the English side of each entry as the bridge keys it (stems). */
function chineseToEnglish(toEnglish: Record<string, Translation[]>): Dictionary {
  return { chinese: () => [], english: (word) => toEnglish[word] ?? [] };
}

const termsOf = (analyzer: ReturnType<typeof createAnalyzer>, query: string) => analyzer.analyzeQuery(query).terms.map((t) => t.term);

describe("Chinese words translated in a query", () => {
  it("a dictionary match does not take the head of the next word the dictionary knows (交给|公司: not 给公)", () => {
    const dictionary = chineseToEnglish({ 给公: [{ label: "grant", weight: 1 }], 公司: [{ label: "firm", weight: 1 }] });
    const terms = termsOf(createAnalyzer(undefined, { dictionary, holds: () => 5 }), "交给公司");
    expect(terms).toContain("firm");
    expect(terms).not.toContain("grant");
  });

  it("keeps a word the segmenter splits but the dictionary has whole (笔记本|电脑 → laptop)", () => {
    const dictionary = chineseToEnglish({ 笔记本电脑: [{ label: "laptop", weight: 1 }], 电脑: [{ label: "comput", weight: 1 }] });
    const terms = termsOf(createAnalyzer(undefined, { dictionary, holds: () => 5 }), "笔记本电脑");
    expect(terms).toContain("laptop");
  });

  it("a name the library defines for a common word keeps the word's translations, after the name", () => {
    const dictionary = chineseToEnglish({ 公司: [{ label: "firm", weight: 1 }] });
    const aliases = () => [{ term: "ZQV", equivalents: ["公司"] }];
    const plan = createAnalyzer(undefined, { dictionary, holds: () => 5, aliases }).analyzeQuery("公司年会");
    const unit = plan.units.find((u) => u.label === "公司")!;
    const alternatives = unit.alternatives.map((alt) => alt.join(" "));
    expect(alternatives).toContain("zqv");
    expect(alternatives).toContain("firm");
    // The translation counts as one (weaker evidence), the name as the library's own word.
    expect(unit.translatedFrom).toBe(alternatives.indexOf("firm"));
    expect(alternatives.indexOf("firm")).toBeGreaterThan(alternatives.indexOf("zqv"));
  });
});
