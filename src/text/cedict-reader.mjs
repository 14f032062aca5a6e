// The worker of `preloadCedict` (cedict.ts): reads and packs the dictionary off the serving thread. A
// worker thread does not inherit tsx's loader on Node 20, so it registers it first.
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

// Background work: on Linux a thread has its own nice value (elsewhere this would slow the whole process),
// so the serving thread and anything else on the machine come first.
if (process.platform === "linux") {
  try {
    setPriority(19);
  } catch {
    // Not allowed to: read at the usual priority.
  }
}
register();
const { cachedPackedCedict } = await import("./cedict.ts");
const packed = cachedPackedCedict();
parentPort.postMessage(packed, [packed.chinese.starts.buffer, packed.english.starts.buffer]);
