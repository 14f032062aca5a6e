/**
 * Fitting rendered text into a length limit by cutting the plain text, never the markup: a cut through
 * `\*` or `**` would garble the message, so the text is cut first (grapheme-safe, with "…") and rendered again.
 */
import type { Segment } from "../../../src/reply/types.ts";
import { clip, stripInvisible } from "../../../src/reply/clip.ts";

const ELLIPSIS = "…";

/**
 * The longest rendering of a prefix of `segments` (ending in "…" when cut) that is at most `max` long.
 * `render` must not shorten text, which holds for escaping once invisible characters are gone: so the
 * plain prefix never needs to be longer than `max`, and each retry shrinks it in proportion to the overflow.
 */
export function fitSegments(segments: readonly Segment[], max: number, render: (segments: readonly Segment[]) => string): string {
  const visible = segments.map((s) => ({ ...s, text: stripInvisible(s.text) }));
  const whole = render(visible);
  if (whole.length <= max) return whole;
  let budget = Math.min(plainLength(visible), max);
  while (budget > ELLIPSIS.length) {
    const rendered = render(clipSegments(visible, budget));
    if (rendered.length <= max) return rendered;
    budget = Math.min(budget - 1, Math.floor((budget * max) / rendered.length));
  }
  const last = render([{ text: ELLIPSIS }]);
  return last.length <= max ? last : "";
}

/** Plain text to at most `max` characters (grapheme-safe, "…" when cut) as rendered by `render`. */
export function fitText(text: string, max: number, render: (text: string) => string): string {
  return fitSegments([{ text }], max, (segments) => render(segments.map((s) => s.text).join("")));
}

/** The first `max` characters of the segments' text, marks kept, ending in "…" when cut. */
export function clipSegments(segments: readonly Segment[], max: number): Segment[] {
  if (plainLength(segments) <= max) return [...segments];
  const out: Segment[] = [];
  let left = max - ELLIPSIS.length;
  for (const segment of segments) {
    if (left <= 0) break;
    // `clip` with no ellipsis of its own: a grapheme-safe cut to `left` characters.
    const text = segment.text.length <= left ? segment.text : clip(segment.text, left, "");
    if (text !== "") out.push({ ...segment, text });
    left -= text.length;
    if (text.length < segment.text.length) break;
  }
  out.push({ text: ELLIPSIS });
  return out;
}

function plainLength(segments: readonly Segment[]): number {
  return segments.reduce((n, s) => n + s.text.length, 0);
}
