import { describe, expect, it } from "vitest";
import { parseInput } from "../../adapters/console/input.ts";

describe("parseInput", () => {
  it("reads the chat commands as chat would", () => {
    expect(parseInput("/lesson 职业倦怠")).toEqual({ kind: "command", text: "职业倦怠" });
    expect(parseInput("  /LESSON   daily 09:00 Asia/Shanghai ")).toEqual({ kind: "command", text: "daily 09:00 Asia/Shanghai" });
    expect(parseInput("/lesson")).toEqual({ kind: "command", text: "" });
    expect(parseInput("@lessonbot 怎样避免倦怠？")).toEqual({ kind: "mention", text: "怎样避免倦怠？" });
    expect(parseInput("@lessonbot: why?")).toEqual({ kind: "mention", text: "why?" });
    expect(parseInput("@lessonbot")).toEqual({ kind: "mention", text: "" });
  });

  it("treats numbers as button choices and the rest as hints or searches", () => {
    expect(parseInput("3")).toEqual({ kind: "choice", n: 3 });
    expect(parseInput("2024")).toEqual({ kind: "plain", text: "2024" });
    expect(parseInput("   ")).toEqual({ kind: "empty" });
    expect(parseInput("/quit")).toEqual({ kind: "quit" });
    expect(parseInput("/help")).toEqual({ kind: "command", text: "help" });
    expect(parseInput("/lessons burnout")).toEqual({ kind: "unknown", command: "/lessons" });
    expect(parseInput("@lessonbotx hi")).toEqual({ kind: "plain", text: "@lessonbotx hi" });
    expect(parseInput("职业倦怠")).toEqual({ kind: "plain", text: "职业倦怠" });
  });
});
