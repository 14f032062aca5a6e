/**
 * Fitting rendered text into a platform limit by cutting the plain text it comes from, never the markup:
 * a cut through an entity (`&am`), an escape (`\*`) or a bold marker would garble the message. Every
 * adapter renders its own markup; this is the one place that decides where to cut.
 */
import type { Segment } from "./types.ts";
import { clip, stripInvisible } from "./clip.ts";

const ELLIPSIS = "…";

/**
 * The rendering of the longest prefix of `segments` (ending in "…" when cut) that is at most `max` long,
 * or `""` when not even "…" fits. `render` must not shorten text, which holds for escaping and markers once
 * invisible characters are gone: so no prefix longer than `max` can fit, and a shorter prefix never renders
 * longer than a longer one.
 */
export function fitSegments(segments: readonly Segment[], max: number, render: (segments: readonly Segment[]) => string): string {
  const visible = segments.map((s) => ({ ...s, text: stripInvisible(s.text) }));
  const whole = render(visible);
  if (whole.length <= max) return whole;
  // Binary search with a cheap code-unit cut, then one grapheme-safe cut at the length found: that is a
  // prefix of the cheap one, so it fits too (grapheme segmentation is too slow to run a dozen times).
  let best = 0;
  let lo = 1;
  let hi = Math.min(plainLength(visible), max);
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (render(cutSegments(visible, mid, roughCut)).length <= max) {
      best = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (best > 0) return render(cutSegments(visible, best, (text, n) => graphemeCut(text, roughCut(text, n).length)));
  const last = render([{ text: ELLIPSIS }]);
  return last.length <= max ? last : "";
}

/** Plain text fitted to `max` characters as rendered by `render` (see `fitSegments`). */
export function fitText(text: string, max: number, render: (text: string) => string): string {
  return fitSegments([{ text }], max, (segments) => render(segments.map((s) => s.text).join("")));
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
  let left = max - ELLIPSIS.length;
  for (const segment of segments) {
    if (left <= 0) break;
    const text = segment.text.length <= left ? segment.text : cut(segment.text, left);
    if (text !== "") out.push({ ...segment, text });
    left -= text.length;
    if (text.length < segment.text.length) break;
  }
  out.push({ text: ELLIPSIS });
  return out;
}
