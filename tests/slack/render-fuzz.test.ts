/**
 * The Block Kit renderer against hostile and huge input (fast-check, fixed seeds): it never throws, never
 * exceeds a Slack limit, and never lets user or corpus text ping, link or break the markup.
 */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { renderReply } from "../../adapters/slack/render/blocks.ts";
import { stripInvisible } from "../../src/reply/clip.ts";
import { echoing, hostileArbitraries, withoutLoneSurrogates } from "../support/hostile-replies.ts";
import { HOSTILE, violations } from "./invariants.ts";

const { hostileString, hugeString, reply } = hostileArbitraries({
  pieces: HOSTILE,
  hugeRepeats: { min: 300, max: 3000 },
  tokens: fc.string({ minLength: 1990, maxLength: 2100 }),
  urls: ["https://example.com/a|b>c<d&e f"],
  maxQuotes: 20,
  maxActions: 30,
});

/** What a reader sees: entities decoded, invisible marks gone, look-alikes read as what they replace. */
function readable(mrkdwn: string): string {
  const entities: Record<string, string> = { lt: "<", gt: ">", amp: "&" };
  return normalise(mrkdwn.replace(/&(lt|gt|amp);/g, (_whole, name: string) => entities[name] ?? ""));
}

function normalise(text: string): string {
  return withoutLoneSurrogates(stripInvisible(text))
    .replace(/[*\u2217]/g, "*")
    .replace(/[~\u223C]/g, "~")
    .replace(/[`\u02CB]/g, "`")
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
