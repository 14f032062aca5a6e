/**
 * The benchmark's own parts, whose mistakes would print plausible but wrong figures: hit@k as the
 * relevance scorer counts it, percentiles, the baselines, and the paced load generator (against a real
 * local HTTP server). No timing is asserted.
 */
import { afterEach, describe, expect, it } from "vitest";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { hitRate, rankOf, type Retrieved } from "../../bench/eval.ts";
import { measure, percentile, summarize } from "../../bench/latency.ts";
import { miniSearchDefault, substringScan } from "../../bench/baselines.ts";
import { pacedLoad } from "../../bench/paced-load.ts";
import { timingWorkload } from "../../bench/queries.ts";
import type { Article } from "../../src/corpus/types.ts";
import type { Passage } from "../../src/search/types.ts";

describe("hit@k as the scorer counts it", () => {
  const results: Retrieved[] = [
    { section: "开场", passage: "与这件事无关。" },
    { section: "治理", passage: "我们在项目变得庞大之前,\n先认真思考 治理问题。", quote: "" },
    { section: "Ｋｕｂｅｒｎｅｔｅｓ", passage: "无关" },
  ];

  it("matches section + passage + quote after NFKC, lower case and without white space", () => {
    expect(rankOf(results, ["先认真思考治理问题"], 5)).toBe(2);
    expect(rankOf(results, ["kubernetes"], 5)).toBe(3);
    expect(rankOf(results, ["kubernetes"], 2)).toBe(0);
    expect(rankOf([{ section: "", passage: "", quote: "Open Source" }], ["opensource"], 1)).toBe(1);
  });

  it("is the share of cases answered within k", () => {
    const retrieve = (query: string) => (query === "a" ? results : []);
    const cases = [
      { id: "1", query: "a", expect: ["治理问题"] },
      { id: "2", query: "a", expect: ["没有这句"] },
      { id: "3", query: "b", expect: ["治理问题"] },
      { id: "4", query: "a", expect: ["kubernetes"] },
    ];
    expect(hitRate(cases, retrieve, 3)).toBe(0.5);
    expect(hitRate(cases, retrieve, 1)).toBe(0);
    expect(hitRate([], retrieve, 3)).toBeNaN();
  });
});

describe("latency figures", () => {
  it("takes percentiles by nearest rank", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
    const stats = summarize([3, 1, 2, 4], 10);
    expect(stats).toMatchObject({ n: 4, p50: 2, max: 4, qps: 400 });
  });

  it("times every call of every round, runs preparation untimed before each, and groups by query", () => {
    const calls: string[] = [];
    const stats = measure(["x", "y", "x!"], (q) => calls.push(`run ${q}`), {
      warmupRounds: 1,
      minRounds: 2,
      budgetMs: 0,
      prepare: (q) => calls.push(`prepare ${q}`),
      keyOf: (q) => q.replace("!", ""),
    });
    expect(stats.n).toBe(6);
    // Warm-up without preparation, then prepare → run for each timed call.
    expect(calls.slice(0, 3)).toEqual(["run x", "run y", "run x!"]);
    expect(calls.slice(3, 9)).toEqual(["prepare x", "run x", "prepare y", "run y", "prepare x!", "run x!"]);
    expect(stats.slowest?.map((s) => s.query).sort()).toEqual(["x", "y"]);
  });

  it("times each workload query in several spellings, all of them the same query", () => {
    const spellings = timingWorkload(["职业倦怠", "burnout"]);
    expect(new Set(spellings.map((s) => s.spelling)).size).toBe(spellings.length);
    expect(spellings.length).toBeGreaterThan(2 * 4);
    for (const { spelling, query } of spellings) expect(spelling.startsWith(query)).toBe(true);
  });
});

describe("baselines", () => {
  const article = { meta: { id: "a", title: "测试标题" } } as unknown as Article;
  const passage = (id: string, text: string): Passage => ({ id, articleId: "a", sectionPath: ["小节"], text }) as Passage;
  const passages = [passage("p1", "Service mesh 是一种基础设施。"), passage("p2", "社区治理很难,治理需要耐心。"), passage("p3", "治理")];

  it("MiniSearch with its default tokenizer finds space-separated words but not words inside a Chinese run", () => {
    const retrieve = miniSearchDefault(passages, [article]);
    expect(retrieve("mesh", 5).map((r) => r.passage)).toEqual([passages[0]!.text]);
    // "治理" is a whole token only where it stands alone between punctuation.
    expect(retrieve("治理", 5).map((r) => r.passage)).toContain("治理");
    expect(retrieve("治理", 5).map((r) => r.passage)).not.toContain(passages[1]!.text);
  });

  it("the substring scan ranks passages by how often the query's pieces occur", () => {
    const retrieve = substringScan(passages, [article]);
    expect(retrieve("治理", 5).map((r) => r.passage)).toEqual([passages[1]!.text, passages[2]!.text]);
    expect(retrieve("SERVICE", 1).map((r) => r.passage)).toEqual([passages[0]!.text]);
    expect(retrieve("?!", 5)).toEqual([]);
  });
});

describe("paced load generator", () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.close();
    if (server) await once(server, "close");
    server = undefined;
  });

  it("sends every request once, with its own body, and counts failed responses as errors", async () => {
    const bodies: string[] = [];
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        bodies.push(body);
        res.writeHead(Number(body) % 4 === 0 ? 500 : 200).end("ok");
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;

    const result = await pacedLoad({
      origin: `http://127.0.0.1:${port}`,
      count: 20,
      rate: 400,
      make: (i) => ({ path: "/slack/events", headers: { "content-type": "text/plain" }, body: String(i) }),
    });
    expect(bodies.map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(result.errors).toBe(5);
    expect(result.latencies).toHaveLength(15);
    expect(result.latencies.every((ms) => ms >= 0)).toBe(true);
  });

  it("counts a refused connection as an error instead of failing", async () => {
    server = createServer();
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    server.close();
    await once(server, "close");
    server = undefined;

    const result = await pacedLoad({ origin: `http://127.0.0.1:${port}`, count: 3, rate: 1000, make: () => ({ path: "/", headers: {}, body: "" }) });
    expect(result.errors).toBe(3);
    expect(result.latencies).toHaveLength(0);
  });
});
