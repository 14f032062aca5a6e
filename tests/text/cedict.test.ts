import { describe, expect, it, vi } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

type CedictModule = typeof import("../../src/text/cedict.ts");
/** A fresh copy of the module: its process-wide dictionary not read yet. */
const freshModule = async (): Promise<CedictModule> => {
  vi.resetModules();
  return import("../../src/text/cedict.ts");
};

describe("CC-CEDICT, read in a worker thread and packed", () => {
  it("answers as the dictionary read on the spot: every kind of key, the first and last of each table, unknown keys", async () => {
    const spot = await freshModule();
    const onTheSpot = spot.cedictFromData();
    const packed = spot.packedCedict();
    const preloaded = await freshModule();
    expect(await preloaded.preloadCedict()).toBe(true);
    const dictionary = preloaded.cedict();
    for (const table of ["chinese", "english"] as const) {
      const keys = packed[table].text.split("\n").filter(Boolean).map((line) => line.split("\t")[0]!);
      expect(keys.length).toBeGreaterThan(50_000);
      // The binary search's edges and a spread of keys between them.
      for (const key of [keys[0]!, keys.at(-1)!, ...keys.filter((_, i) => i % 499 === 0)]) {
        expect(dictionary[table](key)).toEqual(onTheSpot[table](key));
        expect(dictionary[table](key).length).toBeGreaterThan(0);
      }
      for (const unknown of ["", "zzz-not-a-key", "\uffff"]) expect(dictionary[table](unknown)).toEqual([]);
    }
    expect(dictionary.chinese("burnout").map((t) => t.label)).toContain("烧胎");
    expect(dictionary.english("倦怠")).toEqual(onTheSpot.english("倦怠"));
    expect(dictionary.english("倦怠").length).toBeGreaterThan(0);
  });

  it("keeps the packed tables in a cache file: read back equal, and rebuilt when the file is broken or of another version", async () => {
    const cedict = await freshModule();
    const dir = mkdtempSync(join(tmpdir(), "lessonbot-cedict-"));
    try {
      writeFileSync(join(dir, "cedict-0123456789abcdef01234567.bin"), "from another version");
      const built = cedict.cachedPackedCedict(dir);
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      const file = join(dir, files[0]!);
      expect(readFileSync(file).byteLength).toBeGreaterThan(1_000_000);
      const read = cedict.cachedPackedCedict(dir);
      expect(read.chinese.text).toBe(built.chinese.text);
      expect([...read.english.starts]).toEqual([...built.english.starts]);
      // A truncated file is not used: the tables are built again and the file written whole.
      const whole = readFileSync(file);
      writeFileSync(file, whole.subarray(0, whole.byteLength >> 1));
      expect(cedict.cachedPackedCedict(dir).english.text).toBe(built.english.text);
      expect(readFileSync(file).equals(whole)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
