/** CORPUS_BASE_URL: relative paths → links, the way static site generators map files to pages. */
import { describe, expect, it } from "vitest";
import { sourceUrlFor, corpusBaseUrlFromEnv } from "../../src/corpus/source-url.ts";
import { ConfigError, loadConfig } from "../../src/config/config.ts";

const BASE = "https://handbook.example.com/";

describe("sourceUrlFor", () => {
  it.each([
    ["a/b.md", "https://handbook.example.com/a/b"],
    ["a/index.md", "https://handbook.example.com/a/"],
    ["a/README.md", "https://handbook.example.com/a/"],
    ["index.md", "https://handbook.example.com/"],
    ["notes/On Call.md", "https://handbook.example.com/notes/On%20Call"],
    ["docs/report.pdf", "https://handbook.example.com/docs/report"],
  ])("%s → %s", (relPath, url) => {
    expect(sourceUrlFor(BASE, relPath)).toBe(url);
  });

  it("adds the missing slash to a base with a path, and resolves a front matter site path against it", () => {
    expect(sourceUrlFor("https://example.com/docs", "a/b.md")).toBe("https://example.com/docs/a/b");
    expect(sourceUrlFor(BASE, "a/b.md", "/posts/x/")).toBe("https://handbook.example.com/posts/x/");
  });

  it("links nothing without a base", () => {
    expect(sourceUrlFor(undefined, "a/b.md")).toBeUndefined();
  });

  it("is read from the environment only when it is an http(s) address, and config rejects anything else", () => {
    expect(corpusBaseUrlFromEnv({ CORPUS_BASE_URL: BASE })).toBe(BASE);
    expect(corpusBaseUrlFromEnv({ CORPUS_BASE_URL: "handbook.example.com" })).toBeUndefined();
    expect(loadConfig({ CORPUS_BASE_URL: BASE }).corpusBaseUrl).toBe(BASE);
    expect(() => loadConfig({ CORPUS_BASE_URL: "ftp://x" })).toThrow(ConfigError);
  });
});
