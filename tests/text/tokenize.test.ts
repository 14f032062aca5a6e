import { describe, expect, it } from "vitest";
import { bigrams, camelParts, cjkQueryWords, cjkWords, latinTerms, scan } from "../../src/text/tokenize.ts";
import { phraseSet } from "../../src/text/phrases.ts";

const texts = (input: string) => scan(input).map((p) => `${p.kind}:${p.text}`);

describe("scan", () => {
  it("keeps names and versions whole", () => {
    expect(texts("envoy 用 c++ 写, kube-ovn 和 k8s v1.31 与 3.0 版, c#")).toEqual([
      "latin:envoy",
      "cjk:用",
      "latin:c++",
      "cjk:写",
      "latin:kube-ovn",
      "cjk:和",
      "latin:k8s",
      "latin:v1.31",
      "cjk:与",
      "latin:3.0",
      "cjk:版",
      "latin:c#",
    ]);
  });

  it("separates CJK runs from Latin tokens without spaces", () => {
    expect(texts("基于oam构建")).toEqual(["cjk:基于", "latin:oam", "cjk:构建"]);
  });

  it("drops punctuation and symbols", () => {
    expect(scan("!!! ?? 🎉 —— 。")).toEqual([]);
  });

  it("records offsets", () => {
    const [piece] = scan("  kcl 配置");
    expect(piece).toMatchObject({ start: 2, end: 5 });
  });
});

describe("latinTerms", () => {
  it("adds the parts of compounds", () => {
    expect(latinTerms("kube-ovn")).toEqual(["kube-ovn", "kube", "ovn"]);
    expect(latinTerms("ci/cd")).toEqual(["ci/cd", "ci", "cd"]);
  });

  it("keeps versions whole and drops possessives and stopwords", () => {
    expect(latinTerms("v1.31")).toEqual(["v1.31"]);
    expect(latinTerms("envoy's")).toEqual(["envoy"]);
    expect(latinTerms("the")).toEqual([]);
  });
});

describe("camelParts", () => {
  it("splits product names written in camel case", () => {
    expect(camelParts("KusionStack")).toEqual(["kusion", "stack"]);
    expect(camelParts("OpenYurt")).toEqual(["open", "yurt"]);
  });

  it("leaves other words alone", () => {
    expect(camelParts("Kubernetes")).toEqual([]);
    expect(camelParts("iPaaS")).toEqual([]);
    expect(camelParts("CNCF")).toEqual([]);
  });
});

describe("CJK words and bigrams", () => {
  it("makes bigrams, none for one character", () => {
    expect(bigrams("开源治理")).toEqual(["开源", "源治", "治理"]);
    expect(bigrams("云")).toEqual([]);
  });

  it("cuts trailing particles off ICU words", () => {
    const words = cjkWords("赢了编排之争");
    expect(words).toContain("了");
    expect(words.some((w) => w.endsWith("了") && w.length > 1)).toBe(false);
  });

  it("finds multi-character stopwords and lexicon words before ICU", () => {
    expect(cjkQueryWords("为什么用")).toEqual(["为什么", "用"]);
    expect(cjkQueryWords("基金会对开源", phraseSet(["基金会", "开源"]))).toEqual(["基金会", "对", "开源"]);
  });
});

describe("phrase index", () => {
  it("finds the longest phrase at a position and every occurrence", () => {
    const index = phraseSet(["开源", "开源治理", "治理"]);
    expect(index.longestAt("开源治理模型", 0)?.phrase).toBe("开源治理");
    expect(index.longestAt("开源治理模型", 1)).toBeUndefined();
    expect(index.occurrences("开源治理").map((o) => `${o.at}:${o.phrase}`)).toEqual(["0:开源治理", "0:开源", "2:治理"]);
  });
});
