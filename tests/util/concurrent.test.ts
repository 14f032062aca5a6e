import { describe, expect, test } from "vitest";
import { mapConcurrent } from "../../src/util/concurrent.ts";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("mapConcurrent", () => {
  test("keeps the items' order whatever order the calls finish in, with at most `limit` in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const items = Array.from({ length: 20 }, (_, i) => i);
    const out = await mapConcurrent(items, 4, async (n, i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick((20 - n) % 7); // later items often finish first
      inFlight--;
      return `${n}:${i}`;
    });
    expect(out).toEqual(items.map((n) => `${n}:${n}`));
    expect(most).toBe(4);
  });

  test("a failing call rejects the whole map; an empty list maps to an empty list", async () => {
    await expect(mapConcurrent([1, 2, 3], 2, async (n) => (n === 2 ? Promise.reject(new Error("boom")) : n))).rejects.toThrow("boom");
    expect(await mapConcurrent([], 8, async () => 1)).toEqual([]);
  });
});
