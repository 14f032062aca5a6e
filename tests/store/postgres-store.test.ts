/**
 * The PostgreSQL store against a real server: the shared contract, plus what only it has: migrations
 * applied once when replicas start together, a clear error when the server is away.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresStore, type PgStore } from "../../src/store/postgres/store.ts";
import { PG_MIGRATIONS } from "../../src/store/postgres/migrations.ts";
import { createSchema, PG_URL, postgresAvailable, type TestSchema } from "./pg.ts";
import { storeContract } from "./contract.ts";

const available = await postgresAvailable("the PostgreSQL store tests");

describe.runIf(available)("PostgreSQL store", () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createSchema();
  });
  afterAll(async () => {
    await schema?.drop();
  });

  it("applies each migration once when eight replicas start at the same moment", async () => {
    const stores = Array.from({ length: 8 }, () => openPostgresStore({ url: PG_URL, schema: schema.name, max: 2 }));
    try {
      await Promise.all(stores.map((s) => s.ready));
      const rows = await schema.query<{ version: number }>("SELECT version FROM lessonbot_migrations ORDER BY version");
      expect(rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
      // Every replica can use it at once.
      await Promise.all(stores.map((s, i) => s.setRespondMode({ platform: "slack", channelId: `C${i}` }, "all")));
      const counted = await schema.query<{ n: string }>("SELECT count(*) AS n FROM channel_settings");
      expect(Number(counted[0]?.n)).toBe(8);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it("refuses a schema written by a newer version of the bot", async () => {
    const newer = await createSchema();
    try {
      await schema.query(`CREATE TABLE ${newer.name}.lessonbot_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
      await schema.query(`INSERT INTO ${newer.name}.lessonbot_migrations (version, description) VALUES (999, 'future')`);
      const store = openPostgresStore({ url: PG_URL, schema: newer.name });
      await expect(store.ready).rejects.toThrow(/newer than this bot knows/);
      await expect(store.getChannelSettings({ platform: "slack", channelId: "C1" })).rejects.toThrow(/newer/);
      await store.close();
    } finally {
      await newer.drop();
    }
  });

  it("names the server it cannot reach, never the password", async () => {
    const store = openPostgresStore({ url: "postgres://bot:hunter2secret@127.0.0.1:1/nowhere" });
    const error = await store.ready.then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/cannot reach PostgreSQL at 127\.0\.0\.1:1\/nowhere/);
    expect(error?.message).not.toContain("hunter2secret");
    await store.close();
  });
});

if (available) {
  storeContract("PostgreSQL", () => {
    let schema: TestSchema | undefined;
    const stores: PgStore[] = [];
    const openOne = async () => {
      schema ??= await createSchema();
      const s = openPostgresStore({ url: PG_URL, schema: schema.name, max: 3 });
      stores.push(s);
      await s.ready;
      return s;
    };
    return {
      fresh: openOne,
      sibling: openOne,
      async cleanup() {
        await Promise.all(stores.splice(0).map((s) => s.close()));
        await schema?.drop();
      },
    };
  });
}
