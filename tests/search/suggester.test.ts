import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/text/analyzer.ts";
import { TermExpander } from "../../src/search/expand.ts";
import { Suggester, type LabelFieldsCache, type VocabularyEntry } from "../../src/search/suggest.ts";
import { analyseField } from "../../src/search/term-index.ts";
import { fold } from "../../src/text/normalize.ts";

const analyzer = createAnalyzer(undefined, { dictionary: undefined });
const labels = ["Kubernetes", "Kubernetes Operator", "职业倦怠", "开源社区治理", "code review", "Prometheus"];
// Enough entries that filling the index takes several slices.
const entries: VocabularyEntry[] = [...labels, ...Array.from({ length: 6000 }, (_, i) => `topic${i} word${i % 97}`)].map((label, i) => ({
  label,
  folded: fold(label),
  kind: "term",
  weight: 1000 - (i % 1000),
  topic: 0,
}));
const expander = () => new TermExpander(new Set(entries.flatMap((e) => analyzer.indexTerms(e.label))));
const lookups = (suggester: Suggester) => ["kubern", "kubernets", "倦", "promethus", "revew"].map((q) => suggester.complete(q));

describe("Suggester, its label index filled a slice at a time", () => {
  it("fills its index by itself after construction", async () => {
    const suggester = new Suggester(entries, analyzer, expander());
    await suggester.filled;
    expect(suggester.complete("kubernets")).toContain("Kubernetes");
  });

  it("answers a lookup made before the index is full as a full index does", async () => {
    const full = new Suggester(entries, analyzer, expander());
    await full.filled;
    const early = new Suggester(entries, analyzer, expander());
    expect(lookups(early)).toEqual(lookups(full));
    await early.filled;
  });
});

describe("Suggester, its label index saved and given back", () => {
  it("answers from a label index another suggester of the same entries built, as that one does", async () => {
    const full = new Suggester(entries, analyzer, expander());
    const saved = full.indexData();
    const given = new Suggester(entries, analyzer, expander(), saved);
    expect(lookups(given)).toEqual(lookups(full));
    expect(lookups(given).flat()).toContain("Kubernetes");
  });

  it("uses the index it is given instead of indexing its entries again", () => {
    const saved = new Suggester(entries, analyzer, expander()).indexData();
    // Same count, other labels: a suggester that used the given index finds these by the old labels' words.
    const renamed = entries.map((entry, i) => ({ ...entry, label: `renamed ${i}`, folded: `renamed ${i}` }));
    const given = new Suggester(renamed, analyzer, expander(), saved);
    expect(given.complete("kubernets")).toContain("renamed 0");
  });

  it("ignores an index that was not built from as many entries, and indexes its own", async () => {
    const saved = new Suggester(entries.slice(0, 10), analyzer, expander()).indexData();
    const given = new Suggester(entries, analyzer, expander(), saved);
    await given.filled;
    expect(given.complete("promethus")).toContain("Prometheus");
    expect(given.indexData().docCount).toBe(entries.length);
  });

  it("takes labels analysed before from the cache it is given, and adds the ones it analyses", () => {
    const labelFields: LabelFieldsCache = new Map([["Prometheus", analyseField(["zzplanted"])]]);
    const withPlanted = new TermExpander(new Set([...entries.flatMap((e) => analyzer.indexTerms(e.label)), "zzplanted"]));
    const suggester = new Suggester(entries, analyzer, withPlanted, undefined, labelFields);
    // Planted: the label is found by the cached term, not by its own words.
    expect(suggester.complete("zzplanted")).toContain("Prometheus");
    expect(labelFields.get("Kubernetes")?.terms).toEqual(analyzer.indexTerms("Kubernetes"));
    expect(labelFields.size).toBe(entries.length);
  });
});

describe("Suggester.popular", () => {
  it("lists what a full sort of the vocabulary lists, ties in vocabulary order, in either language", () => {
    // Many ties and repeats between the lists (a heading that is also a topic), Chinese and English labels.
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 16807) % 2147483647), seed % n);
    // More entries than one slice of the ranking (it yields every 4,096).
    const vocabulary: VocabularyEntry[] = Array.from({ length: 10_000 }, (_, i) => {
      const label = i % 3 === 0 ? `话题${i}` : `topic ${i}`;
      return { label, folded: fold(label), kind: random(2) ? "heading" : "term", weight: random(6), topic: random(4) === 0 ? 1 + random(2) : 0 };
    });
    const suggester = new Suggester(vocabulary, analyzer, expander());
    for (const language of ["zh", "en"] as const) {
      const byTopic = (a: VocabularyEntry, b: VocabularyEntry) => b.topic - a.topic || b.weight - a.weight || a.label.length - b.label.length;
      const inLanguage = (e: VocabularyEntry) => /\p{Script=Han}/u.test(e.label) === (language === "zh");
      const topics = vocabulary.filter((e) => e.topic > 0 && (e.topic > 1 || inLanguage(e))).sort(byTopic);
      const headings = vocabulary.filter((e) => e.kind === "heading").sort(byTopic);
      const expected = [...new Set([...topics, ...headings.filter(inLanguage), ...headings].map((e) => e.label))].slice(0, 25);
      expect(suggester.popular(25, language)).toEqual(expected);
      expect(suggester.popular(8, language)).toEqual(expected.slice(0, 8));
    }
  });
});
