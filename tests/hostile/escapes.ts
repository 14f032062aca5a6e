/**
 * Errors that escape as `uncaughtException` / `unhandledRejection` while a file's tests run, collected
 * (so a test can assert there were none) rather than left to vitest's run-level failure.
 */
import { afterAll, beforeAll } from "vitest";

export function collectEscapes(): unknown[] {
  const escaped: unknown[] = [];
  const onError = (error: unknown) => void escaped.push(error);
  beforeAll(() => {
    process.on("uncaughtException", onError);
    process.on("unhandledRejection", onError);
  });
  afterAll(() => {
    process.off("uncaughtException", onError);
    process.off("unhandledRejection", onError);
  });
  return escaped;
}
