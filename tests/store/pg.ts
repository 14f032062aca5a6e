/**
 * A real PostgreSQL for tests: DATABASE_URL (default the local server's `test` database), one fresh
 * schema per test file run, dropped afterwards. With no server answering, suites are skipped with one
 * line saying so, unless LESSONBOT_REQUIRE_POSTGRES=1 (CI), where that is a failure.
 */
import { POSTGRES_URL as PG_URL } from "../replicas/gateway-postgres.ts";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { quoteIdent } from "../../src/store/postgres/pool.ts";

/** The server the suites use, and whether it answers (one skip line, or a failure under LESSONBOT_REQUIRE_POSTGRES=1). */
export { POSTGRES_URL as PG_URL, postgresAvailable } from "../replicas/gateway-postgres.ts";

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
