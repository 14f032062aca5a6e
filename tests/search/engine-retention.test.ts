/**
 * An engine built with `previous` (a reload) takes over the replaced engine's passages, but must not keep
 * that engine alive: a chain of every engine since start would grow the heap with each reload, and the
 * serving thread's garbage collector would scan it all.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect, it } from "vitest";
import { buildEngine, type IndexedEngine } from "../../src/search/engine.ts";
import { article, sentence } from "./helpers.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const articles = [article("a", [{ heading: "One", blocks: [sentence("alpha", 40)] }]), article("b", [{ heading: "Two", blocks: [sentence("beta", 40)] }])];

it("does not keep the engine it replaced alive", async () => {
  let first: IndexedEngine | undefined = buildEngine(articles, { dictionary: false });
  const replaced = new WeakRef(first);
  const next = buildEngine(articles, { dictionary: false, previous: first });
  first = undefined;
  // A WeakRef's target is kept until the current job ends.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  expect(replaced.deref()).toBeUndefined();
  // The new engine still serves the passages it took over.
  expect(next.search("alpha").hits.length).toBeGreaterThan(0);
});
