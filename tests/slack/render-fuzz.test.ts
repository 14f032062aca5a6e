/**
 * The Block Kit renderer against hostile and huge input (fast-check, fixed seeds): it never throws, never
 * exceeds a Slack limit, and never lets user or corpus text ping, link or break the markup.
 */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { renderReply } from "../../adapters/slack/render/blocks.ts";
import { stripInvisible } from "../../src/reply/clip.ts";
import type { ActionKind, QuoteCard, Reply, ReplyAction, ReplyKind, Segment, Visibility } from "../../src/reply/types.ts";
import { HOSTILE, violations } from "./invariants.ts";

/** Strings mixing hostile pieces and arbitrary Unicode (up to a few hundred characters). */
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
);
const hostileString = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(""));

/** The same, with long runs of one hostile piece: far over every Slack limit once escaped. */
const hugeString = fc
  .tuple(hostileString, fc.constantFrom(...HOSTILE), fc.integer({ min: 300, max: 3000 }), hostileString)
  .map(([a, repeated, n, b]) => a + repeated.repeat(n) + b);
const anyString = fc.oneof({ weight: 6, arbitrary: hostileString }, { weight: 1, arbitrary: hugeString });

const segments: fc.Arbitrary<Segment[]> = fc.array(
  fc.record({ text: anyString, mark: fc.boolean() }, { requiredKeys: ["text"] }),
  { minLength: 1, maxLength: 8 },
);
const action: fc.Arbitrary<ReplyAction> = fc.record({
  kind: fc.constantFrom<ActionKind>("more", "share", "helpful", "not_helpful"),
  label: anyString,
  token: fc.oneof(fc.string({ maxLength: 100 }), fc.string({ minLength: 1990, maxLength: 2100 })),
});
const url = fc.oneof(fc.webUrl(), anyString, fc.constant("https://example.com/a|b>c<d&e f"), fc.constant("javascript:alert(1)"));
const quote: fc.Arbitrary<QuoteCard> = fc.record(
  {
    passageId: fc.string({ maxLength: 20 }),
    segments,
    speaker: anyString,
    title: anyString,
    section: anyString,
    url,
    actions: fc.array(action, { maxLength: 30 }),
  },
  { requiredKeys: ["passageId", "segments", "title", "section"] },
);
const reply: fc.Arbitrary<Reply> = fc.record(
  {
    kind: fc.constantFrom<ReplyKind>("quotes", "lesson", "help", "notice", "no_match", "error"),
    visibility: fc.constantFrom<Visibility>("ephemeral", "channel", "thread"),
    heading: anyString,
    body: fc.array(hostileString, { maxLength: 60 }),
    quotes: fc.array(quote, { maxLength: 20 }),
    suggestions: fc.array(hostileString, { maxLength: 12 }),
    actions: fc.array(action, { maxLength: 30 }),
    footer: anyString,
    replaceOriginal: fc.boolean(),
  },
  { requiredKeys: ["kind", "visibility", "body", "quotes", "suggestions", "actions"] },
);

/** A reply as the core builds one for a query: the user's text echoed in every plain-text slot. */
function echoing(text: string): Reply {
  const half = Math.floor(text.length / 2);
  return {
    kind: "quotes",
    visibility: "ephemeral",
    heading: `“${text}” · 1–3 of 8`,
    body: [text],
    quotes: [
      {
        passageId: "a:1",
        segments: [{ text: text.slice(0, half) }, { text: text.slice(half), mark: true }, { text }],
        speaker: text,
        title: text,
        section: text,
        url: `https://example.com/${text}`,
        actions: [{ kind: "share", label: text, token: "s|a:1|q" }],
      },
    ],
    suggestions: [text, text],
    actions: [{ kind: "more", label: text, token: "m|q|1" }],
    footer: text,
  };
}

/** What a reader sees: entities decoded, invisible marks gone, look-alikes read as what they replace. */
function readable(mrkdwn: string): string {
  const entities: Record<string, string> = { lt: "<", gt: ">", amp: "&" };
  return normalise(mrkdwn.replace(/&(lt|gt|amp);/g, (_whole, name: string) => entities[name] ?? ""));
}

function normalise(text: string): string {
  return stripInvisible(text)
    .replace(/[*\u2217]/g, "*")
    .replace(/[~\u223C]/g, "~")
    .replace(/[`\u02CB]/g, "`")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    .trim();
}

function sectionTexts(message: ReturnType<typeof renderReply>): string[] {
  return message.blocks.flatMap((b) => (b.type === "section" && b.text ? [b.text.text] : []));
}

function expectClean(message: ReturnType<typeof renderReply>): void {
  const problems = violations(message as unknown as Record<string, unknown>);
  expect(problems).toEqual([]);
}

describe("Slack renderer under fuzzing", () => {
  test("10,000 hostile strings echoed in every field stay within limits and never ping", () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        const message = renderReply(echoing(text));
        expectClean(message);
        // Escaped, not mangled: the paragraph reads back as the visible input (unless it had to be cut).
        const paragraph = sectionTexts(message).find((t) => !t.startsWith(">") && !t.includes("*"));
        const expected = normalise(text);
        if (expected !== "" && !paragraph?.endsWith("…")) expect(readable(paragraph ?? "")).toBe(expected);
      }),
      { seed: 20240611, numRuns: 10_000 },
    );
  });

  test("huge hostile strings are cut to the limits without breaking an escape or a grapheme", () => {
    fc.assert(
      fc.property(hugeString, (text) => {
        const message = renderReply(echoing(text));
        expectClean(message);
        // Cut, not dropped: the quote is still there, ending in an ellipsis.
        const quote = sectionTexts(message).find((t) => t.startsWith(">"));
        expect(quote).toBeDefined();
      }),
      { seed: 99, numRuns: 60 },
    );
  });

  test("arbitrary replies (many quotes, buttons, paragraphs) stay within limits", () => {
    fc.assert(
      fc.property(reply, (r) => {
        expectClean(renderReply(r));
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  test("the checker itself catches what it must", () => {
    // Guard against a vacuous fuzz test: raw markup and over-long fields are reported.
    expect(violations({ text: "hi <!channel>", blocks: [] })).not.toEqual([]);
    expect(violations({ text: "hi", blocks: [{ type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } }] })).not.toEqual([]);
    expect(violations({ text: "@here", blocks: [] })).not.toEqual([]);
    expect(violations({ text: "a & b", blocks: [] })).not.toEqual([]);
    expect(violations({ text: "ok", blocks: Array.from({ length: 51 }, () => ({ type: "section", text: { type: "mrkdwn", text: "x" } })) })).not.toEqual([]);
  });
});
