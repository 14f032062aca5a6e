/**
 * The PostgreSQL the gateway-election tests run against: `DATABASE_URL`, or the local server. Where none
 * answers, the suites skip with one line, unless LESSONBOT_REQUIRE_POSTGRES=1 makes that a failure.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";

export const POSTGRES_URL = /^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL! : "postgres://postgres@127.0.0.1:5432/test";

/** True when a server answers; throws instead of returning false under LESSONBOT_REQUIRE_POSTGRES=1. */
export async function postgresAvailable(suite: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.LESSONBOT_REQUIRE_POSTGRES === "1") throw new Error(`${suite}: PostgreSQL is required (LESSONBOT_REQUIRE_POSTGRES=1) but ${redact(POSTGRES_URL)} does not answer: ${reason}`);
    console.warn(`skipping ${suite}: no PostgreSQL answers at ${redact(POSTGRES_URL)} (${reason})`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A name no other run (or other engineer's suite on the same server) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
}

/** Runs one statement on a short-lived connection. */
export async function sql<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
