import { describe, expect, it, vi } from "vitest";
import { article } from "./helpers.ts";

/** Fresh copies of the engine and the dictionary module: the process-wide dictionary not read yet. */
const fresh = async () => {
  vi.resetModules();
  const [engine, cedict] = await Promise.all([import("../../src/search/engine.ts"), import("../../src/text/cedict.ts")]);
  return { buildEngine: engine.buildEngine, ...cedict };
};

const library = [
  article("travel", [{ heading: "Hotels", blocks: ["When you travel, keep your laptop in the safe of your hotel room."] }], { lang: "en" }),
  article("meals", [{ heading: "Meals", blocks: ["Meals are reimbursed up to a daily amount; keep the receipts."] }], { lang: "en" }),
];
const QUESTION = "住酒店时笔记本电脑放在哪里？";

describe("a query while the dictionary's reader thread is still at work", () => {
  it("is answered without translations instead of waiting, and nothing found then is kept", async () => {
    const { buildEngine, preloadCedict, cedictPending } = await fresh();
    const loading = preloadCedict();
    expect(cedictPending()).toBe(true);
    const engine = buildEngine(library);
    // The reader cannot have finished: this query does not read the dictionary here, so no bridge yet.
    expect(engine.search(QUESTION).hits).toEqual([]);
    expect(cedictPending()).toBe(true);
    expect(await loading).toBe(true);
    expect(cedictPending()).toBe(false);
    // The same words again: neither the empty translation nor the empty ranking was cached.
    expect(engine.search(QUESTION).hits[0]?.articleId).toBe("travel");
  });

  it("without a reader thread, the first query reads the dictionary itself (CLI, tests)", async () => {
    const { buildEngine, cedictPending } = await fresh();
    expect(cedictPending()).toBe(false);
    expect(buildEngine(library).search(QUESTION).hits[0]?.articleId).toBe("travel");
  });
});
