import { fileURLToPath } from "node:url";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadGlossary, parseGlossary } from "../../src/text/glossary.ts";

const CORPUS_GLOSSARY = fileURLToPath(new URL("../../corpus/glossary.yml", import.meta.url));

describe("parseGlossary", () => {
  it("reads strings and lists", () => {
    const { glossary, problems } = parseGlossary("burnout: [职业倦怠, 倦怠]\nfoundation: 基金会\n");
    expect(problems).toEqual([]);
    expect(glossary.entries).toEqual([
      { term: "burnout", equivalents: ["职业倦怠", "倦怠"] },
      { term: "foundation", equivalents: ["基金会"] },
    ]);
  });

  it("skips bad entries and says which", () => {
    const { glossary, problems } = parseGlossary("good: 好\nbad: 3\nempty: []\nmixed: [好, {a: 1}]\n");
    expect(glossary.entries.map((e) => e.term)).toEqual(["good"]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain("bad");
  });

  it("reports YAML that is not a mapping", () => {
    expect(parseGlossary("- a\n- b\n").problems[0]).toMatch(/mapping/);
    expect(parseGlossary("a: [\n").problems[0]).toMatch(/YAML/);
    expect(parseGlossary("").problems).toEqual([]);
  });
});

describe("loadGlossary", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("treats a missing file as an empty glossary", async () => {
    const dir = await mkdtemp(join(tmpdir(), "glossary-"));
    dirs.push(dir);
    const result = await loadGlossary(join(dir, "glossary.yml"));
    expect(result).toMatchObject({ found: false, problems: [] });
    expect(result.glossary.entries).toEqual([]);
    await writeFile(join(dir, "glossary.yml"), "burnout: 倦怠\n");
    expect((await loadGlossary(join(dir, "glossary.yml"))).glossary.entries).toHaveLength(1);
  });

  it("loads the bundled glossary cleanly, covering the corpus vocabulary", async () => {
    const { glossary, problems, found } = await loadGlossary(CORPUS_GLOSSARY);
    expect(found).toBe(true);
    expect(problems).toEqual([]);
    expect(glossary.entries.length).toBeGreaterThanOrEqual(60);
    const terms = new Map(glossary.entries.map((e) => [e.term, e.equivalents]));
    expect(terms.get("burnout")).toContain("职业倦怠");
    expect(terms.get("governance")).toContain("治理");
    expect(terms.get("crossing the chasm")).toContain("鸿沟理论");
    expect(terms.get("service mesh")).toContain("服务网格");
  });
});
