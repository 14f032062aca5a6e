/**
 * A daily lesson's Discord send that is cut off or whose sender dies mid-request: the real scheduler and
 * the real Discord publisher (discord.js REST) against the fake Discord over real sockets. Each case must
 * end with the post in the channel exactly once:
 * - Discord created the message but the connection dropped before the answer: the scheduler's retry
 *   carries the same nonce with `enforce_nonce`, and Discord hands back the first message;
 * - the sender vanished mid-request after Discord created it, and the nonce window has lapsed by the time
 *   the lease does: the instance taking over finds the footer mark in the channel and does not resend;
 * - the sender vanished before Discord saw the request: the taker finds nothing and sends it.
 */
import { dueAMinuteAgo } from "../replicas/due-now.ts";
import { afterEach, describe, expect, it } from "vitest";
import { FakeDiscord, type RecordedRequest, type SendHold } from "../fakes/discord/server.ts";
import { DiscordPublisher, refTags } from "../../adapters/discord/publisher.ts";
import { postRef, type DailyLessons } from "../../src/scheduler/daily-lessons.ts";
import { localDate } from "../../src/scheduler/schedule.ts";
import { systemClock } from "../../src/scheduler/clock.ts";
import type { Store } from "../../src/store/types.ts";
import { reply } from "../../src/reply/build.ts";
import { FakeClock, tempDatabase } from "../scheduler/helpers.ts";

const TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhJkLm.zqxleakdailyresendtokentail";
const CHANNEL = "1300000000000000042";


const sendsTo = (r: RecordedRequest) => r.method === "POST" && r.path === `/channels/${CHANNEL}/messages`;

let fake: FakeDiscord | undefined;
let db: ReturnType<typeof tempDatabase> | undefined;
const publishers: DiscordPublisher[] = [];

afterEach(async () => {
  // Closing the fake ends held requests; the dead instance's late failure is fenced off by its lost claim.
  await fake?.close();
  publishers.forEach((p) => p.close());
  await db?.cleanup();
  fake = undefined;
  db = undefined;
});

async function setUp(options: { nonceWindowMs?: number; hold: SendHold }) {
  fake = await FakeDiscord.start({ token: TOKEN, ...(options.nonceWindowMs !== undefined && { nonceWindowMs: options.nonceWindowMs }) });
  fake.holdSend(sendsTo, options.hold);
  db = tempDatabase();
  const store = db.open();
  const now = new Date();
  const { timezone, time, dueAt } = dueAMinuteAgo(now);
  await store.upsertSubscription({ platform: "discord", channelId: CHANNEL, time, timezone, weekdays: false, createdBy: "U1", since: new Date(now.getTime() - 3_600_000), nextDueAt: dueAt });
  const key = { platform: "discord" as const, channelId: CHANNEL, localDate: localDate(now, timezone) };
  return { store, key };
}

function publisher(): DiscordPublisher {
  const p = DiscordPublisher.create({ token: TOKEN, apiUrl: fake!.apiUrl });
  publishers.push(p);
  return p;
}

/** The bot's messages in the channel as anyone reading it sees them. */
function posted() {
  return fake!.channelMessages(CHANNEL);
}

/** Instance "dead" claims the post and starts sending; its request hangs at the fake. Its clock never fires timers. */
async function deadSender(store: Store): Promise<DailyLessons> {
  const clock = new FakeClock(new Date());
  const dead = db!.service({ clock, store, instanceId: "dead", leaseMs: 1_000, retry: { baseDelayMs: 10 } });
  void dead.start(new Map([["discord", publisher()]]));
  await fake!.until(() => fake!.heldSends.length === 1, "the held send");
  return dead;
}

/** Instance "taker", its clock past the dead one's lease, takes the post over. */
async function takeOver(store: Store) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  const clock = new FakeClock(new Date(Date.now() + 5_000));
  const taker = db!.service({ clock, store, instanceId: "taker", leaseMs: 1_000, retry: { baseDelayMs: 10 } });
  await taker.start(new Map([["discord", publisher()]]));
}

describe("daily lessons on Discord when a send is cut off", () => {
  it("a request cut off after Discord created the message is retried with the same nonce and Discord returns the first message", async () => {
    const { store, key } = await setUp({ hold: "accept-then-cut" });
    const daily = db!.service({ clock: systemClock(), store, retry: { baseDelayMs: 20 } });
    await daily.start(new Map([["discord", publisher()]]));

    const sends = fake!.requests.filter(sendsTo);
    expect(sends).toHaveLength(2); // the cut-off one and the retry
    const { nonce, mark } = refTags(postRef(key));
    for (const send of sends) expect(send.body).toMatchObject({ nonce, enforce_nonce: true });
    expect(nonce.length).toBeLessThanOrEqual(25);
    expect(posted()).toHaveLength(1);
    expect((posted()[0]!.embeds as { footer?: { text: string } }[]).at(-1)?.footer?.text).toMatch(new RegExp(`${mark}$`));
    expect(await store.getPost(key)).toMatchObject({ status: "posted", attempts: 2 });
  });

  it("a post Discord created before its sender died is found by the taker (nonce window lapsed) and not sent again", async () => {
    const { store, key } = await setUp({ hold: "accept-then-hold", nonceWindowMs: 0 });
    await deadSender(store);
    expect(posted()).toHaveLength(1);
    expect(await store.getPost(key)).toMatchObject({ status: "sending", owner: "dead" });

    await takeOver(store);
    // It read the channel's history rather than posting again.
    expect(fake!.requests.some((r) => r.method === "GET" && r.path === `/channels/${CHANNEL}/messages`)).toBe(true);
    expect(fake!.requests.filter(sendsTo)).toHaveLength(1);
    expect(posted()).toHaveLength(1);
    expect(await store.getPost(key)).toMatchObject({ status: "posted", owner: "taker" });
  });

  it("a post Discord never received before its sender died is sent by the taker, once", async () => {
    const { store, key } = await setUp({ hold: "hold" });
    await deadSender(store);
    expect(posted()).toHaveLength(0);

    await takeOver(store);
    expect(posted()).toHaveLength(1);
    expect(await store.getPost(key)).toMatchObject({ status: "posted", owner: "taker", attempts: 2 });
  });

  it("fetched messages don't carry the nonce (as on Discord), so the footer mark is what the taker finds", async () => {
    fake = await FakeDiscord.start({ token: TOKEN });
    const p = publisher();
    const ref = "lessonbot-daily:discord:1300000000000000042:2026-12-02";
    const since = new Date();
    expect(await p.findPublished(CHANNEL, ref, since)).toBe(false);
    await p.publish(CHANNEL, reply("lesson", "channel", { heading: "A lesson", body: ["Its text."], footer: "Lesson of the day" }), { ref });
    const create = fake.requests.find(sendsTo)!;
    expect(create.body).toMatchObject({ nonce: refTags(ref).nonce, enforce_nonce: true });
    expect(posted()[0]).not.toHaveProperty("nonce");
    expect(await p.findPublished(CHANNEL, ref, since)).toBe(true);
    expect(await p.findPublished(CHANNEL, `${ref}x`, since)).toBe(false);
    // A post from before the claim (minus clock skew) is not "since".
    expect(await p.findPublished(CHANNEL, ref, new Date(Date.now() + 10 * 60_000))).toBe(false);
  });
});
