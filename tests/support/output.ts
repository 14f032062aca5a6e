/** What a CLI run in-process writes, captured instead of printed. */
import { vi } from "vitest";

export interface CapturedOutput {
  readonly stdout: string;
  readonly stderr: string;
  /** Forgets what was captured so far (to look at one run of several). */
  clear(): void;
  restore(): void;
}

/** Captures writes to `process.stdout` and `process.stderr` until `restore()`. */
export function captureOutput(): CapturedOutput {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  return {
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    clear() {
      stdout = stderr = "";
    },
    restore() {
      out.mockRestore();
      err.mockRestore();
    },
  };
}
