import { describe, expect, it } from "vitest";
import { decodeToken, encodeToken, type ActionToken } from "../../src/commands/tokens.ts";

describe("button tokens", () => {
  const samples: ActionToken[] = [
    { kind: "more", queryId: "AbC-_12345", page: 2 },
    { kind: "share", passageId: "li-xiang-open-source-cloud-native:117", queryId: "AbC-_12345" },
    { kind: "helpful", passageId: "envoy-5-years:3", queryId: "" },
    { kind: "not_helpful", passageId: "envoy-5-years:3", queryId: "q" },
  ];

  it("round-trips and fits Discord's 100-character custom_id", () => {
    for (const token of samples) {
      const raw = encodeToken(token);
      expect(raw.length).toBeLessThanOrEqual(100);
      expect(decodeToken(raw)).toEqual(token);
    }
  });

  it("rejects forged or malformed tokens", () => {
    for (const raw of ["", "x|a|b", "m|q|-1", "m|q|1.5", "m||1", "s||q", "m|q|NaN", "m|q|" + "9".repeat(200)]) {
      expect(decodeToken(raw)).toBeUndefined();
    }
  });
});
