/**
 * `/lesson stats [7d]`: how this channel used the library, for whoever manages the channel: questions
 * asked most, questions the library could not answer, quotes people voted on, daily-lesson delivery.
 * Only this channel's figures: a channel's manager sees nothing of other channels.
 */
import type { Command } from "./command.ts";
import { notice, reply } from "../reply/build.ts";
import { buildReport, DEFAULT_PERIOD, describePeriod, MAX_PERIOD_DAYS, parsePeriod, reportParagraphs } from "./usage-report.ts";
import { translator } from "../i18n/index.ts";
import { libraryMessages } from "../i18n/library.ts";

const t = translator(libraryMessages);

export const statsCommand: Command<"stats"> = {
  name: "stats",
  async handle(invocation, ctx, deps) {
    const locale = deps.locale(ctx);
    if (!ctx.actor.canManageChannel) return notice(t(locale, "stats.denied"), "error");
    if (!deps.history) return notice(t(locale, "stats.unavailable"));
    const period = invocation.since.trim() === "" ? DEFAULT_PERIOD : parsePeriod(invocation.since);
    if (!period) return notice(t(locale, "stats.badSince", { input: invocation.since.trim(), max: MAX_PERIOD_DAYS }), "error");
    const report = await buildReport(deps.history, deps.engine(), {
      period,
      now: deps.now(),
      channel: { platform: ctx.platform, channelId: ctx.channelId },
    });
    return reply("notice", "ephemeral", {
      heading: t(locale, "stats.heading", { period: describePeriod(period, locale) }),
      body: reportParagraphs(report, locale),
      ...(deps.historyDays !== undefined ? { footer: t(locale, "stats.retention", { days: deps.historyDays }) } : {}),
    });
  },
};
