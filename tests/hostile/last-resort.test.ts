/**
 * The last-resort handler: an error nothing caught is logged with the request it came from and counted,
 * and the process carries on — until a burst says it is broken for good.
 */
import { afterEach, describe, expect, test } from "vitest";
import { Writable } from "node:stream";
import { createLogger } from "../../src/log/logger.ts";
import { installLastResort, requestScope } from "../../src/ops/last-resort.ts";
import { createMetrics } from "../../src/ops/metrics.ts";

let remove: (() => void) | undefined;
afterEach(() => remove?.());

function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({
    level: "debug",
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString("utf8")) as Record<string, unknown>);
        done();
      },
    }),
  });
  return { lines, log };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("last-resort handler", () => {
  test("a rejection and a throw inside a request are logged with its request id, scrubbed, and counted", async () => {
    const { lines, log } = capture();
    const metrics = createMetrics({ defaultMetrics: false });
    remove = installLastResort({ log, count: metrics.unhandledError, scrub: (s) => s.replaceAll("s3cret", "[redacted]") });

    requestScope.run({ reqId: "abcd1234", platform: "slack" }, () => {
      void Promise.reject(new Error("bad payload with s3cret"));
    });
    requestScope.run({ reqId: "beef5678", platform: "discord" }, () => {
      setTimeout(() => {
        throw new TypeError("Cannot read properties of null (reading 'ssl_check')");
      }, 1);
    });
    await tick();

    const caught = lines.filter((l) => l.msg === "unhandled error caught; the process keeps running");
    expect(caught).toEqual([
      expect.objectContaining({ kind: "unhandledRejection", reqId: "abcd1234", platform: "slack", err: expect.objectContaining({ message: "bad payload with [redacted]" }) }),
      expect.objectContaining({ kind: "uncaughtException", reqId: "beef5678", platform: "discord" }),
    ]);
    const text = await metrics.registry.metrics();
    expect(text).toContain('lessonbot_unhandled_errors_total{kind="unhandledRejection"} 1');
    expect(text).toContain('lessonbot_unhandled_errors_total{kind="uncaughtException"} 1');
  });

  test("a burst of them means the process is broken: onBurst is called once", async () => {
    const { lines, log } = capture();
    let bursts = 0;
    remove = installLastResort({ log, burst: { max: 3, windowMs: 60_000 }, onBurst: () => bursts++ });
    for (let i = 0; i < 6; i++) void Promise.reject(new Error(`failure ${i}`));
    await tick();
    expect(bursts).toBe(1);
    expect(lines.filter((l) => l.msg === "too many unhandled errors; stopping")).toHaveLength(1);
  });
});
