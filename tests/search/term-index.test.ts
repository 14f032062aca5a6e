/**
 * The typed-array passage index scores exactly like MiniSearch (the reference) for how the engine
 * searches: same docs, same order, same scores, on the bundled corpus and on synthetic passages built to
 * hit the edges (repeated terms, empty fields, number-like terms, ties). And it survives encoding.
 */
import { describe, expect, it } from "vitest";
import MiniSearch from "minisearch";
import { loadCorpus } from "../../src/corpus/load.ts";
import { createAnalyzer } from "../../src/text/analyzer.ts";
import { loadGlossary } from "../../src/text/glossary.ts";
import { buildPassages } from "../../src/search/passages.ts";
import { analysePassage, RANKING } from "../../src/search/engine.ts";
import { analyseField, documentTermOrder, INDEX_FIELDS, TermIndex, TermIndexBuilder } from "../../src/search/term-index.ts";
import { decodeIndex, encodeIndex } from "../../src/search/snapshot.ts";
import type { Passage } from "../../src/search/types.ts";
import { CORPUS } from "../snapshot/helpers.ts";
import { join } from "node:path";

type Doc = { id: number; text: string; heading: string; parents: string };

const FIELD_BOOSTS = INDEX_FIELDS.map((field) => RANKING.fields[field]);

function docsOf(passages: readonly Passage[]): Doc[] {
  return passages.map((p, id) => ({ id, text: p.text, heading: p.sectionPath[p.sectionPath.length - 1] ?? "", parents: p.sectionPath.slice(0, -1).join(" ") }));
}

/** Both indexes over the same docs and tokenizer. */
function both(passages: readonly Passage[], tokenize: (text: string) => string[]) {
  const mini = new MiniSearch<Doc>({ fields: [...INDEX_FIELDS], tokenize, processTerm: (term) => term });
  mini.addAll(docsOf(passages));
  const builder = new TermIndexBuilder();
  for (const p of passages) builder.add(analysePassage(p, tokenize));
  return { mini, index: new TermIndex(builder.build()) };
}

function compare(mini: MiniSearch<Doc>, index: TermIndex, weights: Map<string, number>, depth = 10_000): number {
  const terms = [...weights.keys()];
  const expected = mini.search("", {
    tokenize: () => [...terms],
    processTerm: (term) => term,
    boostTerm: (term) => weights.get(term) ?? 1,
    fuzzy: false,
    prefix: false,
    boost: RANKING.fields,
    combineWith: "OR",
  });
  const actual = index.search(terms, { weight: (term) => weights.get(term) ?? 1, fieldBoosts: FIELD_BOOSTS, limit: depth });
  const want = expected.slice(0, depth);
  expect(actual.map((hit) => hit.id)).toEqual(want.map((r) => r.id));
  actual.forEach((hit, i) => {
    const reference = want[i]!;
    const score = hit.score * (hit.terms.length || 1);
    expect(Math.abs(score - reference.score)).toBeLessThanOrEqual(1e-9 * Math.abs(reference.score));
    expect(hit.terms).toEqual(reference.queryTerms);
    expect(documentTermOrder(hit.terms)).toEqual(reference.terms);
  });
  return want.length;
}

const syntheticPassages: Passage[] = [
  ["alpha beta beta beta gamma", ["Intro"]],
  ["alpha 2024 7 delta", ["Guide", "Setup"]],
  ["beta", []],
  ["alpha beta gamma delta epsilon zeta", ["Guide", "Setup", "Deep"]],
  ["alpha beta beta beta gamma", ["Intro"]],
  ["2024 2024 year", ["2024"]],
  ["", ["Empty body"]],
  ["gamma gamma gamma gamma gamma gamma", ["beta"]],
].map(([text, sectionPath], i) => ({ id: `p${i}`, articleId: `a${i % 3}`, text: text as string, sectionPath: sectionPath as string[] }) as Passage);

const whitespace = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

describe("TermIndex", () => {
  it("scores and orders synthetic passages exactly as MiniSearch does (ties, number-like terms, empty fields)", () => {
    const { mini, index } = both(syntheticPassages, whitespace);
    const queries: [string, number][][] = [
      [["alpha", 1]],
      [["beta", 1], ["gamma", 0.5]],
      [["2024", 1], ["alpha", 2], ["year", 0.3]],
      [["setup", 1], ["guide", 1], ["deep", 0.7], ["missing", 1]],
      [["empty", 1], ["body", 1], ["intro", 1]],
      [["7", 1], ["2024", 1]],
    ];
    for (const query of queries) expect(compare(mini, index, new Map(query))).toBeGreaterThan(0);
    // A cut keeps the best in the same order.
    compare(mini, index, new Map([["beta", 1], ["alpha", 1]]), 2);
    expect(index.df("beta")).toBe(5);
    expect(index.df("guide")).toBe(0);
    expect(index.terms).toContain("guide");
  });

  it("counts a field's distinct tokens as its length and skips empty tokens as MiniSearch does", () => {
    expect(analyseField(["a", "b", "a", ""])).toEqual({ terms: ["a", "b"], counts: [2, 1], length: 3 });
  });

  it("returns the same docs and scores as MiniSearch on the bundled corpus, for weighted multi-term queries", async () => {
    const { articles } = await loadCorpus(CORPUS);
    const { glossary } = await loadGlossary(join(CORPUS, "glossary.yml"));
    const analyzer = createAnalyzer(glossary);
    const passages = buildPassages(articles);
    const { mini, index } = both(passages, analyzer.indexTerms);
    const queries = ["开源 社区 治理", "service mesh envoy", "职业倦怠 burnout", "云原生 kubernetes 运维", "什么时候应该考虑开源治理", "open source maintainer"];
    let compared = 0;
    for (const [i, query] of queries.entries()) {
      const plan = analyzer.analyzeQuery(query);
      const weights = new Map(plan.terms.map((t, j) => [t.term, t.weight * (1 + ((i + j) % 3) * 0.25)]));
      compared += compare(mini, index, weights);
      compared += compare(mini, index, weights, 80);
    }
    expect(compared).toBeGreaterThan(100);
  });

  it("holds a term for a passage exactly when its text or heading has it (not its section parents)", () => {
    const { index } = both(syntheticPassages, whitespace);
    const terms = ["alpha", "beta", "gamma", "2024", "guide", "setup", "deep", "intro", "year", "missing"];
    syntheticPassages.forEach((passage, doc) => {
      const own = new Set(whitespace(`${passage.text} ${passage.sectionPath[passage.sectionPath.length - 1] ?? ""}`));
      for (const term of terms) expect(index.holds(index.termId(term), doc), `${term} in p${doc}`).toBe(own.has(term));
    });
    // "setup" is only a parent of p3, "guide" of p1 and p3: neither is held there.
    expect(index.holds(index.termId("guide"), 3)).toBe(false);
    expect(index.holds(-1, 0)).toBe(false);
  });

  it("is the same index after encoding and decoding its sections", () => {
    const { index } = both(syntheticPassages, whitespace);
    const copy = new TermIndex(decodeIndex(encodeIndex(index.data)));
    const query = ["beta", "gamma", "2024"];
    const options = { weight: () => 1, fieldBoosts: FIELD_BOOSTS, limit: 100 };
    expect(copy.search(query, options)).toEqual(index.search(query, options));
    expect(copy.terms).toEqual(index.terms);
    const broken = encodeIndex(index.data);
    broken.sections[3] = broken.sections[3]!.slice(0, 4);
    expect(() => decodeIndex(broken)).toThrow(/wrong size/);
  });

  it("checks every posting of a long index, past the first slice of the check", () => {
    // One term in a million docs: its postings are checked in slices of 524,288.
    const docCount = 1_000_000;
    const docs = Uint32Array.from({ length: docCount }, (_, i) => i);
    const field = () => ({ offsets: Uint32Array.of(0, docCount), docs: docs.slice(), tfs: new Uint16Array(docCount).fill(1), lengths: new Uint32Array(docCount).fill(1) });
    const fields = [field(), field(), field()];
    const data = {
      terms: ["x"],
      docCount,
      offsets: fields.map((f) => f.offsets),
      docs: fields.map((f) => f.docs),
      tfs: fields.map((f) => f.tfs),
      lengths: fields.map((f) => f.lengths),
      averages: Float64Array.of(1, 1, 1),
      dfs: Uint32Array.of(docCount),
    };
    expect(decodeIndex(encodeIndex(data)).docs[2]).toEqual(docs);
    data.docs[2]![docCount - 1] = docCount;
    expect(() => decodeIndex(encodeIndex(data))).toThrow(/out of range/);
  });
});
