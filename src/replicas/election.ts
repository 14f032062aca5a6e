/**
 * Which replica holds a connection only one may hold (the Discord gateway: two connections with one token
 * answer every event twice). Replicas sharing a PostgreSQL database elect the holder with a session-level
 * advisory lock kept on a dedicated connection:
 *
 *   const election = new AdvisoryLockElection({ connectionString, name: "chat-gateway:…", log });
 *   await election.acquire(signal);   // polls pg_try_advisory_lock until this replica holds it
 *   election.onLost((reason) => …);   // the connection broke: stop what only the holder may do, at once
 *   await election.release();         // unlock and close: a standby takes over on its next poll
 *
 * The server drops the lock the moment the holder's session ends (process killed, connection broken,
 * `pg_terminate_backend`), so a dead holder never blocks the others. The holder, for its part, checks the
 * lock every heartbeat and reports it lost when the check fails or times out, so it steps down before or
 * about when the server lets a standby in. A transaction-mode pooler (PgBouncer) between the bot and the
 * database breaks session locks: point DATABASE_URL at PostgreSQL itself or a session-mode pool.
 *
 * This module knows nothing of chat platforms; `SingleHolder` is the election of one (no database server).
 */
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import type { Logger } from "../log/logger.ts";

/** `single`: no election (one process). `holder`/`standby`: an elected replica and one waiting its turn. */
export type Role = "single" | "holder" | "standby";

export interface RoleSource {
  role(): Role;
}

export interface Election extends RoleSource {
  /**
   * Resolves once this replica holds the lock, trying again every poll interval (another replica holds
   * it, or the database is unreachable). `takeover` says it had to wait. Rejects when `signal` aborts.
   */
  acquire(signal?: AbortSignal): Promise<{ takeover: boolean }>;
  /** `listener` is called (once per holding) when a held lock is lost. Returns the unsubscribe. */
  onLost(listener: (reason: Error) => void): () => void;
  /** Gives the lock up and closes its connection; `acquire` may be called again later. */
  release(): Promise<void>;
}

/** The election of a replica that runs alone: it always holds, and never loses. */
export class SingleHolder implements Election {
  role(): Role {
    return "single";
  }
  async acquire(): Promise<{ takeover: boolean }> {
    return { takeover: false };
  }
  onLost(): () => void {
    return () => undefined;
  }
  async release(): Promise<void> {}
}

export interface AdvisoryLockOptions {
  /** `postgres://…` of the shared database. */
  connectionString: string;
  /** What is held; hashed into the 64-bit lock key, never logged (it may be derived from a secret). */
  name: string;
  /** What to call it in logs, e.g. "discord gateway". */
  label: string;
  log: Logger;
  /** Standby: how often to try the lock. Default 2 s. */
  pollMs?: number;
  /** Holder: how often to check it still holds the lock. Default 2 s. */
  heartbeatMs?: number;
  /** Connecting and every query give up after this; a holder whose check times out steps down. Default 3 s. */
  timeoutMs?: number;
}

/**
 * Server-side timeouts on the lock's session, so PostgreSQL notices a holder whose host vanished (no FIN,
 * no RST) within ~6 s instead of the kernel's hours, and frees the lock for a standby: keepalives for an
 * idle connection, `tcp_user_timeout` for one with an answer in flight. The holder's own heartbeat
 * (2 s, giving up after 3 s) makes it step down before that, so two holders don't overlap.
 */
const SESSION_SETTINGS =
  "SET tcp_keepalives_idle = 3; SET tcp_keepalives_interval = 1; SET tcp_keepalives_count = 3; SET tcp_user_timeout = 6000; SET idle_session_timeout = 0";

/** An advisory-lock election on a `postgres://` database; without one, this process runs alone. */
export function electionFor(databaseUrl: string | undefined, options: Omit<AdvisoryLockOptions, "connectionString">): Election {
  if (databaseUrl === undefined || !/^postgres(ql)?:\/\//i.test(databaseUrl)) return new SingleHolder();
  return new AdvisoryLockElection({ ...options, connectionString: databaseUrl });
}

/** The signed 64-bit advisory-lock key for `name`. */
export function advisoryKey(name: string): bigint {
  return createHash("sha256").update(name).digest().readBigInt64BE(0);
}

/** `pg_locks` shows a bigint advisory key as classid (high 32 bits) and objid (low 32 bits), objsubid 1. */
export function lockTag(key: bigint): { classid: string; objid: string } {
  const unsigned = BigInt.asUintN(64, key);
  return { classid: String(unsigned >> 32n), objid: String(unsigned & 0xffffffffn) };
}

const HOLDS_LOCK = `SELECT EXISTS (
  SELECT 1 FROM pg_locks
  WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
    AND classid = $1::oid AND objid = $2::oid AND objsubid = 1
) AS held`;

export class AdvisoryLockElection implements Election {
  readonly key: bigint;
  readonly #options: Required<Omit<AdvisoryLockOptions, "log">>;
  readonly #log: Logger;
  #client: pg.Client | undefined;
  #held = false;
  #acquiring = false;
  /** Lost the lock: let the standbys, whose connections work, have the next turn. */
  #yieldNext = false;
  #heartbeat: NodeJS.Timeout | undefined;
  readonly #lost = new Set<(reason: Error) => void>();

  constructor(options: AdvisoryLockOptions) {
    this.#options = { pollMs: 2_000, heartbeatMs: 2_000, timeoutMs: 3_000, ...options };
    this.#log = options.log.child({ lock: options.label });
    this.key = advisoryKey(options.name);
  }

  role(): Role {
    return this.#held ? "holder" : "standby";
  }

  async acquire(signal?: AbortSignal): Promise<{ takeover: boolean }> {
    if (this.#held) return { takeover: false };
    if (this.#acquiring) throw new Error("acquire() is already waiting");
    this.#acquiring = true;
    try {
      let waited = false;
      /** What kept us waiting last, so a long wait logs once per cause rather than once per poll. */
      let waitingFor: "holder" | "database" | undefined;
      if (this.#yieldNext) {
        this.#yieldNext = false;
        waited = true;
        // Every standby polls at least once in this while.
        await sleep(this.#options.pollMs * 1.5, undefined, { signal });
      }
      for (;;) {
        signal?.throwIfAborted();
        let client: pg.Client | undefined;
        let locked = false;
        try {
          client = this.#client ?? (await this.#connect());
          const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS locked", [String(this.key)]);
          // The connection may have broken between the answer and now: then the server already let go.
          locked = rows[0]?.locked === true && client === this.#client;
          if (!locked && waitingFor !== "holder") this.#log.info("standing by: another replica holds the lock");
          waitingFor = "holder";
        } catch (error) {
          this.#drop(this.#client);
          if (waitingFor !== "database") this.#log.warn({ err: error }, "standing by: the database is unreachable, retrying");
          waitingFor = "database";
        }
        if (locked && client) {
          this.#held = true;
          this.#beat(client);
          // Stopped meanwhile: the caller's release() gives the lock back.
          signal?.throwIfAborted();
          this.#log.info({ takeover: waited }, "lock acquired: this replica holds it");
          return { takeover: waited };
        }
        waited = true;
        await sleep(this.#options.pollMs, undefined, { signal });
      }
    } finally {
      this.#acquiring = false;
    }
  }

  onLost(listener: (reason: Error) => void): () => void {
    this.#lost.add(listener);
    return () => this.#lost.delete(listener);
  }

  async release(): Promise<void> {
    const client = this.#client;
    const held = this.#held;
    this.#held = false;
    this.#client = undefined;
    clearTimeout(this.#heartbeat);
    if (!client) return;
    if (held) {
      // Closing the session frees the lock too; unlocking first makes it explicit and instant.
      await client.query("SELECT pg_advisory_unlock($1::bigint)", [String(this.key)]).catch(() => undefined);
      this.#log.info("lock released");
    }
    await this.#close(client);
  }

  async #connect(): Promise<pg.Client> {
    const { connectionString, timeoutMs } = this.#options;
    const client = new pg.Client({
      connectionString,
      application_name: `lessonbot ${this.#options.label}`,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      keepAlive: true,
    });
    // Without an 'error' listener a dropped connection would crash the process.
    client.on("error", (error) => this.#broken(client, error));
    client.on("end", () => this.#broken(client, new Error("the database connection closed")));
    try {
      await client.connect();
    } catch (error) {
      await this.#close(client);
      throw error;
    }
    // Some PostgreSQL-compatible servers refuse these; the lock works without them, only slower to free.
    await client.query(SESSION_SETTINGS).catch((error: unknown) => this.#log.debug({ err: error }, "session keepalive settings refused"));
    this.#client = client;
    return client;
  }

  /** Checks every heartbeat that the session still holds the lock. */
  #beat(client: pg.Client): void {
    const { classid, objid } = lockTag(this.key);
    const check = () => {
      client.query<{ held: boolean }>(HOLDS_LOCK, [classid, objid]).then(
        ({ rows }) => {
          if (client !== this.#client || !this.#held) return;
          if (rows[0]?.held) this.#heartbeat = setTimeout(check, this.#options.heartbeatMs).unref();
          else this.#broken(client, new Error("the lock is no longer held"));
        },
        (error: unknown) => this.#broken(client, error instanceof Error ? error : new Error(String(error))),
      );
    };
    this.#heartbeat = setTimeout(check, this.#options.heartbeatMs).unref();
  }

  /** The connection broke (or the check failed): a held lock is gone, say so at once. */
  #broken(client: pg.Client, reason: Error): void {
    if (client !== this.#client) return;
    const held = this.#held;
    this.#drop(client);
    if (!held) return;
    this.#yieldNext = true;
    this.#log.warn({ err: reason }, "lock lost: the database connection failed");
    for (const listener of [...this.#lost]) listener(reason);
  }

  #drop(client: pg.Client | undefined): void {
    if (!client) return;
    if (client === this.#client) {
      this.#client = undefined;
      this.#held = false;
      clearTimeout(this.#heartbeat);
    }
    void this.#close(client);
  }

  /** Ends a connection; one whose peer is gone is destroyed rather than waited on. */
  async #close(client: pg.Client): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), this.#options.timeoutMs).unref()));
    const outcome = await Promise.race([client.end().then(() => "ended" as const, () => "failed" as const), gaveUp]);
    clearTimeout(timer);
    if (outcome !== "ended") client.connection.stream.destroy();
  }
}
