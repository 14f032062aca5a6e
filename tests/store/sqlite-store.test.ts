import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openSqliteStore } from "../../src/store/sqlite-store.ts";
import { MIGRATIONS } from "../../src/store/migrations.ts";
import type { Store } from "../../src/store/types.ts";
import { storeContract } from "./contract.ts";

let dir: string;
const open: Store[] = [];
function store(path = join(dir, "nested", "deeper", "bot.db")): Store {
  const s = openSqliteStore(path);
  open.push(s);
  return s;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lessonbot-store-"));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

const channel = { platform: "slack" as const, channelId: "C1" };

describe("openSqliteStore", () => {
  it("creates the directory, migrates to the latest version and uses WAL", async () => {
    const path = join(dir, "a", "b.db");
    await store(path).close();
    expect(existsSync(path)).toBe(true);
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma("user_version", { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
  });

  it("reopens an existing file without re-running migrations, keeping data", async () => {
    const path = join(dir, "bot.db");
    const first = store(path);
    await first.setRespondMode(channel, "questions");
    await first.close();
    const second = store(path);
    expect(await second.getChannelSettings(channel)).toEqual({ respondMode: "questions" });
  });

  it("upgrades a version-1 database in place: subscriptions keep their rows and become due at once", async () => {
    const path = join(dir, "v1.db");
    const raw = new Database(path);
    raw.exec(MIGRATIONS[0]!.sql);
    raw.pragma("user_version = 1");
    raw.prepare("INSERT INTO subscriptions VALUES ('slack', 'C1', '09:00', 'UTC', 0, 'U1', NULL, 0)").run();
    raw.close();
    const s = store(path);
    expect(await s.getSubscription(channel)).toMatchObject({ time: "09:00", nextDueAt: new Date(0) });
    expect((await s.dueSubscriptions(new Date(), ["slack"], 10)).map((x) => x.channelId)).toEqual(["C1"]);
    expect(await s.claimDelivery("event:E1", new Date(), new Date(Date.now() + 60_000))).toBe(true);
  });

  it("refuses a database written by a newer schema", () => {
    const path = join(dir, "future.db");
    const raw = new Database(path);
    raw.pragma("user_version = 999");
    raw.close();
    expect(() => openSqliteStore(path)).toThrow(/newer/);
  });
});

describe("SQLite feedback rows", () => {
  it("keeps one vote per person, passage and query; pressing again changes it", async () => {
    const path = join(dir, "bot.db");
    const s = store(path);
    const vote = { ...channel, userId: "U1", passageId: "envoy:3", query: "倦怠", helpful: true };
    await s.recordFeedback(vote);
    await s.recordFeedback({ ...vote, helpful: false });
    await s.recordFeedback({ ...vote, userId: "U2" });
    const raw = new Database(path, { readonly: true });
    const rows = raw.prepare("SELECT user_id, helpful FROM feedback ORDER BY user_id").all();
    raw.close();
    expect(rows).toEqual([
      { user_id: "U1", helpful: 0 },
      { user_id: "U2", helpful: 1 },
    ]);
  });
});


storeContract("SQLite", () => {
  const home = mkdtempSync(join(tmpdir(), "lessonbot-contract-"));
  const path = join(home, "bot.db");
  const stores: Store[] = [];
  const openOne = async () => {
    const s = openSqliteStore(path);
    stores.push(s);
    return s;
  };
  return {
    fresh: openOne,
    sibling: openOne,
    async cleanup() {
      await Promise.all(stores.splice(0).map((s) => s.close()));
      rmSync(home, { recursive: true, force: true });
    },
  };
});
