/**
 * The Discord renderer against hostile and huge input (fast-check, fixed seeds): it never throws, never
 * exceeds a Discord limit, never pings, and escapes user and corpus text instead of mangling it.
 */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { renderReply } from "../../adapters/discord/render/message.ts";
import { stripInvisible } from "../../src/reply/clip.ts";
import { echoing, hostileArbitraries, withoutLoneSurrogates } from "../support/hostile-replies.ts";
import { HOSTILE, violations } from "./invariants.ts";


const { hostileString, hugeString, reply } = hostileArbitraries({
  pieces: HOSTILE,
  hugeRepeats: { min: 300, max: 2500 },
  tokens: fc.oneof(fc.constantFrom("s|a:1|q", "m|q|1"), fc.string({ minLength: 101, maxLength: 300 })),
  urls: [`https://example.com/${"x".repeat(3000)}`],
  maxQuotes: 12,
  maxActions: 12,
});

/** What a reader sees: Discord's backslash escapes undone, our invisible breaks gone. */
function readable(markdown: string): string {
  return normalise(markdown.replace(/\\([^A-Za-z0-9\s])/g, "$1"));
}

function normalise(text: string): string {
  return withoutLoneSurrogates(stripInvisible(text)).trim();
}

describe("Discord renderer under fuzzing", () => {
  test("10,000 hostile strings echoed in every field stay within limits, never ping, and read back as typed", () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        expect(violations(renderReply(echoing(text)) as unknown as Record<string, unknown>)).toEqual([]);
        // Escaped, not mangled: a notice shows exactly the visible text (unless it had to be cut).
        const notice = renderReply({ kind: "notice", visibility: "ephemeral", body: [text], quotes: [], suggestions: [], actions: [] });
        const description = String(notice.embeds[0]?.description ?? "");
        const expected = normalise(text);
        if (expected !== "" && !description.endsWith("…")) expect(readable(description)).toBe(expected);
      }),
      { seed: 20240611, numRuns: 10_000 },
    );
  });

  test("huge hostile strings (up to ~10,000 characters) are cut to the limits, the quote kept", () => {
    fc.assert(
      fc.property(hugeString, (text) => {
        const message = renderReply(echoing(text));
        expect(violations(message as unknown as Record<string, unknown>)).toEqual([]);
        expect(String(message.embeds[0]?.description)).toMatch(/^> /);
      }),
      { seed: 99, numRuns: 80 },
    );
  });

  test("arbitrary replies (many quotes, buttons, paragraphs, bad tokens and URLs) stay within limits", () => {
    fc.assert(
      fc.property(reply, (r) => {
        expect(violations(renderReply(r) as unknown as Record<string, unknown>)).toEqual([]);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  test("the checker itself catches what it must", () => {
    const ok = { allowed_mentions: { parse: [] } };
    expect(violations({ ...ok, content: "hi @everyone" })).not.toEqual([]);
    expect(violations({ ...ok, content: "hi <@123>" })).not.toEqual([]);
    expect(violations({ ...ok, content: "a *b" })).not.toEqual([]);
    expect(violations({ ...ok, content: "**a" })).not.toEqual([]);
    expect(violations({ ...ok, content: "# title" })).not.toEqual([]);
    expect(violations({ ...ok, content: "x".repeat(2001) })).not.toEqual([]);
    expect(violations({ content: "hi" })).not.toEqual([]);
    expect(violations({ allowed_mentions: { parse: ["everyone"] }, content: "hi" })).not.toEqual([]);
    expect(violations({ ...ok, embeds: [{ description: "x".repeat(4000) }, { description: "x".repeat(4000) }] })).not.toEqual([]);
    const row = { type: 1, components: [{ type: 2, label: "a", custom_id: "same" }] };
    expect(violations({ ...ok, content: "x", components: [row, row] })).not.toEqual([]);
    expect(violations({ ...ok, content: "x", components: Array.from({ length: 6 }, (_, i) => ({ type: 1, components: [{ type: 2, label: "a", custom_id: `${i}` }] })) })).not.toEqual([]);
    expect(violations({ ...ok, content: "fine **bold** \\*", embeds: [{ description: "> quote **x**\n— who" }] })).toEqual([]);
  });
});
