/**
 * Fitting rendered text into a Slack limit by cutting the plain text it comes from, so markup (entities,
 * bold markers, links) is never cut in half.
 */
import type { Segment } from "../../../src/reply/types.ts";
import { clip, stripInvisible } from "../../../src/reply/clip.ts";

/**
 * Renders `segments`, cutting the plain text (never the markup: a half entity like `&am` or a lone `*`
 * would garble the message) to the longest prefix whose rendering fits `max`.
 */
export function fit(segments: readonly Segment[], max: number, render: (segments: readonly Segment[]) => string): string {
  // Without invisible characters, rendering never shortens text (escapes and markers only add), so no
  // prefix longer than `max` can fit and a shorter prefix never renders longer.
  const visibleSegments = segments.map((s) => ({ ...s, text: stripInvisible(s.text) }));
  const whole = render(visibleSegments);
  if (whole.length <= max) return whole;
  // Binary search with a cheap code-unit cut, then one grapheme-safe cut at the length found: that is a
  // prefix of the cheap one, so it fits too (grapheme segmentation is too slow to run a dozen times).
  let best = 0;
  let lo = 1;
  let hi = Math.min(plainLength(visibleSegments), max);
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (render(cutSegments(visibleSegments, mid, roughCut)).length <= max) {
      best = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  // (The safe cut is never longer than the rough one at the same length: a lone surrogate counts as a grapheme.)
  const safeCut = (text: string, n: number) => graphemeCut(text, roughCut(text, n).length);
  return render(best === 0 ? [{ text: "…" }] : cutSegments(visibleSegments, best, safeCut));
}

/**
 * `clip` without the ellipsis. Boundaries up to `n` depend on at most the next character, so segmenting
 * a slightly longer prefix gives the same cut, and ICU segments a short string much faster than a long one.
 */
function graphemeCut(text: string, n: number): string {
  return clip(text.slice(0, n + 64), n, "");
}

/** The first `n` UTF-16 units, not splitting a surrogate pair. */
function roughCut(text: string, n: number): string {
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

function plainLength(segments: readonly Segment[]): number {
  return segments.reduce((n, s) => n + s.text.length, 0);
}

/** The first `max` characters of the segments' text (marks kept, cut by `cut`), ending in "…". */
function cutSegments(segments: readonly Segment[], max: number, cut: (text: string, n: number) => string): Segment[] {
  if (plainLength(segments) <= max) return [...segments];
  const out: Segment[] = [];
  let left = max - 1;
  for (const segment of segments) {
    if (left <= 0) break;
    const text = segment.text.length <= left ? segment.text : cut(segment.text, left);
    if (text !== "") out.push({ ...segment, text });
    left -= text.length;
    if (text.length < segment.text.length) break;
  }
  out.push({ text: "…" });
  return out;
}
