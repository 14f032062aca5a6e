import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/text/analyzer.ts";
import { latinTerms } from "../../src/text/tokenize.ts";
import { containsTerm, termsContained, termSpans } from "../../src/text/match.ts";
import { stem } from "../../src/text/stem.ts";

const analyzer = createAnalyzer();
const terms = (query: string) => analyzer.analyzeQuery(query).terms.map((t) => t.term);

describe("English text pipeline", () => {
  it("stems plain words with Snowball so inflections meet", () => {
    expect(stem("policies")).toBe(stem("policy"));
    expect(stem("reviewing")).toBe(stem("reviews"));
    expect(analyzer.indexTerms("Vacation policies")).toEqual(analyzer.indexTerms("vacation policy"));
  });

  it("leaves names with digits or joiners as written", () => {
    expect(latinTerms("v1.31")).toEqual(["v1.31"]);
    expect(latinTerms("kube-ovn")).toEqual(["kube-ovn", "kube", "ovn"]);
  });

  it("drops question words, auxiliaries and contractions of stopwords", () => {
    expect(terms("How much of my stock options vests after the first year?")).toEqual(
      expect.arrayContaining([stem("stock"), stem("options"), stem("vests"), stem("first"), stem("year")]),
    );
    expect(terms("What should I do? Don't we have any?")).toEqual([]);
    expect(terms("can’t isn’t won't")).toEqual([]);
  });

  it("keeps the word of a possessive or contraction with a curly apostrophe", () => {
    expect(latinTerms("littlewood’s")).toEqual(["littlewood"]);
    expect(latinTerms("teammate's")).toEqual([stem("teammate")]);
  });

  it("finds a stem in text as whole words of any inflection, with their real extent", () => {
    const text = "our policies and the policy";
    expect(termSpans(text, stem("policy")).map((s) => text.slice(s.start, s.end))).toEqual(["policies", "policy"]);
    expect(containsTerm("rapid growth", "api")).toBe(false);
    expect(containsTerm("an api call", "api")).toBe(true);
  });

  it("finds a stem in a text it has not mapped yet as in one it has (early skies, dying policies)", () => {
    const words = ["early", "skies", "dying", "policies", "apis", "rapid", "only", "generously"];
    const probes = [...words.map(stem), ...words, "api", "sky", "die", "polici", "gener", "earl", "ear"];
    // A new string each time: texts are mapped (cached) once asked for spans.
    let n = 0;
    const fresh = () => `Early skies, dying policies: the APIs of rapid only-generously ${n++}`.toLowerCase();
    const text = fresh();
    const unmapped = probes.map((term) => containsTerm(text, term));
    const mapped = probes.map((term) => termSpans(text, term).length > 0);
    expect(unmapped).toEqual(mapped);
    expect(probes.map((term) => containsTerm(text, term))).toEqual(mapped);
    expect(containsTerm(fresh(), stem("skies"))).toBe(true);
    expect(containsTerm(fresh(), "ear")).toBe(false);
  });

  it("lists the terms a text contains as containsTerm does, mapped once or scanned for each", () => {
    const words = ["early", "skies", "dying", "policies", "apis", "rapid", "only", "generously"];
    const probes = [...words.map(stem), ...words, "api", "sky", "die", "polici", "earl", "ear", "天空", "only-generously", "api 调用"];
    const text = "early skies, dying policies: the apis of rapid only-generously 天空 api 调用 #2";
    const expected = probes.filter((term) => containsTerm(text, term));
    expect(expected.length).toBeGreaterThan(5);
    // Many plain terms (the text's words are mapped), and two (each is scanned for): the same answer.
    expect(termsContained(`${text} `, probes)).toEqual(expected);
    expect(termsContained(`${text}  `, ["sky", "天空", "ear"])).toEqual(["sky", "天空"]);
    expect(termsContained(text, [])).toEqual([]);
  });
});
