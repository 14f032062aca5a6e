// The worker of `preloadCedict` (cedict.ts): reads and packs the dictionary off the serving thread. A
// worker thread does not inherit tsx's loader on Node 20, so it registers it first.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";
import { lowerThreadPriority } from "../util/background-priority.mjs";

// Background work: the serving thread and anything else on the machine come first.
lowerThreadPriority();
register();
const { cachedPackedCedict } = await import("./cedict.ts");
const packed = cachedPackedCedict();
parentPort.postMessage(packed, [packed.chinese.starts.buffer, packed.english.starts.buffer]);
