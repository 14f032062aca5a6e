/**
 * Ranking on the bundled corpus: our own realistic questions (see queries.ts), the channel Q&A
 * threshold, and the section-diversity rule, through the same `openEngine` the bot uses.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/search/open.ts";
import { silentLogger } from "../../src/log/logger.ts";
import type { Hit, SearchEngine } from "../../src/search/types.ts";
import { MAX_QUOTE_CHARS } from "../../src/search/quote.ts";
import { RANKING } from "../../src/search/engine.ts";
import { normalizeForMatch, OFF_TOPIC, ON_TOPIC, RANKING_CASES } from "./queries.ts";

const CORPUS = fileURLToPath(new URL("../../corpus/", import.meta.url));
let engine: SearchEngine;

beforeAll(async () => {
  // No snapshot: the test builds the index itself and writes nothing into data/.
  const opened = await openEngine(CORPUS, silentLogger(), { snapshotDir: false });
  expect(opened.errors).toEqual([]);
  engine = opened.engine;
});

const rankOf = (hits: Hit[], expect: string[]) => {
  const wanted = expect.map(normalizeForMatch);
  return hits.findIndex((h) => wanted.some((w) => normalizeForMatch(`${h.section}\n${h.passage}\n${h.quote}`).includes(w))) + 1;
};

describe("ranking on the bundled corpus", () => {
  it.each(RANKING_CASES)("$query → expected passage within $within", ({ query, expect: phrases, within }) => {
    const { hits } = engine.search(query, { limit: 5 });
    const rank = rankOf(hits, phrases);
    expect(rank, `top hits: ${hits.map((h) => h.quote.slice(0, 30)).join(" | ")}`).toBeGreaterThan(0);
    expect(rank).toBeLessThanOrEqual(within);
  });

  it("covers all five articles with the own questions", () => {
    const articles = new Set(RANKING_CASES.map((c) => engine.search(c.query, { limit: 1 }).hits[0]?.articleId));
    expect(articles.size).toBe(5);
  });

  it("keeps every quote within 280 characters and inside its passage", () => {
    for (const { query } of RANKING_CASES) {
      for (const hit of engine.search(query, { limit: 5 }).hits) {
        expect(hit.quote.length).toBeLessThanOrEqual(MAX_QUOTE_CHARS);
        expect(hit.passage).toContain(hit.quote.replace(/^…|…$/g, ""));
      }
    }
  });

  it("shows at most two passages of one section in the top five, unless a third far outscores the rest", () => {
    for (const query of ["开源", "治理", "Kubernetes", "云原生", "Envoy"]) {
      const hits = engine.search(query, { limit: 20 }).hits;
      const keyOf = (hit: Hit) => `${hit.articleId} ${hit.section}`;
      const counts = new Map<string, number>();
      for (const hit of hits.slice(0, 5)) counts.set(keyOf(hit), (counts.get(keyOf(hit)) ?? 0) + 1);
      const seen = new Map<string, number>();
      for (const hit of hits.slice(0, 5)) {
        const key = keyOf(hit);
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if (seen.get(key)! <= 2) continue;
        // A section's third passage in the top five scores crowdRatio × every passage below it that the
        // two-per-section rule alone would have shown instead (of a section with room in the top five).
        const below = hits.slice(5).filter((h) => (counts.get(keyOf(h)) ?? 0) < 2);
        for (const other of below) expect(hit.score, query).toBeGreaterThanOrEqual(RANKING.crowdRatio * other.score - 0.01);
      }
    }
  });
});

describe("strong hits (channel Q&A answers only these)", () => {
  it.each(OFF_TOPIC)("stays quiet for an unrelated question: %s", (query) => {
    expect(engine.search(query).hits.filter((h) => h.strong)).toEqual([]);
  });

  it.each(ON_TOPIC)("answers an on-topic question: %s", (query) => {
    const [top] = engine.search(query).hits;
    expect(top?.strong).toBe(true);
    expect(top!.coverage).toBeGreaterThanOrEqual(0.7);
  });
});

describe("bad input on the bundled corpus", () => {
  it("offers popular topics for an empty or punctuation-only query", () => {
    for (const query of ["", "？？？", "🎉"]) {
      const result = engine.search(query);
      expect(result.hits).toEqual([]);
      expect(result.suggestions.length).toBeGreaterThan(0);
    }
  });

  it("completes partial queries for autocomplete", () => {
    expect(engine.suggest("职业").some((s) => s.includes("职业倦怠"))).toBe(true);
    expect(engine.suggest("Kube").some((s) => s.startsWith("Kube"))).toBe(true);
    expect(engine.suggest("鸿沟")).toContain("鸿沟理论");
  });
});
