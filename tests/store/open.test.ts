/**
 * Choosing the store: DATABASE_URL=postgres://… → PostgreSQL, unset → SQLite at DATABASE_PATH; and the
 * settings that go with it, checked at start like every other.
 */
import { afterEach, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, describeConfig, loadConfig } from "../../src/config/config.ts";
import { openStore } from "../../src/store/open.ts";
import { createSchema, postgresAvailable } from "./pg.ts";

const pgUp = await postgresAvailable("openStore on PostgreSQL");
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("DATABASE_URL and DAILY_LEASE_SECONDS", () => {
  it("accepts a postgres:// URL and never shows its password", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://bot:pa55wordzqxleak@db.internal:5433/lessonbot", DAILY_LEASE_SECONDS: "30" });
    expect(config.databaseUrl).toBe("postgres://bot:pa55wordzqxleak@db.internal:5433/lessonbot");
    expect(config.dailyLeaseMs).toBe(30_000);
    const described = JSON.stringify(describeConfig(config));
    expect(described).toContain("db.internal:5433/lessonbot");
    expect(described).not.toContain("pa55wordzqxleak");
  });

  it("refuses other URLs and bad leases, naming the variable but not the value", () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: "mysql://bot:pa55wordzqxleak@db/x", DAILY_LEASE_SECONDS: "0" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(message).toMatch(/DAILY_LEASE_SECONDS must be a number of seconds/);
    expect(message).not.toContain("pa55wordzqxleak");
  });

  it("leaves both unset by default (SQLite, the scheduler's own lease)", () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dailyLeaseMs).toBeUndefined();
  });
});

describe("openStore", () => {
  it("opens SQLite at the path when no URL is given", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lessonbot-open-"));
    dirs.push(dir);
    const { store, ready } = openStore({ path: join(dir, "x", "bot.db") });
    await ready;
    await store.setRespondMode({ platform: "slack", channelId: "C1" }, "all");
    await store.close();
    expect(existsSync(join(dir, "x", "bot.db"))).toBe(true);
  });

  it.runIf(pgUp)("opens PostgreSQL for a postgres:// URL (and leaves the SQLite path alone)", async () => {
    const schema = await createSchema();
    const dir = mkdtempSync(join(tmpdir(), "lessonbot-open-"));
    dirs.push(dir);
    try {
      const { store, ready } = openStore({ path: join(dir, "bot.db"), url: schema.url });
      await ready;
      await store.setRespondMode({ platform: "slack", channelId: "C1" }, "questions");
      await store.close();
      expect(await schema.query("SELECT channel_id, respond_mode FROM channel_settings")).toEqual([{ channel_id: "C1", respond_mode: "questions" }]);
      expect(existsSync(join(dir, "bot.db"))).toBe(false);
    } finally {
      await schema.drop();
    }
  });
});
