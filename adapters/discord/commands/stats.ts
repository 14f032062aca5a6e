import type { LessonSubcommand } from "./types.ts";
import { localized } from "./types.ts";

const PERIODS: { value: string; en: string; zh: string }[] = [
  { value: "24h", en: "Last 24 hours", zh: "最近 24 小时" },
  { value: "7d", en: "Last 7 days", zh: "最近 7 天" },
  { value: "30d", en: "Last 30 days", zh: "最近 30 天" },
  { value: "90d", en: "Last 90 days", zh: "最近 90 天" },
];

/**
 * `/lesson stats [since:<period>]`: this channel's questions, the library's gaps, votes on quotes and the
 * daily lesson's delivery. For people who manage the channel (checked by the core).
 */
export const stats: LessonSubcommand = {
  name: "stats",
  define(builder) {
    const description = { en: "This channel's questions, gaps and feedback (needs Manage Channels)", zh: "本频道的提问、空白和反馈统计（需要“管理频道”权限）", zhTW: "本頻道的提問、空白和回饋統計（需要「管理頻道」權限）" };
    const since = { en: "Period (default: last 7 days)", zh: "时间段（默认最近 7 天）", zhTW: "時間段（預設最近 7 天）" };
    builder.addSubcommand((sub) =>
      sub
        .setName("stats")
        .setDescription(description.en)
        .setDescriptionLocalizations(localized(description))
        .addStringOption((option) =>
          option
            .setName("since")
            .setDescription(since.en)
            .setDescriptionLocalizations(localized(since))
            .addChoices(...PERIODS.map((p) => ({ name: p.en, value: p.value, name_localizations: localized(p) }))),
        ),
    );
  },
  invocation: (options) => ({ name: "stats", since: options.getString("since") ?? "" }),
  ephemeral: () => true,
};
