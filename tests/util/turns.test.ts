/**
 * TurnQueue (src/util/turns.ts): waiters are let through in order, one per turn of the event loop, and
 * I/O that arrives meanwhile is handled between two of them — the property that keeps Slack acks from
 * queueing behind every answer in line. Real sockets on loopback; nothing here is about time.
 */
import { afterEach, describe, expect, test } from "vitest";
import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { TurnQueue } from "../../src/util/turns.ts";

let server: Server | undefined;
let client: Socket | undefined;

afterEach(async () => {
  client?.destroy();
  if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  server = undefined;
  client = undefined;
});

/** A connected loopback pair: `client` writes, `onData` runs when the server side reads. */
async function loopback(onData: () => void): Promise<Socket> {
  const accepted = new Promise<void>((resolve) => {
    server = createServer((socket) => {
      socket.on("data", onData);
      resolve();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server!.address() as AddressInfo;
  client = connect(port, "127.0.0.1");
  await Promise.all([new Promise((resolve) => client!.once("connect", resolve)), accepted]);
  return client;
}

describe("TurnQueue", () => {
  test("lets waiters through in the order they came", async () => {
    const turns = new TurnQueue();
    const order: number[] = [];
    await Promise.all(Array.from({ length: 50 }, (_, i) => turns.next().then(() => order.push(i))));
    expect(order).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(turns.length).toBe(0);
  });

  test("a request read from a socket while jobs wait is handled after the job running, before the next one", async () => {
    const events: string[] = [];
    const socket = await loopback(() => events.push("data read"));
    const turns = new TurnQueue();
    const jobs = [1, 2, 3].map((n) =>
      turns.next().then(() => {
        events.push(`job ${n}`);
        if (n !== 1) return;
        // Written during the first job: the bytes are on the server's socket when the job ends.
        socket.write("ack me");
        busyUntilReadable();
      }),
    );
    await Promise.all(jobs);
    await until(() => events.includes("data read"));
    expect(events).toEqual(["job 1", "data read", "job 2", "job 3"]);
  });
});

/** Keeps the thread busy briefly, as a search would, so the written bytes reach the other socket's buffer. */
function busyUntilReadable(): void {
  const end = performance.now() + 20;
  while (performance.now() < end) {
    // spin
  }
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("TurnQueue with a backlog", () => {
  test("drains a long queue a few at a time: more than one per turn, never more than four between two turns", async () => {
    const turns = new TurnQueue();
    const events: string[] = [];
    let ticking = true;
    // A chained immediate marks each turn of the event loop.
    const tick = () => {
      events.push("turn");
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    await Promise.all(Array.from({ length: 40 }, (_, i) => turns.next().then(() => events.push(`job ${i}`))));
    ticking = false;
    const perTurn = events.join(",").split("turn").map((part) => part.split(",").filter((e) => e.startsWith("job")).length);
    expect(perTurn.reduce((a, b) => a + b, 0)).toBe(40);
    expect(Math.max(...perTurn)).toBeLessThanOrEqual(4);
    expect(Math.max(...perTurn)).toBeGreaterThan(1);
    // In order, as ever.
    expect(events.filter((e) => e.startsWith("job"))).toEqual(Array.from({ length: 40 }, (_, i) => `job ${i}`));
  });
});
