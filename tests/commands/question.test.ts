import { describe, expect, it } from "vitest";
import { looksLikeQuestion } from "../../src/commands/question.ts";

describe("looksLikeQuestion", () => {
  it("accepts questions in Chinese and English", () => {
    for (const text of ["开源治理怎么做", "基金会有用吗", "Envoy 为什么用 C++?", "What is OAM", "how do I avoid burnout", "这是真的？"]) {
      expect(looksLikeQuestion(text), text).toBe(true);
    }
  });
  it("leaves statements and chatter alone", () => {
    for (const text of ["早上好", "部署完成了", "lgtm", "thanks all", "", "?"]) {
      expect(looksLikeQuestion(text), text).toBe(false);
    }
  });
});
