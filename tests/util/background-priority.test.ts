/**
 * Background threads (the index worker, the dictionary's reader) lower their own scheduling priority
 * and only their own: the serving thread keeps its priority, so acks never wait for a reload's CPU.
 */
import { getPriority } from "node:os";
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";

const HELPER = new URL("../../src/util/background-priority.mjs", import.meta.url).href;

/** Runs the helper in a fresh worker thread; its answer and the thread's nice value after it. */
async function inWorker(): Promise<{ lowered: boolean; before: number; after: number }> {
  const code = `
    import { getPriority } from "node:os";
    import { parentPort } from "node:worker_threads";
    const { lowerThreadPriority } = await import(${JSON.stringify(HELPER)});
    const before = getPriority();
    const lowered = lowerThreadPriority();
    parentPort.postMessage({ lowered, before, after: getPriority() });
  `;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
  const [answer] = (await once(worker, "message")) as [{ lowered: boolean; before: number; after: number }];
  await worker.terminate();
  return answer;
}

describe.runIf(process.platform === "linux")("lowerThreadPriority", () => {
  it("lowers the calling worker thread to nice 10 and leaves the serving thread as it was", async () => {
    const serving = getPriority();
    const answer = await inWorker();
    expect(answer.lowered).toBe(true);
    expect(answer.before).toBe(serving);
    expect(answer.after).toBe(10);
    expect(getPriority()).toBe(serving);
    // A thread started afterwards starts at the process's priority again.
    expect((await inWorker()).before).toBe(serving);
  });
});
