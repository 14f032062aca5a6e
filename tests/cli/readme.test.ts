/**
 * README rough edges a newcomer hit (issue #15): a stray code fence after the YAML example, `../shared`
 * commands with no word that the folder exists only beside the checkout, the console's language missing
 * from the quick start; and the new commands documented with output.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const section = (title: string) => {
  const start = README.indexOf(`\n## ${title}`);
  const end = README.indexOf("\n## ", start + 4);
  return README.slice(start, end < 0 ? undefined : end);
};

describe("README", () => {
  it("has no stray code fence: fences pair up, and a closing fence is never followed by an empty one", () => {
    const lines = README.split("\n");
    const fences = lines.map((line, i) => ({ line: line.trim(), i })).filter(({ line }) => line.startsWith("```"));
    expect(fences.length % 2).toBe(0);
    for (let k = 1; k < fences.length; k += 2) {
      const close = fences[k]!;
      expect(close.line, `line ${close.i + 1} closes a block`).toBe("```");
      const next = fences[k + 1];
      if (next) expect(next.i, `an empty fence right after line ${close.i + 1}`).toBeGreaterThan(close.i + 1);
    }
  });

  it("says ../shared exists only beside the project's checkout wherever it is used first", () => {
    const first = README.indexOf("../shared");
    expect(first).toBeGreaterThan(0);
    expect(README.slice(first - 400, first + 400)).toMatch(/exists only\s+beside the project's checkout/);
  });

  it("names the console's language setting in the quick start", () => {
    expect(section("Quick start")).toContain("DEFAULT_LOCALE=en");
  });

  it("documents sources, stats and report with output, and what is kept for how long", () => {
    const doc = section("What the library holds, and how it is used");
    expect(doc).toContain("lessonbot> /lesson sources\nThe library: 5 articles · 1–5");
    expect(doc).toContain("lessonbot> /lesson stats\nThis channel over the last 7 days");
    expect(doc).toContain("$ npm run -s cli -- report\nlessonbot report · last 7 days");
    expect(doc).toContain("HISTORY_DAYS");
    expect(doc).toMatch(/No user id/);
  });
});
