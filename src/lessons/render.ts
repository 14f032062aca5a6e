import type { Locale } from "../commands/types.ts";
import type { Reply } from "../reply/types.ts";
import type { Lesson } from "../scheduler/types.ts";
import { reply } from "../reply/build.ts";
import { toCard } from "../commands/cards.ts";
import { translator } from "../i18n/index.ts";
import { dailyMessages } from "../i18n/daily.ts";

const t = translator(dailyMessages);

/** A lesson as a channel post: its title as the heading, its sentences as one quote card. */
export function renderLesson(lesson: Lesson, locale: Locale): Reply {
  return reply("lesson", "channel", {
    heading: lesson.title,
    quotes: [toCard(lesson.quote)],
    footer: t(locale, "lesson.footer"),
  });
}
