import type { LessonSubcommand } from "./types.ts";
import { matchTimeZones } from "../../../src/scheduler/time-zones.ts";
import { localized } from "./types.ts";

/**
 * `/lesson daily set time:<HH:MM> timezone:<zone> [weekdays:<bool>]`, `/lesson daily off`,
 * `/lesson daily status`: the channel's daily lesson. A group, so each form asks only for what it needs.
 * Time and zone are validated by the core, which explains a bad one.
 */
export const daily: LessonSubcommand = {
  name: "daily",
  define(builder) {
    const group = { en: "A lesson posted in this channel every day", zh: "每天在本频道发一课", zhTW: "每天在本頻道發一課" };
    const set = { en: "Post a lesson here every day at a time (needs Manage Channels)", zh: "每天定时在这里发一课（需要“管理频道”权限）", zhTW: "每天定時在這裡發一課（需要「管理頻道」權限）" };
    const time = { en: "Local time, 24-hour HH:MM, e.g. 09:00", zh: "当地时间，24 小时制 HH:MM，例如 09:00", zhTW: "當地時間，24 小時制 HH:MM，例如 09:00" };
    const zone = { en: "Time zone, e.g. Asia/Shanghai", zh: "时区，例如 Asia/Shanghai", zhTW: "時區，例如 Asia/Taipei" };
    const weekdays = { en: "Only Monday to Friday", zh: "只在周一到周五", zhTW: "只在週一到週五" };
    const off = { en: "Stop the daily lesson (needs Manage Channels)", zh: "停止每日一课（需要“管理频道”权限）", zhTW: "停止每日一課（需要「管理頻道」權限）" };
    const status = { en: "When the next lesson comes", zh: "查看下一课的时间", zhTW: "查看下一課的時間" };
    builder.addSubcommandGroup((g) =>
      g
        .setName("daily")
        .setDescription(group.en)
        .setDescriptionLocalizations(localized(group))
        .addSubcommand((sub) =>
          sub
            .setName("set")
            .setDescription(set.en)
            .setDescriptionLocalizations(localized(set))
            .addStringOption((o) =>
              o.setName("time").setDescription(time.en).setDescriptionLocalizations(localized(time)).setRequired(true).setMaxLength(16),
            )
            .addStringOption((o) =>
              o
                .setName("timezone")
                .setDescription(zone.en)
                .setDescriptionLocalizations(localized(zone))
                .setRequired(true)
                .setMaxLength(64)
                .setAutocomplete(true),
            )
            .addBooleanOption((o) => o.setName("weekdays").setDescription(weekdays.en).setDescriptionLocalizations(localized(weekdays))),
        )
        .addSubcommand((sub) => sub.setName("off").setDescription(off.en).setDescriptionLocalizations(localized(off)))
        .addSubcommand((sub) => sub.setName("status").setDescription(status.en).setDescriptionLocalizations(localized(status))),
    );
  },
  invocation(options) {
    const action = options.getSubcommand();
    if (action === "off" || action === "status") return { name: "daily", action };
    if (action !== "set") return { name: "daily", action: "invalid", input: action };
    return {
      name: "daily",
      action: "set",
      time: options.getString("time") ?? "",
      timezone: options.getString("timezone") ?? "",
      weekdays: options.getBoolean("weekdays") ?? false,
    };
  },
  // Subscribing and stopping are announced to the channel; the status is for the asker.
  ephemeral: (options) => options.getSubcommand() === "status",
  autocomplete(options) {
    const focused = options.getFocused(true);
    return focused.name === "timezone" ? matchTimeZones(String(focused.value)) : [];
  },
};
