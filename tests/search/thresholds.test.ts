/**
 * Thresholds that fit the channel, on the bundled corpus: a lookup that matches only a common word gets
 * suggestions instead of unrelated quotes, an everyday question is answered when a passage answers it,
 * and one word nobody knows does not silence the rest.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/search/open.ts";
import { silentLogger } from "../../src/log/logger.ts";
import type { SearchEngine } from "../../src/search/types.ts";

const CORPUS = fileURLToPath(new URL("../../corpus/", import.meta.url));
let engine: SearchEngine;

beforeAll(async () => {
  engine = (await openEngine(CORPUS, silentLogger(), { snapshotDir: false })).engine;
});

describe("thresholds", () => {
  it("a lookup that shares only a common word with the library gets suggestions, not quotes", () => {
    const result = engine.search("今天天气不错");
    expect(result.hits).toEqual([]);
    expect(result.suggestions.length).toBeGreaterThan(0);
  });

  it("an everyday English question is answered strongly when a passage answers it", () => {
    const [hit] = engine.search("why did Envoy join CNCF?").hits;
    expect(hit?.strong).toBe(true);
    expect(hit?.passage).toContain("加入了该基金会");
  });

  it("one unknown word does not veto the rest", () => {
    const plain = engine.search("倦怠?").hits[0];
    const noisy = engine.search("倦怠 xyzzy?").hits[0];
    expect(noisy?.strong).toBe(true);
    expect(noisy?.passageId).toBe(plain?.passageId);
  });

  it("a real word the library lacks still counts as missing (no strong answer for an off-topic question)", () => {
    expect(engine.search("recommend a good movie").hits.some((h) => h.strong)).toBe(false);
  });

  it("an editor's note does not outrank the passage that answers", () => {
    const [hit] = engine.search("Matt Klein 为什么会倦怠？").hits;
    expect(hit?.section).not.toContain("编者");
    expect(hit?.quote).toContain("倦怠");
  });

  it("chat markup is not part of the query", () => {
    expect(engine.search("<@U123ABC> <!channel> 倦怠").query).toBe("倦怠");
  });
});
