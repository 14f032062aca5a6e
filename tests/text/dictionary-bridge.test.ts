import { describe, expect, it } from "vitest";
import { createAnalyzer, glossFit, LOOSE_GLOSS } from "../../src/text/analyzer.ts";
import { glossWords, type Dictionary, type Translation } from "../../src/text/cedict.ts";

/** A dictionary of a few entries, keyed as CC-CEDICT's bridge keys them (stems). */
function fakeDictionary(toChinese: Record<string, Translation[]>, toEnglish: Record<string, Translation[]> = {}): Dictionary {
  return { chinese: (stems) => toChinese[stems] ?? [], english: (word) => toEnglish[word] ?? [] };
}

const termsOf = (analyzer: ReturnType<typeof createAnalyzer>, query: string) => analyzer.analyzeQuery(query).terms.map((t) => t.term);

describe("dictionary glosses", () => {
  it("drops the object stand-ins of a gloss (to wake sb up → wake up)", () => {
    expect(glossWords("to wake sb up")).toEqual(["wake", "up"]);
    expect(glossWords("to take sth over")).toEqual(["take", "over"]);
  });

  it("a gloss that is the typed word fits fully; one that only shares its stem or wraps it fits less", () => {
    expect(glossFit("import", "import")).toBe(1);
    expect(glossFit("wake up", "wake")).toBe(1);
    expect(glossFit("goods", "goods")).toBe(1);
    expect(glossFit("week", "weeks")).toBe(1);
    expect(glossFit("important", "import")).toBe(LOOSE_GLOSS);
    expect(glossFit("in the wake of", "wake")).toBe(LOOSE_GLOSS);
  });

  it("prefers the exact gloss over a word that only shares the stem (import → 进口, not 重要)", () => {
    const dictionary = fakeDictionary({
      import: [
        { label: "重要", weight: 1, gloss: "important" },
        { label: "进口", weight: 0.8, gloss: "import" },
      ],
    });
    // Only one translation kept per word here, so the order decides which.
    const analyzer = createAnalyzer(undefined, { dictionary, holds: () => 5 });
    const terms = termsOf(analyzer, "import");
    expect(terms.indexOf("进口")).toBeGreaterThan(-1);
    const weights = new Map(analyzer.analyzeQuery("import").terms.map((t) => [t.term, t.weight]));
    expect(weights.get("进口")!).toBeGreaterThan(weights.get("重要") ?? 0);
  });

  it("translates two typed words the dictionary has as one phrase (time zone → 时区), for either word", () => {
    const dictionary = fakeDictionary({ "time zone": [{ label: "时区", weight: 1, gloss: "time zone" }] });
    const plan = createAnalyzer(undefined, { dictionary, holds: () => 5 }).analyzeQuery("which time zone");
    expect(plan.terms.map((t) => t.term)).toContain("时区");
    const units = plan.units.filter((u) => u.alternatives.some((alt) => alt.join() === "时区"));
    expect(units.map((u) => u.label).sort()).toEqual(["time", "zone"]);
    // Without the phrase in the dictionary, no such translation.
    expect(termsOf(createAnalyzer(undefined, { dictionary: fakeDictionary({}), holds: () => 5 }), "which time zone")).not.toContain("时区");
  });

  it("skips a few stopwords between the two words of a phrase (save so much money → 存钱), not a whole clause", () => {
    const dictionary = fakeDictionary({ "save money": [{ label: "存钱", weight: 1, gloss: "save money" }] });
    const analyzer = createAnalyzer(undefined, { dictionary, holds: () => 5 });
    expect(termsOf(analyzer, "why save so much money")).toContain("存钱");
    expect(termsOf(analyzer, "save it for when there is money")).not.toContain("存钱");
  });

  it("keeps room for rarer translations when common ones rank first (goods → 商品 beside 产品)", () => {
    const dictionary = fakeDictionary({
      good: ["产品", "良好", "不好", "优良", "商品"].map((label, i) => ({ label, weight: 1 - i * 0.01, gloss: "goods" })),
    });
    // 产品, 良好, 不好 and 优良 are in many passages: too common to search; 商品 is rarer.
    const holds = (term: string) => (term === "商品" ? 20 : 5_000);
    const plan = createAnalyzer(undefined, { dictionary, holds, maxHolds: 300 }).analyzeQuery("goods");
    expect(plan.terms.map((t) => t.term)).toContain("商品");
    const unit = plan.units.find((u) => u.label === "goods")!;
    // The common ones stay as what the candidates are checked for, two of them.
    expect(unit.alternatives.map((alt) => alt.join())).toEqual(["good", "商品", "产品", "良好"]);
  });

  it("searches a phrase gloss by its rare words when another word of it is common (apply for reimbursement → reimburs)", () => {
    const dictionary = fakeDictionary({}, {
      报销: [
        { label: "submit expens account", weight: 1 },
        { label: "appli reimburs", weight: 0.67 },
        { label: "write", weight: 0.5 },
        { label: "wipe", weight: 0.4 },
      ],
    });
    const counts: Record<string, number> = { submit: 323, expens: 125, account: 801, appli: 347, reimburs: 66, write: 437, wipe: 10 };
    const plan = createAnalyzer(undefined, { dictionary, holds: (term) => counts[term] ?? 0, maxHolds: 300 }).analyzeQuery("报销");
    const searched = plan.terms.map((t) => t.term);
    // The phrases are searched by the words few passages hold; the common ones are only checked in candidates.
    expect(searched).toEqual(expect.arrayContaining(["reimburs", "expens", "wipe"]));
    for (const common of ["appli", "submit", "account", "write"]) expect(searched).not.toContain(common);
    // A passage counts as a match only with every word of the phrase.
    const unit = plan.units.find((u) => u.label === "报销")!;
    expect(unit.alternatives.map((alt) => alt.join(" "))).toEqual(expect.arrayContaining(["appli reimburs", "submit expens account"]));
  });
});
