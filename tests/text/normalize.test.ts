import { describe, expect, it } from "vitest";
import { fold, foldWithMap } from "../../src/text/normalize.ts";

describe("fold", () => {
  it("applies NFKC and case folding", () => {
    expect(fold("ＫＵＢＥＲＮＥＴＥＳ　Ｃ＋＋")).toBe("kubernetes c++");
    expect(fold("Envoy API")).toBe("envoy api");
  });

  it("converts Traditional to Simplified Chinese", () => {
    expect(fold("開源治理")).toBe("开源治理");
    expect(fold("職業倦怠")).toBe("职业倦怠");
    expect(fold("雲原生發行版")).toBe("云原生发行版");
  });

  it("leaves Simplified text as it is (no phrase rewriting)", () => {
    const text = "建立一个核心的开源社区,为什么这么说";
    expect(fold(text)).toBe(text);
  });
});

describe("foldWithMap", () => {
  it("maps every folded character back to its origin", () => {
    const original = "Ａ開源 API ﬁne";
    const { text, map } = foldWithMap(original);
    expect(text).toBe("a开源 api fine");
    expect(map).toHaveLength(text.length + 1);
    // "fi" comes from the single ligature character ﬁ.
    const fi = text.indexOf("fi");
    expect(map[fi]).toBe(original.indexOf("ﬁ"));
    expect(map[fi + 1]).toBe(original.indexOf("ﬁ"));
    expect(original.slice(map[text.indexOf("开源")], map[text.indexOf("开源") + 2])).toBe("開源");
    expect(map[text.length]).toBe(original.length);
  });

  it("keeps astral characters whole", () => {
    const { text, map } = foldWithMap("a😀b");
    expect(text).toBe("a😀b");
    expect(map).toEqual([0, 1, 1, 3, 4]);
  });
});
