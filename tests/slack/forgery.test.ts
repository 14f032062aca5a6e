/**
 * Feedback buttons carry the passage and the query they are about; a forged or edited button (a made-up
 * passage id, a real passage the bot never showed for that query) gets a clear private note and nothing is
 * stored. A real 👍 on a shown quote still is.
 */
import { describe, expect, test } from "vitest";
import Database from "better-sqlite3";
import { useSlackHarness, buttonsOf, type Harness, type RealCore } from "./harness.ts";

let real: RealCore;
let h: Harness;

useSlackHarness((r, started) => {
  real = r;
  h = started;
});

function feedbackRows(): { passage_id: string; query: string }[] {
  const db = new Database(real.dbPath, { readonly: true });
  try {
    return db.prepare("SELECT passage_id, query FROM feedback").all() as { passage_id: string; query: string }[];
  } finally {
    db.close();
  }
}

async function press(value: string): Promise<Record<string, unknown>> {
  const { status, responseId } = await h.press({ action_id: "lesson:helpful:0", value }, { ts: "1700000000.000001", ephemeral: true });
  expect(status).toBe(200);
  return (await h.fake.waitForResponse(responseId)).body;
}

describe("forged feedback", () => {
  test("a made-up passage id, or a real passage not shown for that query, is refused and not stored; a shown one is", async () => {
    const { responseId } = await h.command("职业倦怠");
    const shown = buttonsOf((await h.fake.waitForResponse(responseId)).body).find((b) => b.action_id.startsWith("lesson:helpful:"))!;
    const [code, passageId, queryId] = shown.value.split("|");
    expect(code).toBe("h");

    // Another query's quotes: real passages, but not among what 职业倦怠 showed.
    const other = await h.command("etcd");
    const elsewhere = buttonsOf((await h.fake.waitForResponse(other.responseId)).body)
      .map((b) => b.value.split("|")[1])
      .find((id) => id !== undefined && id !== passageId && !real.core.engine().search("职业倦怠", { limit: 50 }).hits.some((hit) => hit.passageId === id));
    expect(elsewhere).toBeDefined();

    for (const forged of [`h|made-up-article:999|${queryId}`, `n|${elsewhere}|${queryId}`, `h|${"x".repeat(60)}|${queryId}`]) {
      const note = await press(forged);
      expect(note.response_type).toBe("ephemeral");
      expect(JSON.stringify(note)).toMatch(/wasn't among the results|不在这次的结果里/);
    }
    expect(feedbackRows()).toEqual([]);
    expect(h.logs.filter((l) => l.includes("feedback for a passage not shown for this query"))).toHaveLength(3);

    const thanks = await press(shown.value);
    expect(JSON.stringify(thanks)).not.toMatch(/wasn't among the results|不在这次的结果里/);
    expect(feedbackRows()).toEqual([{ passage_id: passageId, query: "职业倦怠" }]);
  });
});
