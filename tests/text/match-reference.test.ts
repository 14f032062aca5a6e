/**
 * match.ts scans passages by UTF-16 unit with a table of word characters instead of a regex test per
 * character (a search's hottest loop). Held here to the plain definition — a term's Latin ends must not
 * touch a letter or digit of a non-Han script — over random texts mixing ASCII, accented and fullwidth
 * Latin, Cyrillic, Han, CJK punctuation, digits, emoji (surrogate pairs) and lone surrogates.
 */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { containsTerm, termSpans } from "../../src/text/match.ts";
import { stem } from "../../src/text/stem.ts";

const WORD_CHAR = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;
const PLAIN = /^[a-z]+$/;

/** The definition: one UTF-16 unit, tested with the Unicode regexes. */
const wordUnit = (ch: string | undefined) => ch !== undefined && WORD_CHAR.test(ch) && !HAN.test(ch);

/** Reference spans: plain terms as whole words or their stems; others anywhere, with Latin ends bounded. */
function referenceSpans(text: string, term: string): { start: number; end: number }[] {
  if (!term) return [];
  const out: { start: number; end: number }[] = [];
  if (PLAIN.test(term)) {
    for (let i = 0; i < text.length; ) {
      if (!wordUnit(text[i])) {
        i++;
        continue;
      }
      let end = i + 1;
      while (end < text.length && wordUnit(text[end])) end++;
      const word = text.slice(i, end);
      if (PLAIN.test(word) && (word === term || stem(word) === term)) out.push({ start: i, end });
      i = end;
    }
    return out;
  }
  const checkStart = wordUnit(term[0]);
  const checkEnd = wordUnit(term[term.length - 1]);
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
    if (checkStart && wordUnit(text[at - 1])) continue;
    if (checkEnd && wordUnit(text[at + term.length])) continue;
    out.push({ start: at, end: at + term.length });
  }
  return out;
}

const PIECES = ["api", "apis", "policy", "policies", "rapid", "café", "é", "ｆｕｌｌ", "ж", "слово", "开源", "社区", "，", "。", " ", "-", "_", "7", "42", "😀", "\uD83D", "\uDE00", "k8s", "ǅ", "Ⅻ", "١٢"];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((parts) => parts.join(""));
const term = fc.oneof(fc.constantFrom("api", "polici", "rapid", "caf", "café", "开源", "源社", "k8s", "42", "слово", "ｆｕｌｌ", "7"), fc.constantFrom(...PIECES));

describe("match.ts against the per-character definition", () => {
  test("termSpans and containsTerm agree with the reference on mixed-script text", () => {
    fc.assert(
      fc.property(text, term, (t, q) => {
        const expected = referenceSpans(t, q);
        // A plain term's spans come grouped by word, not in text order: compared as a set of places.
        const byStart = (spans: { start: number; end: number }[]) => [...spans].sort((a, b) => a.start - b.start);
        expect(byStart(termSpans(t, q))).toEqual(expected);
        expect(containsTerm(t, q)).toBe(expected.length > 0);
      }),
      { numRuns: 3_000 },
    );
  });
});
