/**
 * fast-check arbitraries for renderer fuzzing, shared by the Slack and Discord suites: strings made of a
 * platform's hostile pieces (mentions, markup, control characters) and arbitrary Unicode, huge runs of one
 * piece, and whole replies built from them. Each platform passes its own hostile pieces and extremes.
 */
import fc from "fast-check";
import type { ActionKind, QuoteCard, Reply, ReplyAction, ReplyKind, Segment, Visibility } from "../../src/reply/types.ts";

export interface HostileOptions {
  /** Pieces that try to ping, format, hide or break things on the platform. */
  pieces: readonly string[];
  /** How many times a huge string repeats one piece (the top should be far over every limit once escaped). */
  hugeRepeats: { min: number; max: number };
  /** Button tokens to try besides short random strings (e.g. over-long ones). */
  tokens: fc.Arbitrary<string>;
  /** Links to try besides web URLs, hostile strings and `javascript:`. */
  urls: readonly string[];
  maxQuotes: number;
  maxActions: number;
}

export interface HostileArbitraries {
  /** Hostile pieces mixed with arbitrary Unicode, up to a few hundred characters. */
  hostileString: fc.Arbitrary<string>;
  /** A hostile string with a long run of one piece in the middle (up to ~10,000 characters). */
  hugeString: fc.Arbitrary<string>;
  /** A reply with every field hostile: many quotes, buttons, paragraphs, bad tokens and URLs. */
  reply: fc.Arbitrary<Reply>;
}

export function hostileArbitraries(options: HostileOptions): HostileArbitraries {
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...options.pieces) },
    { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  );
  const hostileString = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(""));
  const hugeString = fc
    .tuple(hostileString, fc.constantFrom(...options.pieces), fc.integer(options.hugeRepeats), hostileString)
    .map(([a, repeated, n, b]) => a + repeated.repeat(n) + b);
  const anyString = fc.oneof({ weight: 6, arbitrary: hostileString }, { weight: 1, arbitrary: hugeString });

  const segments: fc.Arbitrary<Segment[]> = fc.array(fc.record({ text: anyString, mark: fc.boolean() }, { requiredKeys: ["text"] }), {
    minLength: 1,
    maxLength: 8,
  });
  const action: fc.Arbitrary<ReplyAction> = fc.record({
    kind: fc.constantFrom<ActionKind>("more", "share", "helpful", "not_helpful"),
    label: anyString,
    token: fc.oneof(fc.string({ maxLength: 100 }), options.tokens),
  });
  const url = fc.oneof(fc.webUrl(), anyString, fc.constantFrom("javascript:alert(1)", ...options.urls));
  const quote: fc.Arbitrary<QuoteCard> = fc.record(
    {
      passageId: fc.string({ maxLength: 20 }),
      segments,
      speaker: anyString,
      title: anyString,
      section: anyString,
      url,
      actions: fc.array(action, { maxLength: options.maxActions }),
    },
    { requiredKeys: ["passageId", "segments", "title", "section"] },
  );
  const reply: fc.Arbitrary<Reply> = fc.record(
    {
      kind: fc.constantFrom<ReplyKind>("quotes", "lesson", "help", "notice", "no_match", "error"),
      visibility: fc.constantFrom<Visibility>("ephemeral", "channel", "thread"),
      heading: anyString,
      body: fc.array(hostileString, { maxLength: 60 }),
      quotes: fc.array(quote, { maxLength: options.maxQuotes }),
      suggestions: fc.array(hostileString, { maxLength: 12 }),
      actions: fc.array(action, { maxLength: options.maxActions }),
      footer: anyString,
      replaceOriginal: fc.boolean(),
    },
    { requiredKeys: ["kind", "visibility", "body", "quotes", "suggestions", "actions"] },
  );
  return { hostileString, hugeString, reply };
}

/** A reply as the core builds one for a query: the user's text echoed in every plain-text slot. */
export function echoing(text: string): Reply {
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

/** Lone surrogates as a renderer may show them (the replacement character). */
export function withoutLoneSurrogates(text: string): string {
  return text.toWellFormed();
}
