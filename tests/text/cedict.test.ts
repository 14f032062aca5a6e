import { describe, expect, it, vi } from "vitest";

type CedictModule = typeof import("../../src/text/cedict.ts");
/** A fresh copy of the module: its process-wide dictionary not read yet. */
const freshModule = async (): Promise<CedictModule> => {
  vi.resetModules();
  return import("../../src/text/cedict.ts");
};

describe("CC-CEDICT, packed", () => {
  it("answers every key of its tables, the first and last included, and nothing for unknown keys", async () => {
    const { cedict, packedCedict } = await freshModule();
    const packed = packedCedict();
    const dictionary = cedict();
    for (const table of ["chinese", "english"] as const) {
      const lines = packed[table].text.split("\n").filter(Boolean);
      expect(lines.length).toBeGreaterThan(50_000);
      // Binary search edges and a spread of keys between them.
      const sample = [lines[0]!, lines.at(-1)!, ...lines.filter((_, i) => i % 997 === 0)];
      for (const line of sample) {
        const [key, json] = line.split("\t");
        expect(dictionary[table](key!)).toEqual(JSON.parse(json!));
      }
      expect(dictionary[table]("zzz-not-a-key")).toEqual([]);
      expect(dictionary[table]("")).toEqual([]);
    }
    expect(dictionary.chinese("burnout").map((t) => t.label)).toContain("烧胎");
    expect(dictionary.english("倦怠").length).toBeGreaterThan(0);
  });

  it("read in a worker thread by preloadCedict gives the same answers as reading it on the spot", async () => {
    const onTheSpot = (await freshModule()).cedict();
    const preloaded = await freshModule();
    expect(await preloaded.preloadCedict()).toBe(true);
    const dictionary = preloaded.cedict();
    for (const word of ["倦怠", "开源", "社区", "治理", "基金会", "代码"]) expect(dictionary.english(word)).toEqual(onTheSpot.english(word));
    for (const stems of ["burnout", "open sourc", "communiti", "govern", "foundat"]) expect(dictionary.chinese(stems)).toEqual(onTheSpot.chinese(stems));
    expect(dictionary.english("倦怠").length).toBeGreaterThan(0);
  });
});
