import { describe, expect, it } from "vitest";
import { parseCommandText } from "../../src/commands/parse.ts";

describe("parseCommandText", () => {
  it("treats empty text and help words as help", () => {
    for (const text of ["", "   ", "/lesson", "help", "HELP", "帮助", "/lesson help"]) {
      expect(parseCommandText(text)).toEqual({ name: "help" });
    }
  });

  it("recognises random and today only as the whole text", () => {
    expect(parseCommandText("random")).toEqual({ name: "random" });
    expect(parseCommandText("today")).toEqual({ name: "today" });
    expect(parseCommandText("random thoughts on burnout")).toEqual({ name: "search", query: "random thoughts on burnout" });
  });

  it("searches everything else, keeping the query intact", () => {
    expect(parseCommandText("职业倦怠")).toEqual({ name: "search", query: "职业倦怠" });
    expect(parseCommandText("/lesson  Envoy 为什么用 C++ 写 ")).toEqual({ name: "search", query: "Envoy 为什么用 C++ 写" });
    expect(parseCommandText("search help")).toEqual({ name: "search", query: "help" });
  });

  it("parses daily subcommands", () => {
    expect(parseCommandText("daily 09:00 Asia/Shanghai")).toEqual({
      name: "daily", action: "set", time: "09:00", timezone: "Asia/Shanghai", weekdays: false,
    });
    expect(parseCommandText("daily 9:30 Europe/Berlin weekdays")).toEqual({
      name: "daily", action: "set", time: "9:30", timezone: "Europe/Berlin", weekdays: true,
    });
    expect(parseCommandText("daily off")).toEqual({ name: "daily", action: "off" });
    expect(parseCommandText("daily")).toEqual({ name: "daily", action: "status" });
    expect(parseCommandText("daily status")).toEqual({ name: "daily", action: "status" });
    expect(parseCommandText("daily 09:00 Asia/Shanghai sometimes")).toEqual({
      name: "daily", action: "invalid", input: "09:00 Asia/Shanghai sometimes",
    });
  });

  it("parses config key and value case-insensitively", () => {
    expect(parseCommandText("config respond Questions")).toEqual({ name: "config", key: "respond", value: "questions" });
    expect(parseCommandText("config")).toEqual({ name: "config", key: "", value: "" });
  });
});
