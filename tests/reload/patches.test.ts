import { describe, expect, it } from "vitest";
import { applyingTermsPatch, applyTermsPatch, applyVocabularyPatch, keysDigest, StringsDigest, termsPatch, VocabularyDigest, vocabularyDigest, vocabularyPatch } from "../../src/app/reload-patches.ts";
import type { VocabularyEntry } from "../../src/search/suggest.ts";

const entry = (label: string, weight = 1, kind: VocabularyEntry["kind"] = "term"): VocabularyEntry => ({ label, folded: label.toLowerCase(), kind, weight, topic: 0 });

describe("a reload's lists as edits of the serving engine's", () => {
  it("terms: removed and added anywhere, the base not the one the edits were made from", () => {
    const base = ["a", "b", "c", "d", "x"];
    for (const next of [["a", "b", "c", "d", "x"], ["0", "a", "bb", "c", "y", "z"], [], ["b"], ["a", "b", "c", "d", "x", "y"]]) {
      const patch = termsPatch(base, next);
      expect(applyTermsPatch(base, patch)).toEqual(next);
    }
    expect(termsPatch(base, ["a", "c", "e"])).toEqual({ baseCount: 5, removed: [1, 3, 4], added: ["e"] });
    expect(applyTermsPatch(["a"], termsPatch(base, ["a"]))).toBeUndefined();
  });

  it("vocabulary: unchanged runs by position, new and changed entries as literals, checked against the base's digest", () => {
    const base = [entry("Kubernetes", 3), entry("开源", 5), entry("治理", 2), entry("Handbook", 1, "heading")];
    const next = [entry("开源", 6), entry("治理", 2), entry("Handbook", 1, "heading"), entry("zyxwvprobe"), entry("Kubernetes", 3)];
    const digest = vocabularyDigest(base);
    const { patch, literals } = vocabularyPatch(base, digest, next);
    expect(literals).toEqual([entry("开源", 6), entry("zyxwvprobe")]);
    expect(patch.ops).toEqual([{ literals: 1 }, { from: 2, count: 2 }, { literals: 1 }, { from: 0, count: 1 }]);
    expect(applyVocabularyPatch(base, digest, patch, literals)).toEqual(next);
    // Another base of the same length, or the literals missing: no list rather than a wrong one.
    const other = base.map((e, i) => (i === 2 ? entry("治理", 9) : e));
    expect(applyVocabularyPatch(other, vocabularyDigest(other), patch, literals)).toBeUndefined();
    expect(applyVocabularyPatch(base, digest, patch, literals.slice(1))).toBeUndefined();
    // Digested in parts, the same digest.
    expect(new VocabularyDigest().add(base.slice(0, 1)).add(base.slice(1)).value).toBe(digest);
  });

  it("long lists: applied a slice at a time, the same lists", () => {
    // Several slices (the serving thread yields every 16,384 items), edits in every one.
    const base = Array.from({ length: 60_000 }, (_, i) => `t${String(i).padStart(6, "0")}`);
    const next = base.filter((_, i) => i % 997 !== 0).concat(Array.from({ length: 50 }, (_, i) => `u${i}`)).sort();
    const patch = termsPatch(base, next);
    const steps = applyingTermsPatch(base, patch);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    expect(yields).toBeGreaterThanOrEqual(3);
    expect(step.value).toEqual(next);
    const entries = base.map((label, i) => entry(label, i % 7));
    const edited = entries.map((e, i) => (i % 1_001 === 0 ? entry(e.label, 99) : e)).concat([entry("zyxwvprobe")]);
    const digest = vocabularyDigest(entries);
    const { patch: listEdits, literals } = vocabularyPatch(entries, digest, edited);
    expect(applyVocabularyPatch(entries, digest, listEdits, literals)).toEqual(edited);
  });

  it("ids digested a slice at a time (the serving thread) give the worker's digest of the whole list; order and splits count", () => {
    const ids = ["a:1", "a:2", "b:1", "c:9"];
    expect(new StringsDigest().add(ids.slice(0, 3)).add(ids.slice(3)).value).toBe(keysDigest(ids));
    expect(keysDigest([...ids].reverse())).not.toBe(keysDigest(ids));
    expect(keysDigest(["ab", "c"])).not.toBe(keysDigest(["a", "bc"]));
  });
});
