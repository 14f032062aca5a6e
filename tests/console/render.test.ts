import { describe, expect, it } from "vitest";
import { renderReply } from "../../adapters/console/render.ts";
import { displayWidth, wrapRuns } from "../../adapters/console/wrap.ts";
import { wantsColor } from "../../adapters/console/ansi.ts";
import type { Reply } from "../../src/reply/types.ts";

const ESC = "\x1b";

function quotesReply(): Reply {
  return {
    kind: "quotes",
    visibility: "ephemeral",
    heading: "“职业倦怠” · 1–2 of 5",
    body: [],
    quotes: [
      {
        passageId: "envoy:3",
        segments: [{ text: "维护者也会" }, { text: "倦怠", mark: true }, { text: "，要靠机制而不是靠人。" }],
        speaker: "Matt Klein",
        title: "Envoy 的十年",
        section: "社区 › 维护者",
        url: "https://example.com/envoy",
        actions: [
          { kind: "share", label: "share", token: "share|envoy:3" },
          { kind: "helpful", label: "👍", token: "fb|1|envoy:3" },
          { kind: "not_helpful", label: "👎", token: "fb|0|envoy:3" },
        ],
      },
      {
        passageId: "etcd:1",
        segments: [{ text: "Second quote." }],
        title: "etcd",
        section: "",
        actions: [{ kind: "share", label: "share", token: "share|etcd:1" }],
      },
    ],
    suggestions: [],
    actions: [{ kind: "more", label: "more", token: "more|q1|2" }],
  };
}

describe("renderReply", () => {
  it("puts quotes behind a bar with attribution and numbers every button in reading order", () => {
    const { text, choices } = renderReply(quotesReply(), { color: false, width: 80, locale: "en" });
    expect(text).not.toContain(ESC);
    expect(text).toContain("│ 维护者也会倦怠，要靠机制而不是靠人。");
    expect(text).toContain("— Matt Klein · 《Envoy 的十年》 › 社区 › 维护者");
    expect(text).toContain("https://example.com/envoy");
    expect(text).toContain("[1] share  [2] 👍  [3] 👎");
    expect(text).toContain("[4] share");
    expect(text).toMatch(/\[5\] more\n$/);
    expect(choices.map((c) => c.token)).toEqual(["share|envoy:3", "fb|1|envoy:3", "fb|0|envoy:3", "share|etcd:1", "more|q1|2"]);
    // The heading comes first, the quotes follow in order.
    expect(text.indexOf("职业倦怠")).toBeLessThan(text.indexOf("维护者也会"));
    expect(text.indexOf("维护者也会")).toBeLessThan(text.indexOf("Second quote."));
  });

  it("highlights matched terms and bolds the attribution only when colour is on", () => {
    const { text } = renderReply(quotesReply(), { color: true, width: 80, locale: "en" });
    expect(text).toContain(`${ESC}[1;33m倦怠${ESC}[22;39m`);
    expect(text).toContain(`${ESC}[1mMatt Klein${ESC}[22m`);
    // The bar itself is not part of the highlight.
    expect(text).not.toContain(`${ESC}[1;33m│`);
  });

  it("keeps the bar on every wrapped line, counting CJK characters as two columns", () => {
    const long = "开源项目的维护者常常在没有回报的情况下长期投入，这会带来职业倦怠，也会让社区失去重要的人。".repeat(2);
    const reply: Reply = { ...quotesReply(), quotes: [{ passageId: "x", segments: [{ text: long }], title: "T", section: "" }], actions: [] };
    const { text } = renderReply(reply, { color: false, width: 30, locale: "zh" });
    const barLines = text.split("\n").filter((l) => l.startsWith("│ "));
    expect(barLines.length).toBeGreaterThan(3);
    for (const line of barLines) expect(displayWidth(line)).toBeLessThanOrEqual(32);
    expect(barLines.map((l) => l.slice(2)).join("")).toBe(long);
    // Closing punctuation never starts a line.
    for (const line of barLines) expect(line.slice(2)).not.toMatch(/^[，。]/);
  });

  it("strips control characters so reply text cannot drive the terminal", () => {
    const reply: Reply = {
      kind: "error",
      visibility: "ephemeral",
      body: [`bad ${ESC}[2J${ESC}]0;pwned\x07 input`],
      quotes: [],
      suggestions: ["倦怠", "burnout"],
      actions: [],
      footer: "ref abc",
    };
    const { text, choices } = renderReply(reply, { color: false, width: 80, locale: "en" });
    expect(text).not.toContain(ESC);
    expect(text).not.toContain("\x07");
    expect(text).toContain("bad [2J]0;pwned input");
    expect(text).toContain("Try: 倦怠 · burnout");
    expect(text).toContain("ref abc");
    expect(choices).toEqual([]);
  });

  it("keeps the indentation of help text and wraps English at spaces", () => {
    const reply: Reply = {
      kind: "help",
      visibility: "ephemeral",
      body: ["Commands:\n  /lesson random   a random quote", "one two three four five six seven eight nine ten eleven twelve"],
      quotes: [],
      suggestions: [],
      actions: [],
    };
    const { text } = renderReply(reply, { color: false, width: 24, locale: "en" });
    expect(text).toContain("\n  /lesson random   a\n");
    for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(24);
    expect(text).toContain("one two three four five\nsix seven eight nine ten\neleven twelve");
  });
});

describe("wrapRuns", () => {
  it("cuts a word longer than the line instead of overflowing", () => {
    const lines = wrapRuns([{ text: "x".repeat(25) }], 10);
    expect(lines.map((l) => l.map((r) => r.text).join(""))).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
  });

  it("keeps styles across a wrap", () => {
    const lines = wrapRuns([{ text: "aaaa " }, { text: "bbbb cccc", style: "mark" }], 10);
    expect(lines).toEqual([[{ text: "aaaa " }, { text: "bbbb", style: "mark" }], [{ text: "cccc", style: "mark" }]]);
  });
});

describe("wantsColor", () => {
  it("follows NO_COLOR, FORCE_COLOR and the TTY", () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(wantsColor({ isTTY: false }, { FORCE_COLOR: "1" })).toBe(true);
  });
});
