import { describe, expect, it } from "vitest";
import { buildEngine } from "../../src/search/engine.ts";
import { createAnalyzer } from "../../src/text/analyzer.ts";
import { article } from "../search/helpers.ts";

/** A handbook that defines an abbreviation once and then uses only the abbreviation where the answer is. */
const handbook = [
  article("time-off", [
    { heading: "Overview", blocks: ["We have a flexible paid time off (PTO) policy for every teammate."] },
    { heading: "Long absences", blocks: ["Any PTO beyond ten business days needs approval from your manager."] },
  ]),
  article("travel", [{ heading: "Trips", blocks: ["Book flights through the travel tool and keep your receipts."] }]),
  article("contractors", [{ heading: "Contractors", blocks: ["Paid time off for contractors follows their contract, not this policy."] }]),
];

describe("aliases the library defines, in the engine", () => {
  it("a question with the long form finds the passage that uses only the abbreviation", () => {
    const query = "paid time off manager";
    const hits = buildEngine(handbook, { dictionary: false }).search(query).hits;
    expect(hits[0]?.section).toBe("Long absences");
    expect(hits[0]?.coverage).toBe(1);
    // Without the aliases (the same pipeline otherwise), that passage covers only part of the question.
    const plain = buildEngine(handbook, { dictionary: false, analyzer: createAnalyzer() }).search(query);
    expect(plain.hits.find((hit) => hit.section === "Long absences")?.coverage ?? 0).toBeLessThan(1);
  });

  it("and a question with the abbreviation finds the passage that spells it out", () => {
    const query = "PTO for contractors";
    const [first] = buildEngine(handbook, { dictionary: false }).search(query).hits;
    expect(first?.section).toBe("Contractors");
    expect(first?.coverage).toBe(1);
    const plain = buildEngine(handbook, { dictionary: false, analyzer: createAnalyzer() }).search(query);
    expect(plain.hits.find((hit) => hit.section === "Contractors")?.coverage ?? 0).toBeLessThan(1);
  });

  it("are mined with the engine and handed to the next one (a snapshot keeps them), not mined again", () => {
    const engine = buildEngine(handbook, { dictionary: false });
    const mined = engine.aliases();
    expect(mined.some((entry) => entry.term === "PTO" && entry.equivalents.includes("paid time off"))).toBe(true);
    // An engine given other aliases uses those: with none, the long form no longer covers the abbreviation.
    const given = buildEngine(handbook, { dictionary: false, aliases: [] });
    expect(given.aliases()).toEqual([]);
    expect(given.search("paid time off manager").hits.find((hit) => hit.section === "Long absences")?.coverage ?? 0).toBeLessThan(1);
    expect(buildEngine(handbook, { dictionary: false, aliases: mined }).search("paid time off manager").hits[0]?.section).toBe("Long absences");
  });

  it("are prepared ahead by prepared() (warm-up, a reload) with the same answers as prepared on first use", async () => {
    const ahead = buildEngine(handbook, { dictionary: false });
    await ahead.prepared();
    const lazy = buildEngine(handbook, { dictionary: false });
    for (const query of ["paid time off manager", "PTO for contractors", "travel receipts"]) {
      expect(ahead.search(query)).toEqual(lazy.search(query));
    }
    expect(ahead.search("PTO for contractors").hits[0]?.section).toBe("Contractors");
  });
});
