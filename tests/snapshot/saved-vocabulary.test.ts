import { describe, expect, it } from "vitest";
import { decodeVocabulary, encodeVocabulary } from "../../src/index-cache/saved-vocabulary.ts";
import type { VocabularyEntry } from "../../src/search/suggest.ts";

describe("saved vocabulary", () => {
  it("comes back exactly: labels, folded forms (same or not), kinds, weights and topics", () => {
    const entries: VocabularyEntry[] = [
      { label: "Kubernetes", folded: "kubernetes", kind: "term", weight: 12, topic: 1 },
      { label: "开源社区", folded: "开源社区", kind: "heading", weight: 0.5, topic: 0 },
      { label: "雲原生", folded: "云原生", kind: "heading", weight: 3, topic: 2 },
      { label: "", folded: "", kind: "term", weight: 1e-9, topic: 0 },
    ];
    const sections = encodeVocabulary(entries).map((section) => section.slice());
    expect(decodeVocabulary(sections)).toEqual(entries);
    expect(decodeVocabulary(encodeVocabulary([]))).toEqual([]);
  });

  it("refuses sections that do not fit together", () => {
    const sections = encodeVocabulary([{ label: "a", folded: "b", kind: "term", weight: 1, topic: 0 }]);
    expect(() => decodeVocabulary(sections.slice(1))).toThrow(/incomplete/);
    expect(() => decodeVocabulary([...sections.slice(0, 4), new Uint8Array(2), ...sections.slice(5)])).toThrow(/count/);
  });
});
