import { afterEach, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/lessons.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true));
  return { out: () => out.join(""), err: () => err.join("") };
}

describe("cli lessons", () => {
  it("--json prints only a JSON array of the corpus's lessons", async () => {
    const io = capture();
    expect(await run(["--json"])).toBe(0);
    const lessons = JSON.parse(io.out()) as { id: string; title: string; quote: string; article: string }[];
    expect(lessons.length).toBeGreaterThanOrEqual(25);
    expect(lessons.map((l) => l.title)).toContain("靠机制而不是靠人");
    expect(lessons.every((l) => l.id && l.quote && l.article)).toBe(true);
    // Importer TODOs are for maintainers and go to stderr, never into the JSON.
    expect(io.err()).toMatch(/^todo /m);
  });

  it("prints a readable list with a total, and rejects unknown arguments", async () => {
    const io = capture();
    expect(await run([])).toBe(0);
    expect(io.out()).toMatch(/^1\. .+\n {3}「.+」\n {3}— /);
    expect(io.out()).toMatch(/\d+ lessons from 5 articles\n$/);
    expect(await run(["--nope"])).toBe(2);
    expect(io.err()).toContain("usage: npm run -s cli -- lessons");
  });
});
