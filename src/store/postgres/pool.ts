/**
 * The connection pool for DATABASE_URL=postgres://…, with timeouts so a slow or absent server shows up
 * as an error instead of a hang. Settings in the URL win (e.g. `?options=-c search_path=bot` for a
 * schema, `application_name`, `sslmode`).
 */
import pg from "pg";

export interface PgPoolOptions {
  url: string;
  /** Schema to use instead of the URL's (tests use a fresh one per run). */
  schema?: string;
  /** Most connections this process opens (default 10). */
  max?: number;
  /** Called for errors on idle connections (a restarted server); without it they would crash the process. */
  onError?: (error: Error) => void;
}

const CONNECT_TIMEOUT_MS = 5_000;
const IDLE_TIMEOUT_MS = 30_000;
/** No single statement of ours should take long; a stuck one is cut off server-side. */
const STATEMENT_TIMEOUT_MS = 15_000;

export function createPgPool(options: PgPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.schema === undefined ? options.url : withSchema(options.url, options.schema),
    max: options.max ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: IDLE_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS + 5_000,
    application_name: "lessonbot",
  });
  pool.on("error", (error) => options.onError?.(error));
  return pool;
}

/** The URL's settings win over the pool's, so the schema goes into the URL itself. */
function withSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("options", `-c search_path=${quoteIdent(schema)}`);
  return parsed.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
