/**
 * A real PostgreSQL for tests: DATABASE_URL (default the local server's `test` database), one fresh
 * schema per test file run, dropped afterwards. With no server answering, suites are skipped with one
 * line saying so, unless LESSONBOT_REQUIRE_POSTGRES=1 (CI), where that is a failure.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { quoteIdent } from "../../src/store/postgres/pool.ts";

export const PG_URL = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const REQUIRED = process.env.LESSONBOT_REQUIRE_POSTGRES === "1";

let probed: Promise<string | undefined> | undefined;

/** Undefined when the server answers, else why not. */
function probe(): Promise<string | undefined> {
  probed ??= (async () => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return probed;
}

/**
 * True when PostgreSQL answers. Otherwise prints one line and returns false (so the caller skips), or
 * throws under LESSONBOT_REQUIRE_POSTGRES=1.
 */
export async function postgresAvailable(suite: string): Promise<boolean> {
  const reason = await probe();
  if (reason === undefined) return true;
  const line = `PostgreSQL not reachable at ${new URL(PG_URL).host} (${reason}): skipping ${suite}`;
  if (REQUIRED) throw new Error(`${line.replace(": skipping", "; required by LESSONBOT_REQUIRE_POSTGRES=1 for")}`);
  console.warn(line);
  return false;
}

export interface TestSchema {
  name: string;
  /** DATABASE_URL pointing at the schema (for bot processes). */
  url: string;
  /** Runs SQL in the schema on a short-lived connection. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

/** A new, empty schema with a random name. */
export async function createSchema(prefix = "lessonbot_test"): Promise<TestSchema> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${quoteIdent(name)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_URL);
  url.searchParams.set("options", `-c search_path=${name}`);
  return {
    name,
    url: url.toString(),
    async query(sql, params = []) {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    async drop() {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(name)} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
