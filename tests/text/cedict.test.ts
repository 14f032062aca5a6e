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
    // Small tables of the same shape as the real ones (which the test above checks): the cache is what is tested here.
    let builds = 0;
    const pack = () => {
      builds++;
      const lines = (keys: string[]) => keys.map((key) => `${key}\t${JSON.stringify([{ label: `${key}-译`, weight: 1 }])}\n`);
      const table = (keys: string[]) => {
        const text = lines(keys).join("");
        const starts = new Uint32Array(keys.length + 1);
        lines(keys).forEach((line, i) => (starts[i + 1] = starts[i]! + line.length));
        return { text, starts };
      };
      return { chinese: table(["burnout", "mesh"]), english: table(["倦怠", "网格"]) };
    };
    try {
      writeFileSync(join(dir, "cedict-0123456789abcdef01234567.bin"), "from another version");
      const built = cedict.cachedPackedCedict(dir, pack);
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      expect(builds).toBe(1);
      const file = join(dir, files[0]!);
      const read = cedict.cachedPackedCedict(dir, pack);
      expect(builds).toBe(1);
      expect(read.english.text).toBe(built.english.text);
      expect([...read.chinese.starts]).toEqual([...built.chinese.starts]);
      // A truncated file is not used: the tables are built again and the file written whole.
      const whole = readFileSync(file);
      writeFileSync(file, whole.subarray(0, whole.byteLength - 3));
      expect(cedict.cachedPackedCedict(dir, pack).english.text).toBe(built.english.text);
      expect(builds).toBe(2);
      expect(readFileSync(file).equals(whole)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
