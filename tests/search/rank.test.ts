import { describe, expect, it } from "vitest";
import { closenessOf, coverageOf, diversify, linksOf, proximityOf, weighUnits, type TermStats, type WeightedUnit } from "../../src/search/rank.ts";
import { boundedDistance, TermExpander } from "../../src/search/expand.ts";

const unit = (label: string, weight = 1, alternatives: string[][] = [[label]], topical = false): WeightedUnit => ({ unit: { label, alternatives }, weight, topical });

describe("diversify", () => {
  it("allows at most two passages of one section in the first five, keeping order otherwise", () => {
    const ranked = ["a1", "a2", "a3", "a4", "b1", "a5", "c1", "d1", "b2"];
    const out = diversify(ranked, (id) => id[0]!, 5, 2);
    expect(out.slice(0, 5)).toEqual(["a1", "a2", "b1", "c1", "d1"]);
    expect(out).toEqual(["a1", "a2", "b1", "c1", "d1", "a3", "a4", "a5", "b2"]);
  });

  it("lets a section's passage over the quota keep its place when it far outscores the other section's", () => {
    const scores: Record<string, number> = { a1: 10, a2: 9, a3: 8, b1: 5, c1: 4, a4: 3.5, d1: 3, e1: 2.9 };
    const crowding = { scoreOf: (id: string) => scores[id]!, ratio: 1.5 };
    const out = diversify(Object.keys(scores), (id) => id[0]!, 6, 2, crowding);
    // a3 (8) ≥ 1.5 × b1 (5): it keeps its place; a4 (3.5) < 1.5 × d1 (3): it is pushed out.
    expect(out).toEqual(["a1", "a2", "a3", "b1", "c1", "d1", "a4", "e1"]);
    expect(diversify(Object.keys(scores), (id) => id[0]!, 6, 2).slice(0, 6)).toEqual(["a1", "a2", "b1", "c1", "d1", "e1"]);
  });

  it("keeps everything when there is nothing else to show", () => {
    expect(diversify(["a1", "a2", "a3"], (id) => id[0]!)).toEqual(["a1", "a2", "a3"]);
  });
});

describe("coverageOf", () => {
  it("weighs the units found by their idf", () => {
    const units = [unit("职业", 1), unit("倦怠", 3)];
    expect(coverageOf(units, new Set(["倦怠"]))).toMatchObject({ coverage: 0.75, mass: 3 });
    expect(coverageOf(units, new Set(["职业", "倦怠"])).coverage).toBe(1);
    expect(coverageOf(units, new Set()).coverage).toBe(0);
  });

  it("is on topic with a topical unit, or with two word units, but not with one generic word", () => {
    expect(coverageOf([unit("有人")], new Set(["有人"])).onTopic).toBe(false);
    expect(coverageOf([unit("kusionstack", 1, [["kusionstack"]], true)], new Set(["kusionstack"])).onTopic).toBe(true);
    expect(coverageOf([unit("职业"), unit("倦怠")], new Set(["职业", "倦怠"])).onTopic).toBe(true);
    const single: WeightedUnit = { unit: { label: "修", alternatives: [["修"]], single: true }, weight: 1, topical: false };
    expect(coverageOf([unit("bug"), single], new Set(["bug", "修"])).onTopic).toBe(false);
  });

  it("measures an English passage only against the units English text could hold", () => {
    // 股票 has a translation, 行权 and the bigram 按哪 have none: English text can never contain them.
    const units = [unit("股票", 2, [["股票"], ["stock"]]), unit("行权", 2), unit("按哪", 1)];
    expect(coverageOf(units, new Set(["stock"])).coverage).toBe(0.4);
    expect(coverageOf(units, new Set(["stock"]), true).coverage).toBe(1);
    // A Chinese passage is still held to the whole query.
    expect(coverageOf(units, new Set(["股票"])).coverage).toBe(0.4);
    expect(coverageOf([unit("行权")], new Set(), true)).toMatchObject({ coverage: 0, mass: 0 });
  });

  it("counts a glossary unit when any alternative is complete", () => {
    const units = [unit("burnout", 2, [["burnout"], ["职业", "业倦", "倦怠"], ["倦怠"]])];
    expect(coverageOf(units, new Set(["倦怠"])).coverage).toBe(1);
    expect(coverageOf(units, new Set(["职业"])).coverage).toBe(0);
  });
});

describe("weighUnits", () => {
  const df = new Map([["治理", 10], ["开源", 100], ["etcd", 3], ["kube-ovn", 1], ["ci", 4], ["2017", 5]]);
  const stats: TermStats = {
    df: (t) => df.get(t) ?? 0,
    idf: (t) => Math.log(1 + (200 - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5)),
    charIdf: () => 4,
    inHeadings: (t) => t === "治理",
  };

  it("uses the typed form, or the form the corpus uses when it never uses the typed one", () => {
    const [governance] = weighUnits([{ label: "governance", alternatives: [["governance"], ["治理"]] }], stats);
    expect(governance!.weight).toBeCloseTo(stats.idf("治理"));
    const [common] = weighUnits([{ label: "开源", alternatives: [["开源"]] }], stats);
    expect(common!.weight).toBeLessThan(governance!.weight);
  });

  it("marks glossary units and words of headings as topical", () => {
    const [heading, plain, glossary] = weighUnits(
      [
        { label: "治理", alternatives: [["治理"]] },
        { label: "开源", alternatives: [["开源"]] },
        { label: "burnout", alternatives: [["burnout"], ["倦怠"]], glossary: true },
      ],
      stats,
    );
    expect([heading!.topical, plain!.topical, glossary!.topical]).toEqual([true, false, true]);
  });

  it("marks Latin names the corpus uses as topical, but not short or unknown words", () => {
    const units = ["etcd", "kube-ovn", "ci", "2017", "bread"].map((label) => ({ label, alternatives: [[label]] }));
    expect(weighUnits(units, stats).map((u) => [u.unit.label, u.topical])).toEqual([
      ["etcd", true],
      ["kube-ovn", true],
      ["ci", false],
      ["2017", false],
      ["bread", false],
    ]);
  });

  it("halves soft bigrams and single characters", () => {
    const [soft, single] = weighUnits(
      [
        { label: "虑开", alternatives: [["虑开"]], soft: true },
        { label: "捐", alternatives: [["捐"]], single: true },
      ],
      stats,
    );
    expect(soft!.weight).toBeCloseTo(stats.idf("虑开") / 2);
    expect(single!.weight).toBe(2);
  });
});

describe("proximityOf", () => {
  it("scores the longest chain of query bigrams found contiguously", () => {
    const run = { kind: "cjk" as const, terms: ["考虑", "虑开", "开源", "源治", "治理"] };
    const all = new Set(run.terms);
    expect(proximityOf(linksOf([run]), all, "我们要提前考虑开源治理的问题")).toBe(1);
    expect(proximityOf(linksOf([run]), all, "开源治理很难,要考虑")).toBe(0.5);
    expect(proximityOf(linksOf([run]), new Set(["考虑", "治理"]), "考虑治理")).toBe(0);
  });

  it("links Latin words written next to each other", () => {
    const run = { kind: "latin" as const, terms: ["service", "mesh"] };
    expect(proximityOf(linksOf([run]), new Set(run.terms), "基于 service mesh 的治理")).toBe(1);
    expect(proximityOf(linksOf([run]), new Set(run.terms), "service 和 mesh")).toBe(0);
    expect(proximityOf(linksOf([run]), new Set(run.terms), "service-mesh")).toBe(1);
  });

  it("links stemmed words as the text spells them (incid + lead, compani + polici)", () => {
    const incident = { kind: "latin" as const, terms: ["incid", "lead"] };
    expect(proximityOf(linksOf([incident]), new Set(incident.terms), "the incident lead rolls back")).toBe(1);
    expect(proximityOf(linksOf([incident]), new Set(incident.terms), "incidents need a lead")).toBe(0);
    const policy = { kind: "latin" as const, terms: ["compani", "polici"] };
    expect(proximityOf(linksOf([policy]), new Set(policy.terms), "read the company policies")).toBe(1);
    // A stem starts a word: "coincident lead" is not "incident lead".
    expect(proximityOf(linksOf([incident]), new Set(incident.terms), "a coincident lead")).toBe(0);
  });
});

describe("closenessOf", () => {
  const units = [unit("灵雀云", 1, [["灵雀", "雀云"]]), unit("开源", 1), unit("项目", 1)];
  const all = new Set(["灵雀", "雀云", "开源", "项目"]);

  it("is 1 when every part sits in a short stretch", () => {
    expect(closenessOf(units, all, "目前灵雀云已经开源了的项目,包括", "")).toBe(1);
  });

  it("falls as the parts spread out", () => {
    const spread = `灵雀云${"很多别的话".repeat(10)}开源${"很多别的话".repeat(10)}项目`;
    expect(closenessOf(units, all, spread, "")).toBeLessThan(0.2);
  });

  it("treats parts in the heading as close to everything, but proves little with one part in the text", () => {
    expect(closenessOf(units, all, "开源了的项目", "灵雀云的生态")).toBe(1);
    expect(closenessOf(units, all, "很多项目", "灵雀云的开源")).toBe(0.5);
    expect(closenessOf(units, new Set(["开源"]), "开源", "")).toBe(0);
  });
});

describe("TermExpander", () => {
  const expander = new TermExpander(["kubernetes", "kubesphere", "kube-ovn", "envoy", "envoycon", "开源", "开放", "云原", "云计"], (t) => (t === "云原" ? 9 : 1));

  it("finds misspelt Latin terms within the edit distance, at a lower weight", () => {
    const variants = expander.expand("kubernets", 0.2, true);
    expect(variants.map((v) => v.term)).toEqual(["kubernetes"]);
    expect(variants[0]!.weight).toBeLessThan(1);
  });

  it("takes a Latin word the index has as meant: no completions, no neighbours", () => {
    expect(expander.expand("envoy", 0.2, true)).toEqual([{ term: "envoy", weight: 1 }]);
  });

  it("completes a half-typed word, shortest and most used first", () => {
    expect(expander.expand("envo", false, true).map((v) => v.term)).toEqual(["envoy", "envoycon"]);
    expect(expander.expand("云", false, true).map((v) => v.term)).toEqual(["云原", "云计"]);
  });

  it("never fuzzes CJK bigrams, and drops terms the index does not have", () => {
    expect(expander.expand("开元", false, false)).toEqual([]);
    expect(expander.expand("开源", false, false)).toEqual([{ term: "开源", weight: 1 }]);
  });

  it("computes a bounded edit distance", () => {
    expect(boundedDistance("kitten", "sitting", 3)).toBe(3);
    expect(boundedDistance("kitten", "sitting", 1)).toBe(2);
    expect(boundedDistance("abc", "abc", 0)).toBe(0);
  });
});
