import { describe, expect, it } from "vitest";
import { expansionOf, hanNameBefore, mineAliases } from "../../src/text/aliases.ts";
import { createAnalyzer } from "../../src/text/analyzer.ts";
import { parseGlossary } from "../../src/text/glossary.ts";

const pairs = (texts: string[]) => mineAliases(texts).map((e) => `${e.term} => ${e.equivalents.join(", ")}`);

describe("aliases mined from the library's own text", () => {
  it("reads an abbreviation after its words and before them, both ways", () => {
    expect(pairs(["Take paid time off (PTO) when you need it."])).toEqual(["PTO => paid time off", "paid time off => PTO"]);
    expect(pairs(["Write RFCs (requests for comments) for big changes."])).toEqual(["RFC => requests for comments", "requests for comments => RFC"]);
  });

  it("lets joining words give a letter or none (leave of absence → LOA, fair market value → FMV)", () => {
    expect(expansionOf("LOA", ["medical", "leave", "of", "absence"], true)).toEqual(["leave", "of", "absence"]);
    expect(expansionOf("RFC", ["request", "for", "comments"], false)).toEqual(["request", "for", "comments"]);
    expect(expansionOf("FMV", ["the", "fair", "market", "value"], true)).toEqual(["fair", "market", "value"]);
  });

  it("ignores parentheses that are not what the words before them stand for", () => {
    expect(pairs(["PTO (including public holidays) is unlimited.", "We use Zoom (see below).", "Call us (US only)."])).toEqual([]);
  });

  it("takes a Chinese name with the original after it, up to the particle before the name", () => {
    expect(pairs(["他提到了康威定律（Conway's law）。"])).toEqual(["Conway's law => 康威定律"]);
    expect(pairs(["成立“罗德奖学金”（Rhodes Scholarship），每年资助"])).toEqual(["Rhodes Scholarship => 罗德奖学金"]);
    expect(hanNameBefore("这是")).toBeUndefined();
    // A parenthesis holding only small words or a year names nothing.
    expect(pairs(["见下图（via）", "季承（1935-2018）"])).toEqual([]);
  });

  it("drops a Chinese word that stands before several different names: a description, not a name", () => {
    expect(pairs(["我的同事（Ryan Lane）说", "他和同事（Chris Burnett）说", "成立“罗德奖学金”（Rhodes Scholarship）"])).toEqual(["Rhodes Scholarship => 罗德奖学金"]);
  });

  it("keeps the most frequent reading of a term", () => {
    const texts = ["paid time off (PTO)", "Paid Time Off (PTO)", "Personal Training Options (PTO)"];
    expect(mineAliases(texts).find((e) => e.term === "PTO")?.equivalents).toEqual(["paid time off"]);
  });
});

describe("the analyzer with mined aliases", () => {
  const aliases = () => mineAliases(["Take paid time off (PTO) when you need it.", "他提到了康威定律（Conway's law）。"]);

  it("searches the long form for the abbreviation and the other way round", () => {
    const analyzer = createAnalyzer(undefined, { aliases });
    const terms = (query: string) => analyzer.analyzeQuery(query).terms.map((t) => t.term);
    expect(terms("how much PTO")).toEqual(expect.arrayContaining(["pto", "paid", "time"]));
    expect(terms("paid time off rules")).toContain("pto");
    expect(terms("Conway's law")).toEqual(expect.arrayContaining(["康威", "定律"]));
    expect(terms("康威定律是什么")).toContain("conway");
    // Without aliases, none of that.
    expect(createAnalyzer().analyzeQuery("how much PTO").terms.map((t) => t.term)).not.toContain("paid");
  });

  it("leaves the hand glossary in charge of a term both define", () => {
    const { glossary } = parseGlossary("PTO: [带薪休假]\n");
    const terms = createAnalyzer(glossary, { aliases }).analyzeQuery("PTO").terms.map((t) => t.term);
    expect(terms).toContain("带薪");
    expect(terms).not.toContain("paid");
  });

  it("mines only when a query needs the aliases", () => {
    let calls = 0;
    const analyzer = createAnalyzer(undefined, { aliases: () => (calls++, aliases()) });
    expect(calls).toBe(0);
    analyzer.analyzeQuery("PTO");
    analyzer.analyzeQuery("PTO again");
    expect(calls).toBe(1);
  });
});
