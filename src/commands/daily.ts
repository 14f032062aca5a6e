/**
 * `/lesson daily HH:MM <zone> [weekdays]`, `/lesson daily off`, `/lesson daily status`: a channel's
 * daily lesson. Changing it takes someone who manages the channel (the adapter decides who that is).
 */
import type { Command } from "./command.ts";
import type { CommandContext, Locale } from "./types.ts";
import type { Reply } from "../reply/types.ts";
import type { DailyStatus } from "../scheduler/types.ts";
import { notice, reply } from "../reply/build.ts";
import { canonicalTimeZone, localDateTime, parseTime } from "../scheduler/schedule.ts";
import { suggestTimeZones } from "../scheduler/time-zones.ts";
import { translator } from "../i18n/index.ts";
import { dailyMessages } from "../i18n/daily.ts";

const t = translator(dailyMessages);

/** What `{next}` says: the local date and time of the next post, in the channel's zone. */
export function describeNext(status: DailyStatus): string {
  const sub = status.subscription;
  return sub && status.nextAt ? localDateTime(status.nextAt, sub.timezone) : "—";
}

function scheduleParams(status: DailyStatus, locale: Locale): Record<string, string | number> {
  const sub = status.subscription!;
  return {
    time: sub.time,
    timezone: sub.timezone,
    weekdays: sub.weekdays ? t(locale, "daily.weekdaysOnly") : "",
    next: describeNext(status),
    shown: status.shown,
    total: status.total,
  };
}

function statusReply(status: DailyStatus, locale: Locale): Reply {
  if (!status.subscription) return notice(t(locale, "daily.statusNone"));
  const body = [t(locale, "daily.status", scheduleParams(status, locale))];
  const last = status.lastPost;
  if (last) {
    body.push(t(locale, "daily.lastPost", { date: last.localDate, status: t(locale, `daily.postStatus.${last.status}`) }));
  }
  return reply("notice", "ephemeral", { body });
}

/** A change everyone in the channel should see, signed with the changer's display name (never a mention). */
function announce(text: string, ctx: CommandContext, locale: Locale): Reply {
  return reply("notice", "channel", {
    body: [text],
    ...(ctx.actor.name ? { footer: t(locale, "daily.by", { name: ctx.actor.name }) } : {}),
  });
}

export const dailyCommand: Command<"daily"> = {
  name: "daily",
  async handle(invocation, ctx, deps) {
    const locale = deps.locale(ctx);
    const channel = { platform: ctx.platform, channelId: ctx.channelId };
    if (invocation.action === "invalid") return notice(t(locale, "daily.usage"), "error");
    if (invocation.action === "status") return statusReply(await deps.daily.status(channel), locale);
    if (!ctx.actor.canManageChannel) return notice(t(locale, "daily.denied"), "error");

    if (invocation.action !== "set") {
      const removed = await deps.daily.unsubscribe(channel);
      ctx.log.info({ channelId: ctx.channelId, removed }, "daily lesson off");
      return removed ? announce(t(locale, "daily.off"), ctx, locale) : notice(t(locale, "daily.offNone"));
    }

    // `set` from here on.
    const time = parseTime(invocation.time);
    if (!time) {
      return notice([t(locale, "daily.badTime", { input: invocation.time }), t(locale, "daily.usage")].join("\n"), "error");
    }
    const timezone = canonicalTimeZone(invocation.timezone);
    if (!timezone) {
      if (!invocation.timezone.trim()) return notice([t(locale, "daily.missingZone"), t(locale, "daily.usage")].join("\n"), "error");
      const problem = t(locale, "daily.badZone", { input: invocation.timezone });
      const close = suggestTimeZones(invocation.timezone, 3, deps.now());
      const hint = close.length > 0 ? t(locale, "daily.didYouMean", { zones: close.join(locale === "zh" ? "、" : ", "), time, zone: close[0]! }) : t(locale, "daily.usage");
      return notice([problem, hint].join("\n"), "error");
    }
    const status = await deps.daily.subscribe({
      ...channel,
      time,
      timezone,
      weekdays: invocation.weekdays,
      createdBy: ctx.actor.id,
      locale,
    });
    return announce(t(locale, "daily.subscribed", scheduleParams(status, locale)), ctx, locale);
  },
};
