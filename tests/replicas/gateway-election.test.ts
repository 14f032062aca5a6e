/**
 * The gateway election on a real PostgreSQL: advisory-lock electors on their own connections, the way
 * replicas run them. One holds; release, a terminated backend or a database that stops answering hands
 * the lock to a standby; `takeTurns` never runs the held thing on two electors at once.
 */
import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { AdvisoryLockElection, SingleHolder, electionFor, lockTag } from "../../src/replicas/election.ts";
import { takeTurns, type Held } from "../../src/replicas/turns.ts";
import { POSTGRES_URL, postgresAvailable, sql, uniqueName } from "./gateway-postgres.ts";

const available = await postgresAvailable("gateway election tests");
const log = pino({ level: "silent" });

const electors: AdvisoryLockElection[] = [];
const proxies: Proxy[] = [];
afterEach(async () => {
  await Promise.all(electors.splice(0).map((e) => e.release()));
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

function elector(name: string, connectionString = POSTGRES_URL): AdvisoryLockElection {
  const election = new AdvisoryLockElection({ connectionString, name, label: "test gateway", log, pollMs: 100, heartbeatMs: 200, timeoutMs: 1_000 });
  electors.push(election);
  return election;
}

/** Backends holding the lock, from the server's point of view. */
async function holders(election: AdvisoryLockElection): Promise<number[]> {
  const { classid, objid } = lockTag(election.key);
  const rows = await sql<{ pid: number }>(
    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1::oid AND objid = $2::oid AND objsubid = 1",
    [classid, objid],
  );
  return rows.map((r) => r.pid);
}

/** Whether `promise` settles within `ms` (the electors poll every 100 ms: several polls fit). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = promise.then(
    () => true,
    () => true,
  );
  const result = await Promise.race([settled, timeout]);
  clearTimeout(timer);
  return result;
}

/** Waits (polling) until `check` holds. */
async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A TCP relay to the database that can stop relaying (a partition) or cut every connection. */
interface Proxy {
  url: string;
  freeze(): void;
  cut(): void;
  close(): Promise<void>;
}

async function startProxy(): Promise<Proxy> {
  const target = new URL(POSTGRES_URL);
  const sockets = new Set<Socket>();
  let frozen = false;
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.on("data", (chunk) => {
        if (!frozen) to.write(chunk);
      });
      // Frozen, nothing gets through, not even a close: the far side never learns of it.
      from.on("error", () => undefined);
      from.on("close", () => {
        sockets.delete(from);
        if (!frozen) to.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(POSTGRES_URL);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as AddressInfo).port);
  const cut = () => {
    for (const socket of sockets) socket.destroy();
  };
  const proxy: Proxy = {
    url: url.toString(),
    freeze: () => (frozen = true),
    cut,
    close: () => {
      cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  proxies.push(proxy);
  return proxy;
}

describe("electionFor", () => {
  it("elects only on a postgres:// database; SQLite (no DATABASE_URL) runs a single holder", () => {
    expect(electionFor(undefined, { name: "x", label: "x", log }).role()).toBe("single");
    expect(electionFor("file:data/lessonbot.db", { name: "x", label: "x", log })).toBeInstanceOf(SingleHolder);
    expect(electionFor("postgres://db/lessonbot", { name: "x", label: "x", log }).role()).toBe("standby");
    expect(electionFor("postgresql://db/lessonbot", { name: "x", label: "x", log })).toBeInstanceOf(AdvisoryLockElection);
  });
});

describe.skipIf(!available)("advisory-lock election on PostgreSQL", () => {
  it("exactly one of two electors holds the lock; when it releases, the other takes over", async () => {
    const name = uniqueName("gateway");
    const a = elector(name);
    const b = elector(name);

    expect(await a.acquire()).toEqual({ takeover: false });
    expect(a.role()).toBe("holder");
    const bTurn = b.acquire();
    expect(await settlesWithin(bTurn, 700)).toBe(false);
    expect(b.role()).toBe("standby");
    expect(await holders(a)).toHaveLength(1);

    await a.release();
    expect(await bTurn).toEqual({ takeover: true });
    expect([a.role(), b.role()]).toEqual(["standby", "holder"]);
    expect(await holders(a)).toHaveLength(1);
  });

  it("a holder whose backend is terminated reports the lock lost, and the standby takes over", async () => {
    const name = uniqueName("gateway");
    const a = elector(name);
    const b = elector(name);
    await a.acquire();
    const lost = new Promise<Error>((resolve) => a.onLost(resolve));
    const bTurn = b.acquire();
    expect(await settlesWithin(bTurn, 500)).toBe(false);

    const [pid] = await holders(a);
    await sql("SELECT pg_terminate_backend($1)", [pid]);

    expect((await lost).message).toMatch(/terminat|closed|connection/i);
    expect(a.role()).toBe("standby");
    expect(await bTurn).toEqual({ takeover: true });
    const [newPid] = await holders(b);
    expect(newPid).not.toBe(pid);

    // The old holder stands by on a new connection and gets its turn back when b goes.
    const aTurn = a.acquire();
    expect(await settlesWithin(aTurn, 500)).toBe(false);
    await b.release();
    expect(await aTurn).toEqual({ takeover: true });
  });

  it("a holder cut off from the database (no answers, no FIN) steps down by its heartbeat", async () => {
    const name = uniqueName("gateway");
    const proxy = await startProxy();
    const a = elector(name, proxy.url);
    const b = elector(name);
    await a.acquire();
    const lost = new Promise<Error>((resolve) => a.onLost(resolve));
    const bTurn = b.acquire();

    proxy.freeze();
    // The server still sees a's session (the relay keeps its TCP connection open): a must step down on its own.
    expect((await lost).message).toMatch(/timeout/i);
    expect(a.role()).toBe("standby");
    expect(await holders(a)).toHaveLength(1);
    expect(b.role()).toBe("standby");

    // Once the server notices the broken session, the lock is free for the standby.
    proxy.cut();
    expect(await bTurn).toEqual({ takeover: true });
  });

  it("a lost database at the start leaves the elector standing by until it answers", async () => {
    const proxy = await startProxy();
    await proxy.close();
    const a = elector(uniqueName("gateway"), proxy.url);
    const controller = new AbortController();
    const turn = a.acquire(controller.signal);
    expect(await settlesWithin(turn, 400)).toBe(false);
    controller.abort();
    await expect(turn).rejects.toThrow(/abort/i);
    expect(a.role()).toBe("standby");
  });

  it("takeTurns runs the held thing on one elector at a time, hands it over on a lost lock and on stop()", async () => {
    const name = uniqueName("gateway");
    let running = 0;
    let most = 0;
    const started: string[] = [];
    const stopped: string[] = [];
    const thing = (who: string) => async (): Promise<Held> => {
      running++;
      most = Math.max(most, running);
      started.push(who);
      return {
        async stop() {
          running--;
          stopped.push(who);
        },
      };
    };
    const failures: unknown[] = [];
    const electA = elector(name);
    const electB = elector(name);
    let takeovers = 0;
    const a = takeTurns({ election: electA, start: thing("a"), log, onFailed: (e) => failures.push(e), onTakeover: () => takeovers++ });
    await eventually(() => started.length === 1, "a start");
    const b = takeTurns({ election: electB, start: thing("b"), log, onFailed: (e) => failures.push(e), onTakeover: () => takeovers++ });
    expect(started).toEqual(["a"]);

    const [pid] = await holders(electA);
    await sql("SELECT pg_terminate_backend($1)", [pid]);
    await eventually(() => started.length === 2, "a holder starting after the loss");
    expect(stopped).toEqual(["a"]);
    // Usually the standby: the holder that lost its lock yields one poll. On a loaded machine the old
    // holder may still win that race; either way the thing runs again, once.
    const next = started[1]!;
    expect(["a", "b"]).toContain(next);
    expect(running).toBe(1);

    // Whoever holds stops gracefully: its thing stops first, then the lock goes, and the other takes over.
    const [holder, other] = next === "b" ? [b, "a"] : [a, "b"];
    await holder.stop();
    expect(stopped).toEqual(["a", next]);
    await eventually(() => started.length === 3, "the other elector taking over");
    expect(started).toEqual(["a", next, other]);
    expect(takeovers).toBeGreaterThanOrEqual(1);

    await (other === "a" ? a : b).stop();
    expect(stopped).toEqual(["a", next, other]);
    expect(await holders(electA)).toEqual([]);
    expect(await holders(electB)).toEqual([]);
    expect(most).toBe(1);
    expect(failures).toEqual([]);
  });

  it("takeTurns releases the lock when the held thing fails to start, and says so", async () => {
    const name = uniqueName("gateway");
    const election = elector(name);
    const failed = new Promise<unknown>((resolve) =>
      takeTurns({ election, start: () => Promise.reject(new Error("login refused")), log, onFailed: resolve }),
    );
    expect(String(await failed)).toContain("login refused");
    expect(await holders(election)).toEqual([]);
  });
});
