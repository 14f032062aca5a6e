import { describe, expect, it } from "vitest";
import { createAnalyzer, withinOneEdit, type QueryPlan } from "../../src/text/analyzer.ts";
import type { Glossary } from "../../src/text/glossary.ts";

const glossary: Glossary = {
  entries: [
    { term: "burnout", equivalents: ["职业倦怠", "倦怠"] },
    { term: "service mesh", equivalents: ["服务网格"] },
    { term: "open source", equivalents: ["开源"] },
    { term: "governance", equivalents: ["治理"] },
    { term: "foundation", equivalents: ["基金会"] },
    { term: "crossing the chasm", equivalents: ["鸿沟理论"] },
  ],
};
const analyzer = createAnalyzer(glossary);
const terms = (plan: QueryPlan) => plan.terms.map((t) => t.term);
const weight = (plan: QueryPlan, term: string) => plan.terms.find((t) => t.term === term)?.weight;

describe("indexTerms", () => {
  it("indexes CJK bigrams and Latin terms", () => {
    const indexed = analyzer.indexTerms("Envoy 是用 C++ 编写的, Kube-OVN 网络插件");
    expect(indexed).toEqual(expect.arrayContaining(["envoy", "c++", "kube-ovn", "kube", "ovn", "网络", "络插", "插件"]));
  });

  it("restores words ICU splits (开|源) through bigrams", () => {
    expect(analyzer.indexTerms("开源治理")).toEqual(expect.arrayContaining(["开源", "源治", "治理"]));
  });

  it("folds Traditional, full-width and upper case before indexing", () => {
    // English words are indexed by their Snowball stem (kubernetes → kubernet, like the query "Kubernetes").
    expect(analyzer.indexTerms("開源 ＫＵＢＥＲＮＥＴＥＳ")).toEqual(["开源", "kubernet"]);
  });

  it("adds camel-case parts of names", () => {
    expect(analyzer.indexTerms("KusionStack")).toEqual(["kusionstack", "kusion", "stack"]);
  });
});

describe("analyzeQuery", () => {
  it("searches the topic of a question for a span of time, not its frame (how long … last, 多长时间, 多久)", () => {
    const labels = (query: string) => analyzer.analyzeQuery(query).units.map((u) => u.label);
    expect(terms(analyzer.analyzeQuery("How long does an escalation rotation last?"))).toEqual(["escal", "rotat"]);
    expect(terms(analyzer.analyzeQuery("how long is paid sick leave"))).not.toContain("long");
    expect(labels("升级轮岗一次多长时间？")).not.toEqual(expect.arrayContaining(["多长"]));
    expect(labels("升级轮岗一次多长时间？").some((label) => /长|时间/.test(label))).toBe(false);
    expect(labels("年假能休多久")).not.toContain("多久");
    // The plan still holds the whole question: the answer cue reads it there.
    expect(analyzer.analyzeQuery("How long does a rotation last?").folded).toContain("how long");
    // Elsewhere the words are topics.
    expect(terms(analyzer.analyzeQuery("last mile delivery"))).toContain("last");
    expect(terms(analyzer.analyzeQuery("long-term plans"))).toContain("long");
    // A question that is all frame is searched as typed.
    expect(terms(analyzer.analyzeQuery("多久")).length).toBeGreaterThan(0);
    expect(terms(analyzer.analyzeQuery("how long?"))).toContain("long");
  });

  it("drops question words and particles", () => {
    const plan = analyzer.analyzeQuery("什么时候应该考虑开源治理吗?");
    const all = terms(plan).join(" ");
    for (const word of ["什么", "时候", "应该", "吗"]) expect(all).not.toContain(word);
    expect(terms(plan)).toEqual(expect.arrayContaining(["考虑", "开源", "治理"]));
  });

  it("never makes a term of a question word alone", () => {
    for (const q of ["为什么?", "是什么", "怎么办", "哪些", "的了吗"]) {
      expect(analyzer.analyzeQuery(q).terms).toEqual([]);
    }
  });

  it("keeps bigrams spanning two real words for proximity only (phrase evidence, not topic)", () => {
    const plan = analyzer.analyzeQuery("编排之争");
    expect(weight(plan, "编排")).toBe(1);
    expect(terms(plan)).not.toContain("排之");
    expect(plan.units.map((u) => u.label)).not.toContain("排之");
    expect(plan.runs).toEqual([{ kind: "cjk", terms: ["编排", "排之", "之争"] }]);
  });

  it("folds Traditional queries to the same terms", () => {
    expect(terms(analyzer.analyzeQuery("職業倦怠"))).toEqual(terms(analyzer.analyzeQuery("职业倦怠")));
  });

  it("expands English glossary terms to Chinese at lower weight, in one coverage unit", () => {
    const plan = analyzer.analyzeQuery("burnout");
    expect(terms(plan)).toEqual(expect.arrayContaining(["burnout", "职业", "业倦", "倦怠"]));
    expect(weight(plan, "倦怠")).toBeLessThan(1);
    expect(plan.units).toHaveLength(1);
    expect(plan.units[0]!.alternatives).toEqual([["burnout"], ["职业", "业倦", "倦怠"], ["倦怠"]]);
  });

  it("matches multi-word glossary phrases, longest first, and tolerates a typo or plural", () => {
    expect(terms(analyzer.analyzeQuery("what is crossing the chasm"))).toEqual(expect.arrayContaining(["鸿沟", "沟理", "理论"]));
    expect(terms(analyzer.analyzeQuery("service mesh"))).toEqual(expect.arrayContaining(["服务", "网格"]));
    expect(terms(analyzer.analyzeQuery("burnot"))).toContain("倦怠");
    expect(terms(analyzer.analyzeQuery("foundations"))).toContain("基金");
  });

  it("expands Chinese glossary terms to English (服务网格 → service mesh)", () => {
    const plan = analyzer.analyzeQuery("服务网格");
    expect(terms(plan)).toEqual(expect.arrayContaining(["servic", "mesh"]));
    expect(plan.units).toHaveLength(1);
  });

  it("uses glossary words to segment queries ICU gets wrong (基金会对 → 基金会 | 对)", () => {
    expect(terms(analyzer.analyzeQuery("基金会对开源项目"))).not.toContain("会对");
  });

  it("allows fuzzy and prefix search for longer Latin words only", () => {
    const plan = analyzer.analyzeQuery("Kubernetse API 发行版");
    expect(plan.terms.find((t) => t.term === "kubernets")).toMatchObject({ fuzzy: 0.2, prefix: true });
    expect(plan.terms.find((t) => t.term === "api")).toMatchObject({ fuzzy: false, prefix: false });
    for (const t of plan.terms.filter((t) => /\p{Script=Han}/u.test(t.term))) expect(t.fuzzy).toBe(false);
  });

  it("searches a lone character as a prefix", () => {
    expect(analyzer.analyzeQuery("云").terms).toEqual([{ term: "云", weight: 1, fuzzy: false, prefix: true }]);
    const donated = analyzer.analyzeQuery("为什么捐给 CNCF");
    expect(donated.terms.find((t) => t.term === "捐")).toMatchObject({ prefix: true });
    expect(weight(donated, "捐")).toBeLessThan(1);
  });

  it("returns no terms for punctuation and emoji", () => {
    expect(analyzer.analyzeQuery("?!。…🎉🎉 ——").terms).toEqual([]);
  });
});

describe("withinOneEdit", () => {
  it("accepts one insertion, deletion or substitution", () => {
    expect(withinOneEdit("burnout", "burnot")).toBe(true);
    expect(withinOneEdit("burnout", "burnouts")).toBe(true);
    expect(withinOneEdit("burnout", "burmout")).toBe(true);
    expect(withinOneEdit("burnout", "bunot")).toBe(false);
  });
});
