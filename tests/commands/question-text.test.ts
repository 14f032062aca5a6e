/**
 * The keepers' report groups a question asked with different case or spacing, and shows it as it was last
 * asked — on both stores (the SQL differs: SQLite and PostgreSQL each had `max(query)`, the text that sorts
 * last, instead).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { HistoryStore } from "../../src/store/history.ts";
import { openSqliteStore } from "../../src/store/sqlite-store.ts";
import { openPostgresStore } from "../../src/store/postgres/store.ts";
import { createSchema, PG_URL, postgresAvailable, type TestSchema } from "../store/pg.ts";

const channel = { platform: "slack" as const, channelId: "C1" };

async function askedTwice(history: HistoryStore): Promise<void> {
  const at = Date.now() - 60_000;
  for (const [i, query] of ["burnout", " Burnout "].entries()) {
    await history.logQuery({ ...channel, source: "search", query, hits: 0, strongHits: 0, at: new Date(at + i * 1000) });
  }
  const usage = await history.usage({ since: new Date(0), limit: 5 });
  expect(usage.topQuestions).toEqual([{ query: " Burnout ", count: 2 }]);
  expect(usage.gaps).toEqual([{ query: " Burnout ", count: 2, found: "none" }]);
}

describe("a question's text in the report", () => {
  const dir = mkdtempSync(join(tmpdir(), "lessonbot-question-text-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is the latest asking's, on SQLite", async () => {
    const store = openSqliteStore(join(dir, "bot.db"));
    try {
      await askedTwice(store);
    } finally {
      await store.close();
    }
  });
});

const available = await postgresAvailable("the report's question text on PostgreSQL");

describe.runIf(available)("a question's text in the report, on PostgreSQL", () => {
  let schema: TestSchema;
  afterAll(async () => {
    await schema?.drop();
  });

  it("is the latest asking's", async () => {
    schema = await createSchema();
    const store = openPostgresStore({ url: PG_URL, schema: schema.name, max: 2 });
    try {
      await store.ready;
      await askedTwice(store);
    } finally {
      await store.close();
    }
  });
});
