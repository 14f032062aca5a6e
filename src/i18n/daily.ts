import type { Catalog } from "./index.ts";

/** Strings of `/lesson daily …`, `/lesson today` and the daily posts. */
export const dailyMessages: Catalog = {
  zh: {
    "lesson.footer": "每日一课",
    "daily.usage":
      "用法:/lesson daily HH:MM 时区 [weekdays],例如 /lesson daily 09:00 Asia/Shanghai weekdays\n" +
      "/lesson daily off — 取消;/lesson daily status — 查看;/lesson today — 今天的一课",
    "daily.badTime": "“{input}”不是有效的时间。请用 24 小时制 HH:MM,例如 09:00 或 18:30。",
    "daily.missingZone": "请在时间后面写上时区。请用 IANA 时区名,例如 Asia/Shanghai、Europe/Berlin、America/New_York 或 UTC。",
    "daily.badZone": "“{input}”不是有效的时区。请用 IANA 时区名,例如 Asia/Shanghai、Europe/Berlin、America/New_York 或 UTC。",
    "daily.denied": "只有能管理这个频道的人才能设置或取消每日一课。你仍可以用 /lesson today 查看今天的一课。",
    "daily.subscribed": "好的:本频道将在每天 {time}({timezone})收到一课{weekdays}。下一课:{next}。",
    "daily.weekdaysOnly": "(仅工作日)",
    "daily.by": "由 {name} 设置",
    "daily.off": "本频道的每日一课已取消。",
    "daily.offNone": "本频道没有订阅每日一课。",
    "daily.status": "本频道每天 {time}({timezone})收到一课{weekdays}。下一课:{next}。本轮已发 {shown}/{total} 课。",
    "daily.statusNone": "本频道没有订阅每日一课。设置方法:/lesson daily 09:00 Asia/Shanghai",
    "daily.lastPost": "最近一次:{date}({status})",
    "daily.postStatus.posted": "已发送",
    "daily.postStatus.sending": "发送中",
    "daily.postStatus.claimed": "待发送",
    "daily.postStatus.failed": "发送失败",
    "today.posted": "本频道今天已发的一课",
    "today.upcoming": "本频道下一课,将于 {next} 发出",
    "today.unsubscribed": "今天的一课 · 想让它每天出现在频道里?/lesson daily 09:00 Asia/Shanghai",
    "today.none": "语料库里还没有可用的课。",
  },
  en: {
    "lesson.footer": "Lesson of the day",
    "daily.usage":
      "Usage: /lesson daily HH:MM <time zone> [weekdays], e.g. /lesson daily 09:00 Asia/Shanghai weekdays\n" +
      "/lesson daily off — stop; /lesson daily status — show; /lesson today — today's lesson",
    "daily.badTime": "“{input}” is not a valid time. Use 24-hour HH:MM, e.g. 09:00 or 18:30.",
    "daily.missingZone": "Add a time zone after the time. Use an IANA zone name, e.g. Asia/Shanghai, Europe/Berlin, America/New_York or UTC.",
    "daily.badZone": "“{input}” is not a valid time zone. Use an IANA zone name, e.g. Asia/Shanghai, Europe/Berlin, America/New_York or UTC.",
    "daily.denied": "Only people who manage this channel can set up or stop its daily lesson. You can still see today's with /lesson today.",
    "daily.subscribed": "Done: this channel gets a lesson every day at {time} ({timezone}){weekdays}. Next: {next}.",
    "daily.weekdaysOnly": ", weekdays only",
    "daily.by": "Set by {name}",
    "daily.off": "Daily lessons are off for this channel.",
    "daily.offNone": "This channel has no daily lesson.",
    "daily.status": "This channel gets a lesson every day at {time} ({timezone}){weekdays}. Next: {next}. Shown this round: {shown} of {total}.",
    "daily.statusNone": "This channel has no daily lesson. To set one up: /lesson daily 09:00 Asia/Shanghai",
    "daily.lastPost": "Last: {date} ({status})",
    "daily.postStatus.posted": "posted",
    "daily.postStatus.sending": "sending",
    "daily.postStatus.claimed": "pending",
    "daily.postStatus.failed": "failed",
    "today.posted": "This channel's lesson, posted today",
    "today.upcoming": "This channel's next lesson, due {next}",
    "today.unsubscribed": "Today's lesson · Want it in this channel every day? /lesson daily 09:00 Asia/Shanghai",
    "today.none": "The library has no lessons yet.",
  },
};
