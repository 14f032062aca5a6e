/**
 * Rough edges a newcomer hit in the first week (issue #15), each pinned by a test that failed before:
 * `/lesson today` changing under the user when they subscribe, time zones refused without a "did you
 * mean", and Chinese replies mixing half-width punctuation into full-width sentences.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { todayCommand } from "../../src/commands/today.ts";
import { dailyCommand } from "../../src/commands/daily.ts";
import type { CommandDeps } from "../../src/commands/command.ts";
import type { CommandContext, Locale } from "../../src/commands/types.ts";
import type { Reply } from "../../src/reply/types.ts";
import type { DailyLessons } from "../../src/scheduler/daily-lessons.ts";
import type { Store } from "../../src/store/types.ts";
import { buildEngine } from "../../src/search/engine.ts";
import { parseCommandText } from "../../src/commands/parse.ts";
import { suggestTimeZones } from "../../src/scheduler/time-zones.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { FakeClock, tempDatabase } from "../scheduler/helpers.ts";
import { coreMessages } from "../../src/i18n/core.ts";
import { dailyMessages } from "../../src/i18n/daily.ts";
import { libraryMessages } from "../../src/i18n/library.ts";
import { consoleMessages } from "../../src/i18n/console.ts";
import { lessonCommand } from "../../adapters/discord/commands/index.ts";

let db: ReturnType<typeof tempDatabase>;
let clock: FakeClock;
let store: Store;
let daily: DailyLessons;

beforeEach(() => {
  db = tempDatabase();
  clock = new FakeClock("2026-03-10T06:00:00Z"); // 14:00 in Shanghai: today's 09:00 has passed
  store = db.open();
  daily = db.service({ clock, store });
});
afterEach(async () => {
  await db.cleanup();
});

const deps = (locale: Locale = "en"): CommandDeps => {
  const engine = buildEngine([]);
  return { engine: () => engine, store, daily, locale: () => locale, now: () => clock.now() };
};
const ctx: CommandContext = { platform: "slack", actor: { id: "U1", name: "Ana", canManageChannel: true }, channelId: "C1", requestId: "r", log: silentLogger() };
const run = async (text: string, locale: Locale = "en"): Promise<Reply> => {
  const invocation = parseCommandText(text);
  if (invocation.name === "today") return todayCommand.handle(invocation, ctx, deps(locale));
  if (invocation.name === "daily") return dailyCommand.handle(invocation, ctx, deps(locale));
  throw new Error(text);
};
const all = (reply: Reply) => [reply.heading, ...reply.body, reply.footer].filter(Boolean).join("\n");

describe("/lesson today around subscribing", () => {
  it("shows the same lesson before and after /lesson daily when the first post comes tomorrow, and says when that is", async () => {
    const before = await run("/lesson today");
    await run("/lesson daily 09:00 Asia/Shanghai");
    const after = await run("/lesson today");
    expect(after.heading).toBe(before.heading);
    expect(after.footer).toBe("Today's lesson · this channel's daily post comes 2026-03-11 09:00");
  });

  it("shows the lesson the post will carry when today's post is still to come", async () => {
    await run("/lesson daily 20:00 Asia/Shanghai");
    const today = await run("/lesson today");
    expect(today.footer).toBe("This channel's next lesson, due 2026-03-10 20:00");
    const carried = await daily.today({ platform: "slack", channelId: "C1" });
    expect(today.heading).toContain(carried!.title);
  });
});

describe("time zones people actually type", () => {
  it("suggests the IANA zone for a misspelling, a city, a country and an offset", () => {
    expect(suggestTimeZones("Asia/Shangai")[0]).toBe("Asia/Shanghai");
    expect(suggestTimeZones("Beijing")).toEqual(["Asia/Shanghai"]);
    expect(suggestTimeZones("北京")).toEqual(["Asia/Shanghai"]);
    expect(suggestTimeZones("UTC+8")[0]).toBe("Asia/Shanghai");
    expect(suggestTimeZones("GMT+08:00", 3, new Date("2026-01-15T00:00:00Z"))[0]).toBe("Asia/Shanghai");
    expect(suggestTimeZones("UTC-5", 5, new Date("2026-01-15T00:00:00Z"))).toContain("America/New_York");
    expect(suggestTimeZones("Europe/Berln")[0]).toBe("Europe/Berlin");
    expect(suggestTimeZones("zzzz-not-a-zone")).toEqual([]);
  });

  it("answers /lesson daily with a bad zone by naming the zone it probably meant, in a ready-to-type command", async () => {
    for (const zone of ["Asia/Shangai", "Beijing", "UTC+8"]) {
      const reply = await run(`/lesson daily 09:00 ${zone}`);
      expect(reply.kind).toBe("error");
      expect(all(reply)).toContain("Did you mean Asia/Shanghai");
      expect(all(reply)).toContain("/lesson daily 09:00 Asia/Shanghai");
    }
    expect(all(await run("/lesson daily 09:00 Beijing", "zh"))).toContain("你是不是想写 Asia/Shanghai？");
    expect(await store.getSubscription({ platform: "slack", channelId: "C1" })).toBeUndefined();
  });
});

/** Half-width punctuation where a Chinese sentence needs full-width: next to a CJK character or placeholder. */
const CJK = "[\\u3400-\\u9fff\\u3000-\\u303f\\uff00-\\uffef“”‘’]";
const HALF_WIDTH_IN_CHINESE = new RegExp(`${CJK}[,;!?()]|[,;!?()]${CJK}|${CJK}:(?!\\d)|${CJK}\\(|\\)${CJK}|\\}\\(|\\)\\{`);
/** Full-width punctuation in English text. */
const FULL_WIDTH = /[，。；：？！（）]/;

describe("punctuation: one width per language", () => {
  const catalogs = { core: coreMessages, daily: dailyMessages, library: libraryMessages, console: consoleMessages };
  it("Chinese strings use full-width punctuation and English strings half-width, in every catalog", () => {
    const problems: string[] = [];
    for (const [name, catalog] of Object.entries(catalogs)) {
      for (const [key, value] of Object.entries(catalog.zh)) {
        if (HALF_WIDTH_IN_CHINESE.test(value)) problems.push(`zh ${name}.${key}: ${value}`);
      }
      for (const [key, value] of Object.entries(catalog.en)) if (FULL_WIDTH.test(value)) problems.push(`en ${name}.${key}: ${value}`);
    }
    expect(problems).toEqual([]);
  });

  it("the replies the issue quoted read as one language: the subscription notice and status", async () => {
    const set = all(await run("/lesson daily 09:00 Asia/Shanghai", "zh"));
    expect(set).toContain("好的，本频道将在每天 09:00（Asia/Shanghai）收到一课。下一课：");
    expect(set).not.toMatch(HALF_WIDTH_IN_CHINESE);
    expect(all(await run("/lesson daily status", "zh"))).not.toMatch(HALF_WIDTH_IN_CHINESE);
    expect(all(await run("/lesson daily 9", "zh"))).not.toMatch(HALF_WIDTH_IN_CHINESE);
  });

  it("Discord's Chinese command descriptions too", () => {
    const zh: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
          if ((key === "description_localizations" || key === "name_localizations") && value) zh.push(...Object.values(value as Record<string, string>));
          else walk(value);
        }
      }
    };
    walk(lessonCommand.toJSON());
    expect(zh.length).toBeGreaterThan(20);
    expect(zh.filter((text) => HALF_WIDTH_IN_CHINESE.test(text))).toEqual([]);
  });
});
