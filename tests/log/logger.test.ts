import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, requestLogger } from "../../src/log/logger.ts";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: createLogger({ level: "debug", destination }) };
}

describe("logger", () => {
  it("writes JSON lines that carry the request id", () => {
    const { lines, log } = capture();
    requestLogger(log, { reqId: "abc123", platform: "slack" }).info("hello");
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ reqId: "abc123", platform: "slack", msg: "hello", app: "lessonbot" });
  });

  it("never prints secrets, including inside logged HTTP errors", () => {
    const { lines, log } = capture();
    const err = Object.assign(new Error("request failed"), {
      config: { headers: { Authorization: "Bearer xoxb-secret-1" } },
    });
    log.error({ err, token: "xoxb-secret-2", config: { signingSecret: "s3cr3t", botToken: "xoxb-secret-3" } }, "failed");
    const text = lines.join("");
    for (const secret of ["xoxb-secret-1", "xoxb-secret-2", "xoxb-secret-3", "s3cr3t"]) expect(text).not.toContain(secret);
    expect(text).toContain("[redacted]");
  });
});
