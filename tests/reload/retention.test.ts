/**
 * A reload replaces the serving engine: once the new one is swapped in, nothing of the reloader or the
 * core may keep the old one alive (requests still holding it aside). Else every engine since start stays
 * on the heap, which grows with each reload, and the serving thread's garbage collector scans it all.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, expect, it } from "vitest";
import { createCore, type Core } from "../../src/app/core.ts";
import { articleText, captureLog, corpusCopy, eventually } from "../snapshot/helpers.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

let core: Core | undefined;
let cleanup = () => {};
afterEach(async () => {
  await core?.close();
  core = undefined;
  cleanup();
});

it("drops the engines it replaced", async () => {
  const copy = corpusCopy(2);
  cleanup = copy.cleanup;
  const c = (core = await createCore({ corpusDir: copy.corpus, dbPath: join(copy.root, "data", "bot.db"), log: captureLog().log, watch: { debounceMs: 50, pollMs: 250 } }));
  const replaced = [new WeakRef(c.engine())];
  for (const word of ["蓝鲸号潜艇", "橙色灯塔"]) {
    const before = c.engine();
    writeFileSync(join(copy.corpus, "retention-probe.md"), articleText("留存测试", `这一篇讲${word}。`));
    await eventually(() => c.engine() !== before && c.engine().search(word).hits.length > 0, `the change (${word}) is served`);
    replaced.push(new WeakRef(c.engine()));
  }
  replaced.pop();
  // A WeakRef's target is kept until the current job ends.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  expect(replaced.map((ref) => ref.deref() === undefined)).toEqual([true, true]);
});
