/**
 * Cuts text to a platform limit without splitting a surrogate pair or combining sequence,
 * ending with "…" when it had to cut. Every adapter uses this for every field it sends.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export function clip(text: string, max: number, ellipsis = "…"): string {
  if (text.length <= max) return text;
  const budget = Math.max(0, max - ellipsis.length);
  let out = "";
  for (const { segment } of segmenter.segment(text)) {
    if (out.length + segment.length > budget) break;
    out += segment;
  }
  return out + ellipsis;
}

/** Control characters other than tab/newline, and zero-width/bidi marks that can hide or reorder text. */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Removes characters that render invisibly or garble output; keeps tabs and newlines. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, "");
}
