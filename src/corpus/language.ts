/**
 * The language of an article's text, when front matter does not say: `zh`, `en`, or `mul` (mixed).
 * Counted, not guessed from a sample: Han characters against Latin words. Technical Chinese is full of
 * English names (Kubernetes, Envoy), so a word counts as much as two characters; an English page with a
 * few Chinese names stays `en`, never `zh`.
 */
import type { Section } from "./types.ts";

const HAN = /\p{Script=Han}/gu;
const KANA_HANGUL = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const LATIN_WORD = /\p{Script=Latin}{2,}/gu;

export type DetectedLanguage = "zh" | "en" | "mul";

export function detectLanguage(text: string): DetectedLanguage {
  const han = text.match(HAN)?.length ?? 0;
  const other = text.match(KANA_HANGUL)?.length ?? 0;
  const words = text.match(LATIN_WORD)?.length ?? 0;
  // Weights: a Chinese sentence of 20 characters says about as much as an English one of 10 words.
  const zh = han;
  const en = words * 2;
  const total = zh + en + other;
  if (total === 0) return "en";
  if (other > total * 0.3) return "mul";
  const zhShare = zh / total;
  if (zhShare >= 0.6) return "zh";
  if (zhShare <= 0.15) return "en";
  return "mul";
}

/** The text of sections, for detection (headings included, at most the first 20,000 characters). */
export function sectionsText(sections: readonly Section[], limit = 20_000): string {
  let out = "";
  for (const section of sections) {
    out += `${section.heading}\n`;
    for (const block of section.blocks) out += `${block.kind === "list" ? block.items.join("\n") : block.text}\n`;
    if (out.length > limit) break;
  }
  return out.slice(0, limit);
}
