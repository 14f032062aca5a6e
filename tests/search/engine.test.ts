import { describe, expect, it } from "vitest";
import { buildEngine, MAX_QUERY_CHARS, prepareQuery, RANKING } from "../../src/search/engine.ts";
import { MAX_QUOTE_CHARS } from "../../src/search/quote.ts";
import type { Glossary } from "../../src/text/glossary.ts";
import { article } from "./helpers.ts";

const glossary: Glossary = {
  entries: [
    { term: "burnout", equivalents: ["职业倦怠", "倦怠"] },
    { term: "governance", equivalents: ["治理"] },
  ],
};

const envoy = article(
  "envoy",
  [
    { heading: "", blocks: ["今天是 Envoy 开源的 5 周年。我想分享一下这个项目的历史,以及一些经验教训。"] },
    {
      heading: "不要忽视职业倦怠",
      parents: ["经验教训"],
      blocks: [
        "如果一个人想成就大事业,我不相信他可以实现良好的工作生活平衡。我不能提供任何一个避免职业倦怠的建议,但我认为反思是一个好的开始。",
        "雇主和雇员之间不匹配的期望是未来怨恨和倦怠的根本原因。",
      ],
    },
    {
      heading: "提前考虑治理问题",
      parents: ["经验教训"],
      blocks: [
        "开源治理是非常困难的。就其本质而言,开放源代码是无政府的,没有明确的领导结构。",
        "最重要的是,在项目变得庞大和成功之前,先认真思考治理问题。写下一套规则和规范。",
        "治理模式各有优点,也各有缺点,每个项目的治理都要找到自己的方向。这一段也谈治理。",
        "治理的第四段:冲突解决的过程需要记录下来,这是治理里最重要的部分之一。",
        "治理的第五段:早期维护者对治理和冲突解决的风格影响巨大,就像早期员工一样。",
      ],
    },
  ],
  { title: "Envoy 开源五周年", speakers: ["Matt Klein"], author: "译者", tags: ["职业倦怠", "区块链"] },
);

const alauda = article(
  "alauda",
  [
    {
      heading: "Kubernetes 编排一切",
      blocks: [
        "Kubernetes 虽然是谷歌发明的,但是它是开放式治理,背后有很多商业版。",
        "灵雀云把 Kubernetes 技术变成一个企业就绪的 Kubernetes 发行版。",
      ],
    },
    { heading: "源于开源", blocks: ["目前灵雀云已经开源了的项目,包括网络插件 Kube-OVN。"] },
    { heading: "微服务", blocks: ["微服务治理方式发生了变化,Service Mesh 是微服务治理的最佳实践。"] },
    { heading: "垄断", blocks: ["开源软件的治理模式有可能是封闭式的,也有可能是开放式的。"] },
  ],
  { title: "专访灵雀云陈恺", author: "记者" },
);

// Small passages, so each paragraph of these short articles stays a passage of its own.
const engine = buildEngine([envoy, alauda], { glossary, passages: { minChars: 10, targetChars: 100, maxChars: 200 } });

describe("search", () => {
  it("finds the passage that answers, with the whole passage, a quote and attribution", () => {
    const { hits, total } = engine.search("职业倦怠");
    expect(total).toBeGreaterThan(0);
    const [hit] = hits;
    expect(hit!.passage).toContain("避免职业倦怠");
    expect(hit!.quote).toContain("职业倦怠");
    expect(hit!.passage).toContain(hit!.quote);
    expect(hit).toMatchObject({
      articleId: "envoy",
      title: "Envoy 开源五周年",
      speaker: "Matt Klein",
      section: "经验教训 › 不要忽视职业倦怠",
      sectionPath: ["经验教训", "不要忽视职业倦怠"],
      url: "https://example.test/envoy",
    });
    expect(hit!.quoteSegments.map((s) => s.text).join("")).toBe(hit!.quote);
    expect(hit!.quoteSegments.some((s) => s.mark && s.text.includes("倦怠"))).toBe(true);
  });

  it("falls back to the author when nobody is quoted", () => {
    expect(engine.search("Kube-OVN").hits[0]!.speaker).toBe("记者");
  });

  it("answers Traditional characters and English glossary terms", () => {
    expect(engine.search("職業倦怠").hits[0]!.passage).toContain("职业倦怠");
    expect(engine.search("burnout").hits[0]!.passage).toContain("倦怠");
    expect(engine.search("governance").hits[0]!.passage).toContain("治理");
  });

  it("finds a misspelt Latin word and marks the word as written in the text", () => {
    const { hits } = engine.search("Kubernets 发行版");
    expect(hits[0]!.passage).toContain("Kubernetes 发行版");
    expect(hits[0]!.quoteSegments.filter((s) => s.mark).map((s) => s.text)).toContain("Kubernetes");
  });

  it("does not fuzz Chinese: a wrong character finds nothing", () => {
    expect(engine.search("开元").hits).toEqual([]);
  });

  it("lets question words decide nothing", () => {
    const plain = engine.search("治理").hits.map((h) => h.passageId);
    const asked = engine.search("什么是治理?为什么呢?").hits.map((h) => h.passageId);
    expect(asked).toEqual(plain);
  });

  it("shows a third passage of one section in the top five only when it far outscores the other sections' passages", () => {
    const { hits, total } = engine.search("治理", { limit: 5 });
    expect(total).toBeGreaterThan(5);
    const rest = engine.search("治理", { limit: 50, offset: 5 }).hits;
    const counts = new Map<string, number>();
    for (const hit of hits) {
      counts.set(hit.section, (counts.get(hit.section) ?? 0) + 1);
      if (counts.get(hit.section)! <= 2) continue;
      for (const other of rest.filter((h) => h.section !== hit.section)) expect(hit.score).toBeGreaterThanOrEqual(RANKING.crowdRatio * other.score - 0.01);
    }
    // What the page leaves out is not lost: the other sections follow on the next page.
    expect(rest.some((h) => h.section !== hits[0]!.section)).toBe(true);
  });

  it("pages without repeating hits", () => {
    const first = engine.search("治理", { limit: 2 });
    const second = engine.search("治理", { limit: 2, offset: 2 });
    expect(second.total).toBe(first.total);
    const ids = [...first.hits, ...second.hits].map((h) => h.passageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps quotes within the length bound", () => {
    for (const hit of engine.search("治理", { limit: 10 }).hits) expect(hit.quote.length).toBeLessThanOrEqual(MAX_QUOTE_CHARS);
  });
});

describe("bad input", () => {
  it("answers empty and white-space queries with no hits and topics to try, without throwing", () => {
    for (const query of ["", "   ", "\n\t", "\u200b\u200b"]) {
      const result = engine.search(query);
      expect(result).toMatchObject({ query: "", truncated: false, hits: [], total: 0 });
      expect(result.suggestions.length).toBeGreaterThan(0);
    }
  });

  it("survives punctuation, emoji and symbols, suggesting topics", () => {
    for (const query of ["???", "🎉🎉🎉", "。。。!!!", "——…", "<!channel> @everyone", "的了吗"]) {
      const result = engine.search(query);
      expect(Array.isArray(result.hits)).toBe(true);
      if (result.hits.length === 0) expect(result.suggestions.length).toBeGreaterThan(0);
    }
  });

  it("answers a 10,000-character query from its start", () => {
    const query = `职业倦怠 ${"啊".repeat(10_000)}`;
    const result = engine.search(query);
    expect(result.truncated).toBe(true);
    expect(Array.from(result.query).length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
    expect(result.query.startsWith("职业倦怠")).toBe(true);
    expect(result.hits[0]!.passage).toContain("职业倦怠");
  });

  it("normalises the query it reports", () => {
    expect(prepareQuery("  Ｅｎｖｏｙ\u200b   \n 开源 ")).toEqual({ text: "Envoy 开源", truncated: false });
    expect(prepareQuery("a".repeat(MAX_QUERY_CHARS)).truncated).toBe(false);
    expect(prepareQuery("a".repeat(MAX_QUERY_CHARS + 1)).truncated).toBe(true);
  });

  it("clamps nonsense limits and offsets", () => {
    expect(engine.search("治理", { limit: -3 }).hits).toEqual([]);
    expect(engine.search("治理", { limit: Number.NaN }).hits.length).toBeGreaterThan(0);
    expect(engine.search("治理", { offset: 1e9 }).hits).toEqual([]);
  });

  it("suggests close terms when nothing matches", () => {
    const result = engine.search("Kuberntes");
    // Fuzzy search still finds it…
    expect(result.hits.length).toBeGreaterThan(0);
    const none = engine.search("区块链");
    expect(none.hits).toEqual([]);
    expect(none.suggestions.length).toBeGreaterThan(0);
  });
});

describe("quoteOf, passages, articles", () => {
  it("renders any passage as a hit, with or without a query", () => {
    const id = engine.passages().find((p) => p.text.includes("避免职业倦怠"))!.id;
    const plain = engine.quoteOf(id)!;
    expect(plain.passageId).toBe(id);
    expect(plain.quoteSegments.every((s) => !s.mark)).toBe(true);
    expect(plain.passage.startsWith(plain.quote)).toBe(true);
    const asked = engine.quoteOf(id, "职业倦怠")!;
    expect(asked.quote).toContain("职业倦怠");
    expect(asked.quoteSegments.some((s) => s.mark)).toBe(true);
    expect(asked.coverage).toBe(1);
    expect(engine.quoteOf("missing:0")).toBeUndefined();
  });

  it("exposes passages and articles", () => {
    expect(engine.articles().map((a) => a.meta.id)).toEqual(["envoy", "alauda"]);
    const passages = engine.passages();
    expect(passages.length).toBeGreaterThan(5);
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
  });

  it("works on an empty corpus", () => {
    const empty = buildEngine([]);
    expect(empty.search("开源")).toMatchObject({ hits: [], total: 0 });
    expect(empty.suggest("开")).toEqual([]);
    expect(empty.passages()).toEqual([]);
  });
});

describe("suggest", () => {
  it("completes section headings and words in either script", () => {
    expect(engine.suggest("职业")).toContain("不要忽视职业倦怠");
    expect(engine.suggest("職業")).toContain("不要忽视职业倦怠");
    expect(engine.suggest("kuber")).toContain("Kubernetes");
    expect(engine.suggest("倦")[0]).toMatch(/倦/);
  });

  it("offers the articles' tags (those the text uses) as popular topics, and English glossary terms", () => {
    const topics = engine.search("").suggestions;
    expect(topics[0]).toBe("职业倦怠");
    expect(topics).not.toContain("区块链");
    expect(engine.suggest("burn")).toContain("burnout");
  });

  it("returns at most 25 items of at most 100 characters, and topics for an empty partial", () => {
    for (const partial of ["", "治", "a", "🎉", "x".repeat(5000)]) {
      const items = engine.suggest(partial);
      expect(items.length).toBeLessThanOrEqual(25);
      for (const item of items) expect(item.length).toBeLessThanOrEqual(100);
    }
    expect(engine.suggest("").length).toBeGreaterThan(0);
    expect(engine.suggest("治理", 3).length).toBeLessThanOrEqual(3);
  });
});

describe("repeated queries", () => {
  it("serve the same hits again, unaffected by what a caller did to the first ones", () => {
    const first = engine.search("职业倦怠");
    first.hits[0]!.quote = "changed";
    first.hits[0]!.quoteSegments[0]!.text = "changed";
    const again = engine.search("职业倦怠");
    expect(again.hits[0]!.quote).toContain("职业倦怠");
    expect(again.hits[0]!.quoteSegments.map((s) => s.text).join("")).toBe(again.hits[0]!.quote);
  });
});
