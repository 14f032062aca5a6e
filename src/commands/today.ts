/**
 * `/lesson today`: the channel's lesson of the day — the one that was posted today, or the one the
 * next post will carry (the scheduler's own choice, so the two always agree).
 */
import type { Command } from "./command.ts";
import { notice } from "../reply/build.ts";
import { renderLesson } from "../lessons/render.ts";
import { localDate } from "../scheduler/schedule.ts";
import { describeNext } from "./daily.ts";
import { translator } from "../i18n/index.ts";
import { dailyMessages } from "../i18n/daily.ts";

export { renderLesson };

const t = translator(dailyMessages);

export const todayCommand: Command<"today"> = {
  name: "today",
  async handle(_invocation, ctx, deps) {
    const locale = deps.locale(ctx);
    const channel = { platform: ctx.platform, channelId: ctx.channelId };
    const lesson = await deps.daily.today(channel);
    if (!lesson) return notice(t(locale, "today.none"));
    const status = await deps.daily.status(channel);
    const sub = status.subscription;
    let footer: string;
    if (!sub) footer = t(locale, "today.unsubscribed");
    else {
      const today = localDate(deps.now(), sub.timezone);
      const last = status.lastPost;
      const postedToday = last?.status === "posted" && last.lessonId === lesson.id && last.localDate === today;
      const dueToday = status.nextAt !== undefined && localDate(status.nextAt, sub.timezone) === today;
      footer = postedToday
        ? t(locale, "today.posted")
        : t(locale, dueToday ? "today.upcoming" : "today.later", { next: describeNext(status) });
    }
    // Asked for, not posted: only the asker sees it.
    return { ...renderLesson(lesson, locale), visibility: "ephemeral", footer };
  },
};
