import { describe, expect, it } from "vitest";
import { analyseArticle, indexAnalysed, type ArticleAnalysis } from "../../src/search/engine.ts";
import { patchIndex, termIdsOf, type LaidIndex } from "../../src/search/index-patch.ts";
import { TermDictionary } from "../../src/search/term-index.ts";
import { createAnalyzer } from "../../src/text/analyzer.ts";
import { EMPTY_GLOSSARY } from "../../src/text/glossary.ts";
import { article } from "./helpers.ts";

const analyzer = createAnalyzer(EMPTY_GLOSSARY);

function analysed(dictionary: TermDictionary, id: string, paragraphs: string[], title = `Title ${id}`): ArticleAnalysis {
  return analyseArticle(article(id, [{ heading: `Heading of ${id}`, parents: ["Guide"], blocks: paragraphs }], { title }), analyzer, dictionary);
}

function laid(analyses: ArticleAnalysis[], dictionary: TermDictionary): LaidIndex {
  const { data } = indexAnalysed(analyses, dictionary).index;
  return { data, analyses, ids: termIdsOf(data, dictionary) };
}

describe("patched passage index", () => {
  it("is the index laid out from scratch, array for array, after changes, additions and removals", () => {
    const dictionary = new TermDictionary();
    const a = analysed(dictionary, "a", ["Kubernetes clusters run everywhere in the fleet.", "Every cluster has an owner and a runbook."]);
    const b = analysed(dictionary, "b", ["开源社区的治理需要透明的流程。", "维护者负责评审每一个变更。"]);
    const c = analysed(dictionary, "c", ["The runbook says who is on call, and alpha alpha alpha repeats."]);
    const d = analysed(dictionary, "d", ["Only this article says zebra."], "Unique Titleword");
    let base = laid([a, b, c, d], dictionary);
    const steps: ArticleAnalysis[][] = [
      // b changed: a new term (zyxwvprobe), its old terms gone (治理 only there).
      [a, analysed(dictionary, "b", ["维护者负责评审每一个变更。", "zyxwvprobe 出现在这里。"]), c, d],
      // An article added in the middle, one at the end; d removed (zebra and its title word go).
      [a, analysed(dictionary, "a2", ["A new cluster article about owners."]), c, analysed(dictionary, "e", ["Everything new: yak."])],
    ];
    for (const next of steps) {
      const patched = patchIndex(base, next, dictionary);
      expect(patched).toBeDefined();
      expect(patched!.data).toEqual(indexAnalysed(next, dictionary).index.data);
      expect([...patched!.ids]).toEqual([...termIdsOf(patched!.data, dictionary)]);
      base = patched!;
    }
    expect(base.data.terms).not.toContain("zebra");
    expect(base.data.terms).toContain("yak");
  });

  it("gives way to a full lay-out when most articles changed or an analysis repeats", () => {
    const dictionary = new TermDictionary();
    const a = analysed(dictionary, "a", ["One paragraph here."]);
    const b = analysed(dictionary, "b", ["Another paragraph there."]);
    const base = laid([a, b], dictionary);
    expect(patchIndex(base, [analysed(dictionary, "x", ["All new."]), analysed(dictionary, "y", ["Also new."])], dictionary)).toBeUndefined();
    expect(patchIndex(base, [a, a], dictionary)).toBeUndefined();
  });
});
