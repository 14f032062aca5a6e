/**
 * Small pure pieces of the adapter: Slack markup → plain text for the core, mrkdwn escaping, and the
 * secret scrubber that stands between library log lines and our logs.
 */
import { describe, expect, test } from "vitest";
import { mentions, plainFromSlack } from "../../adapters/slack/incoming-text.ts";
import { bold, escapeMrkdwn, link } from "../../adapters/slack/render/escape.ts";
import { describeError, secretScrubber } from "../../adapters/slack/logger.ts";

describe("plainFromSlack", () => {
  test("drops the bot's own mention and keeps the question", () => {
    expect(plainFromSlack("<@UBOT0001> 职业倦怠怎么办", "UBOT0001")).toBe("职业倦怠怎么办");
    expect(plainFromSlack("请问 <@UBOT0001|lessonbot> 开源？", "UBOT0001")).toBe("请问 开源？");
  });

  test("turns other markup into what the user saw", () => {
    expect(plainFromSlack("ask <@U123> in <#C1|general> about <https://envoyproxy.io|Envoy> &amp; <https://x.io>", "UBOT")).toBe(
      "ask @U123 in #general about Envoy & https://x.io",
    );
    expect(plainFromSlack("<!here> a &lt;b&gt; c", "UBOT")).toBe("@here a <b> c");
  });

  test("knows when the bot is mentioned", () => {
    expect(mentions("hi <@UBOT0001>", "UBOT0001")).toBe(true);
    expect(mentions("hi <@UBOT0001|bot>", "UBOT0001")).toBe(true);
    expect(mentions("hi <@UBOT00012>", "UBOT0001")).toBe(false);
    expect(mentions("hi @UBOT0001", "UBOT0001")).toBe(false);
  });
});

describe("mrkdwn escaping", () => {
  test("mentions and broadcasts are shown, not executed", () => {
    expect(escapeMrkdwn("<!channel> <@U1> & @here")).toBe("&lt;!channel&gt; &lt;@U1&gt; &amp; @\u2060here");
    expect(escapeMrkdwn("@hereafter")).toBe("@hereafter");
  });

  test("formatting characters and invisible characters are neutralised", () => {
    expect(escapeMrkdwn("*a* ~b~ `c`\u200b\u202e")).toBe("\u2217a\u2217 \u223Cb\u223C \u02CBc\u02CB");
  });

  test("bold keeps surrounding whitespace outside the markers", () => {
    expect(bold(" 倦怠 ")).toBe(" \u200b*倦怠*\u200b ");
    expect(bold("  ")).toBe("  ");
  });

  test("links are http(s) only, with characters that would end the link encoded", () => {
    expect(link("https://example.com/a|b?x=1&y=2", "原文")).toBe("<https://example.com/a%7Cb?x=1&amp;y=2|原文>");
    expect(link("javascript:alert(1)", "x")).toBeUndefined();
    expect(link("not a url", "x")).toBeUndefined();
  });
});

describe("secret scrubbing", () => {
  test("configured secrets and token-shaped strings are blanked", () => {
    const scrub = secretScrubber(["s3cr3t-signing-value", undefined]);
    expect(scrub("sig s3cr3t-signing-value and xoxb-12-34-abc, xapp-1-A-2-def")).toBe("sig [redacted] and [redacted], [redacted]");
  });

  test("errors are described without their request (which holds the Authorization header)", () => {
    const error = Object.assign(new Error("An API error occurred: not_in_channel"), {
      code: "slack_webapi_platform_error",
      data: { error: "not_in_channel" },
      original: { config: { headers: { Authorization: "Bearer xoxb-secret" } } },
    });
    const described = describeError(error);
    expect(described).toEqual({ type: "Error", message: "An API error occurred: not_in_channel", code: "slack_webapi_platform_error", slackError: "not_in_channel" });
    expect(JSON.stringify(described)).not.toContain("xoxb");
  });
});
