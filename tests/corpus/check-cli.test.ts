/** `cli check` on a library: every unusable file listed with its reason; broken files fail, notices pass. */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run as check } from "../../src/cli/check.ts";
import { tempDir } from "./helpers.ts";
import { captureOutput, type CapturedOutput } from "../support/output.ts";

const { dir, cleanup } = tempDir("check-cli");
afterAll(cleanup);

let output: CapturedOutput;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => {
  output.restore();
  delete process.env.CORPUS_DIR;
});

describe("cli check", () => {
  it("passes a nested folder with an empty placeholder and a draft, listing both as skipped", async () => {
    const lib = join(dir, "ok");
    mkdirSync(join(lib, "team"), { recursive: true });
    writeFileSync(join(lib, "team", "index.md"), "# Team\n\nWho we are and how we work together.\n");
    writeFileSync(join(lib, "team", "placeholder.md"), "");
    writeFileSync(join(lib, "team", "later.md"), "---\ndraft: true\n---\nNot yet.\n");
    expect(await check(["--corpus", lib])).toBe(0);
    expect(output.stdout).toContain(`${join(lib, "team", "placeholder.md")}: skipped: file is empty`);
    expect(output.stdout).toContain(`${join(lib, "team", "later.md")}: skipped: draft: true`);
    expect(output.stdout).toMatch(/: 1 article, 1 section, 2 skipped\n$/);
  });

  it("fails on a broken file, naming it and what to do; CORPUS_DIR is the default folder", async () => {
    const lib = join(dir, "bad");
    mkdirSync(join(lib, "deep", "er"), { recursive: true });
    writeFileSync(join(lib, "good.md"), "Plain text with no front matter at all.\n");
    writeFileSync(join(lib, "deep", "er", "image.md"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]));
    process.env.CORPUS_DIR = lib;
    expect(await check([])).toBe(1);
    expect(output.stdout).toContain(`${join(lib, "deep", "er", "image.md")}: file looks binary (contains NUL bytes), expected UTF-8 Markdown text: is it misnamed?`);
    expect(output.stdout).toMatch(/: 1 article, 1 section, 1 broken\n$/);
  });
});
