import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dailyCommand } from "../../src/commands/daily.ts";
import { todayCommand } from "../../src/commands/today.ts";
import { parseCommandText } from "../../src/commands/parse.ts";
import type { CommandDeps } from "../../src/commands/command.ts";
import type { CommandContext, Invocation, Locale } from "../../src/commands/types.ts";
import type { Reply } from "../../src/reply/types.ts";
import type { DailyLessons } from "../../src/scheduler/daily-lessons.ts";
import type { Store } from "../../src/store/types.ts";
import { buildEngine } from "../../src/search/engine.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { FakeClock, RecordingPublisher, tempDatabase } from "./helpers.ts";

let db: ReturnType<typeof tempDatabase>;
let clock: FakeClock;
let store: Store;
let daily: DailyLessons;

beforeEach(() => {
  db = tempDatabase();
  clock = new FakeClock("2026-03-10T00:00:00Z"); // 08:00 in Shanghai
  store = db.open();
  daily = db.service({ clock, store });
});
afterEach(async () => {
  await db.cleanup();
});

function deps(locale: Locale = "en"): CommandDeps {
  const engine = buildEngine([]);
  return { engine: () => engine, store, daily, locale: () => locale, now: () => clock.now() };
}

function ctx(canManageChannel: boolean, name = "Ana"): CommandContext {
  return {
    platform: "slack",
    actor: { id: "U1", name, canManageChannel },
    channelId: "C1",
    requestId: "req-1",
    log: silentLogger(),
  };
}

async function run(text: string, options: { manager?: boolean; locale?: Locale } = {}): Promise<Reply> {
  const invocation = parseCommandText(text) as Invocation;
  const context = ctx(options.manager ?? true);
  if (invocation.name === "daily") return dailyCommand.handle(invocation, context, deps(options.locale));
  if (invocation.name === "today") return todayCommand.handle(invocation, context, deps(options.locale));
  throw new Error(`not a daily command: ${text}`);
}

const text = (reply: Reply) => [reply.heading, ...reply.body, reply.footer].filter(Boolean).join("\n");
const channel = { platform: "slack" as const, channelId: "C1" };

describe("/lesson daily", () => {
  it("subscribes the channel, announces it in the channel, and reports status privately", async () => {
    const set = await run("/lesson daily 09:00 Asia/Shanghai weekdays");
    expect(set).toMatchObject({ kind: "notice", visibility: "channel" });
    expect(text(set)).toContain("09:00 (Asia/Shanghai), weekdays only");
    expect(text(set)).toContain("2026-03-10 09:00");
    expect(set.footer).toBe("Set by Ana");
    expect(await store.getSubscription(channel)).toMatchObject({ time: "09:00", timezone: "Asia/Shanghai", weekdays: true, createdBy: "U1", locale: "en" });

    const status = await run("/lesson daily status");
    expect(status).toMatchObject({ kind: "notice", visibility: "ephemeral" });
    expect(text(status)).toMatch(/09:00 \(Asia\/Shanghai\).*Shown this round: 0 of 5/);
  });

  it("normalises a lower-case zone and an unpadded hour", async () => {
    await run("/lesson daily 9:05 america/new_york");
    expect(await store.getSubscription(channel)).toMatchObject({ time: "09:05", timezone: "America/New_York" });
  });

  it("turns off, and says so when there was nothing to turn off", async () => {
    await run("/lesson daily 09:00 Asia/Shanghai");
    const off = await run("/lesson daily off");
    expect(off.visibility).toBe("channel");
    expect(text(off)).toMatch(/off/);
    expect(await store.getSubscription(channel)).toBeUndefined();
    expect(text(await run("/lesson daily off"))).toMatch(/no daily lesson/);
    expect(text(await run("/lesson daily status"))).toMatch(/no daily lesson/);
  });

  it("refuses people who do not manage the channel, changing nothing", async () => {
    for (const command of ["/lesson daily 09:00 Asia/Shanghai", "/lesson daily off"]) {
      const reply = await run(command, { manager: false });
      expect(reply).toMatchObject({ kind: "error", visibility: "ephemeral" });
      expect(text(reply)).toMatch(/Only people who manage this channel/);
    }
    expect(await store.getSubscription(channel)).toBeUndefined();
    // Anyone may look.
    expect((await run("/lesson daily status", { manager: false })).kind).toBe("notice");
    const zh = await run("/lesson daily 09:00 Asia/Shanghai", { manager: false, locale: "zh" });
    expect(text(zh)).toMatch(/只有能管理这个频道的人/);
  });

  it.each(["25:00", "9am", "9:5", "24:00", "09:60", "noon"])("rejects the time %s, naming HH:MM", async (time) => {
    const reply = await run(`/lesson daily ${time} Asia/Shanghai`);
    expect(reply).toMatchObject({ kind: "error", visibility: "ephemeral" });
    expect(text(reply)).toContain(`“${time}” is not a valid time`);
    expect(text(reply)).toContain("HH:MM");
    expect(await store.getSubscription(channel)).toBeUndefined();
  });

  it.each(["Mars/Base", "GMT+8", "+08:00", "Asia/Shanghai;DROP", ""])("rejects the time zone %j, naming the IANA form", async (zone) => {
    const reply = await run(`/lesson daily 09:00 ${zone}`.trim());
    expect(reply.kind).toBe("error");
    expect(text(reply)).toContain("IANA");
    expect(text(reply)).toContain("Asia/Shanghai");
    expect(await store.getSubscription(channel)).toBeUndefined();
  });

  it("asks for the time zone when it is missing", async () => {
    expect(text(await run("/lesson daily 09:00"))).toMatch(/^Add a time zone after the time/);
  });

  it("answers arguments it cannot parse with the usage", async () => {
    const reply = await run("/lesson daily 09:00 Asia/Shanghai every-day");
    expect(reply.kind).toBe("error");
    expect(text(reply)).toMatch(/^Usage: \/lesson daily HH:MM/);
    expect(text(await run("/lesson daily 09:00 Asia/Shanghai every-day", { locale: "zh" }))).toMatch(/^用法/);
  });
});

describe("/lesson today", () => {
  it("shows the lesson that will be posted, then the same one once posted", async () => {
    await run("/lesson daily 09:00 Asia/Shanghai");
    const before = await run("/lesson today");
    expect(before).toMatchObject({ kind: "lesson", visibility: "ephemeral" });
    expect(before.quotes).toHaveLength(1);
    expect(before.footer).toBe("This channel's next lesson, due 2026-03-10 09:00");

    const slack = new RecordingPublisher();
    await daily.start(new Map([["slack", slack]]));
    clock.set("2026-03-10T01:00:00Z");
    await daily.tick();
    expect(slack.posts).toHaveLength(1);
    const posted = slack.posts[0]!.reply;
    expect(posted).toMatchObject({ kind: "lesson", visibility: "channel", heading: before.heading });
    expect(posted.quotes).toEqual(before.quotes);

    const after = await run("/lesson today");
    expect(after.heading).toBe(posted.heading);
    expect(after.quotes).toEqual(posted.quotes);
    expect(after.footer).toBe("This channel's lesson, posted today");
  });

  it("offers a lesson in a channel without a subscription, with a hint to subscribe", async () => {
    const reply = await run("/lesson today", { locale: "zh" });
    expect(reply.kind).toBe("lesson");
    expect(reply.footer).toMatch(/\/lesson daily 09:00 Asia\/Shanghai/);
  });
});
