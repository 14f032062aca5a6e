/**
 * A reload's incremental build (the worker's EngineAssembler: kept analyses, per-article shares, the last
 * engine's passages, kept priors) must give the very engine a from-scratch build gives: the same hits and
 * scores, suggestions, lessons and saved index, after a change, an addition, a removal, and changes that
 * move corpus-wide statistics (boilerplate, titles).
 */
import { describe, expect, it } from "vitest";
import { EngineAssembler } from "../../src/app/engine-assembler.ts";
import type { Article } from "../../src/corpus/types.ts";
import { lessonsOf } from "../../src/lessons/index.ts";
import { buildEngine, type IndexedEngine } from "../../src/search/engine.ts";
import { buildPassages } from "../../src/search/passages.ts";
import { KeptPriors, passagePriors } from "../../src/search/priors.ts";
import { aliasCounts, aliasesOfCounts, mineAliases } from "../../src/text/aliases.ts";
import type { Glossary } from "../../src/text/glossary.ts";
import { article, sentence } from "../search/helpers.ts";

const glossary: Glossary = { entries: [{ term: "open source", equivalents: ["开源"] }] };

const BOILERPLATE = "这里记录每周值得分享的科技内容，欢迎投稿。";

/** A small made-up library: weeklies sharing a boilerplate sentence, a handbook page naming abbreviations. */
function library(): Article[] {
  const weekly = (n: number) =>
    article(
      `weekly-${n}`,
      [
        { heading: "", blocks: [BOILERPLATE] },
        { heading: `开源治理第${n}讲`, blocks: [sentence(`weekly${n}a`, 60), `开源社区的治理需要透明的流程和清晰的角色，第${n}期讨论维护者的责任。`] },
        { heading: "往期回顾", blocks: [["开源治理第1讲", "开源治理第2讲", "开源治理第3讲"]] },
      ],
      { title: `科技周刊第${n}期`, tags: ["开源"] },
    );
  return [
    weekly(1),
    weekly(2),
    weekly(3),
    weekly(4),
    article(
      "handbook",
      [
        { heading: "Leave", blocks: ["Take paid time off (PTO) when you need it, and tell your team ahead of time.", "Requests for comment (RFCs) describe larger changes before they are made."] },
        { heading: "Kubernetes", blocks: ["We run Kubernetes clusters with KusionStack and review every change in the open source way."] },
      ],
      { title: "Handbook", lang: "en" },
    ),
  ];
}

/** A new version of an article (a new object, as the loader makes for a changed file). */
function edited(base: Article, paragraph: string, hash = `${base.hash}-v2`): Article {
  const [first, ...rest] = base.sections;
  return { ...base, hash, sections: [{ ...first!, blocks: [...first!.blocks, { kind: "paragraph", text: paragraph }] }, ...rest] };
}

const QUERIES = ["开源治理", "维护者的责任", "paid time off", "PTO", "RFCs", "Kubernetes", "kusion", "open source", "科技内容", "zyxwvprobe", "往期回顾"];

/** What a user (and the next reload) can see of an engine. */
function observe(engine: IndexedEngine): unknown {
  return {
    articles: engine.articles().map((a) => a.hash),
    passages: engine.passages().map((p) => [p.id, p.text]),
    searches: QUERIES.map((q) => engine.search(q, { limit: 10 })),
    suggest: ["开", "kub", ""].map((p) => engine.suggest(p)),
    vocabulary: engine.vocabulary(),
    aliases: engine.aliases(),
    lessons: lessonsOf(engine),
    saved: savedOf(engine),
  };
}

/** The saved index; heading terms as a set (built from per-article parts, the same terms come in another order). */
function savedOf(engine: IndexedEngine): unknown {
  const { head, sections } = engine.saveIndex(true);
  const tables = head.tables && { ...head.tables, headingTerms: [...head.tables.headingTerms].sort() };
  return { head: { ...head, tables }, sections };
}

describe("incremental reload build", () => {
  it("gives the same engine as a build from scratch after a change, an addition and a removal", () => {
    const assembler = new EngineAssembler();
    let articles = library();
    const check = () => {
      const { engine } = assembler.assemble(articles, glossary, false);
      expect(observe(engine)).toEqual(observe(buildEngine(articles, { glossary })));
      return engine;
    };
    check();
    // One article changed: a new word found, scores of the others unchanged.
    articles = articles.map((a) => (a.meta.id === "weekly-2" ? edited(a, "这一期补充一段：zyxwvprobe 维护者的责任。") : a));
    const changed = check();
    expect(changed.search("zyxwvprobe").hits[0]?.articleId).toBe("weekly-2");
    // An article added in the middle of the order, then one removed.
    articles = [...articles.slice(0, 2), { ...articles[4]!, meta: { ...articles[4]!.meta, id: "handbook-2" }, path: "/corpus/handbook-2.md", hash: "handbook-2" }, ...articles.slice(2)];
    check();
    articles = articles.filter((a) => a.meta.id !== "weekly-3");
    check();
  });

  it("follows corpus-wide statistics: a sentence becoming boilerplate, a title appearing, a glossary change", () => {
    const assembler = new EngineAssembler();
    let articles = library();
    const check = (changedGlossary: Glossary = glossary, glossaryChanged = false) => {
      const { engine } = assembler.assemble(articles, changedGlossary, glossaryChanged);
      expect(observe(engine)).toEqual(observe(buildEngine(articles, { glossary: changedGlossary })));
    };
    check();
    // The fifth article with the weeklies' sentence makes it boilerplate (BOILERPLATE_ARTICLES = 5).
    articles = articles.map((a) => (a.meta.id === "handbook" ? edited(a, BOILERPLATE) : a));
    check();
    // A heading that is another passage's line (navigation) appears, then goes again.
    articles = articles.map((a) => (a.meta.id === "weekly-1" ? { ...a, hash: "weekly-1-v2", sections: [...a.sections, { heading: "开源治理第3讲", path: ["开源治理第3讲"], level: 2, blocks: [{ kind: "paragraph", text: sentence("extra", 50) }] }] } : a));
    check();
    articles = articles.map((a) => (a.meta.id === "weekly-1" ? library()[0]! : a));
    check();
    const other: Glossary = { entries: [...glossary.entries, { term: "maintainer", equivalents: ["维护者"] }] };
    check(other, true);
  });
});

describe("per-article parts", () => {
  it("kept priors equal priors computed over the whole corpus, change after change", () => {
    const kept = new KeptPriors();
    let articles = library();
    const check = () => {
      const passages = buildPassages(articles);
      expect([...kept.priors(articles, passages)]).toEqual([...passagePriors(articles, passages)]);
    };
    check();
    articles = articles.map((a) => (a.meta.id === "handbook" ? edited(a, BOILERPLATE) : a));
    check();
    articles = articles.filter((a) => a.meta.id !== "weekly-4");
    check();
    articles = articles.map((a) => (a.meta.id === "weekly-2" ? edited(a, sentence("new", 40)) : a));
    check();
  });

  it("aliases mined per article and merged equal aliases mined from all texts at once", () => {
    const texts = [
      ["Take paid time off (PTO) when you need it.", "他提到了康威定律（Conway's law）。"],
      ["PTO (paid time off) again, and requests for comment (RFCs).", "Paid Time Off (PTO) once more."],
      ["同事（Ryan Lane）和同事（Chris Burnett）", "康威定律（Conway's law）"],
    ];
    expect(aliasesOfCounts(texts.map((share) => aliasCounts(share)))).toEqual(mineAliases(texts.flat()));
  });
});
