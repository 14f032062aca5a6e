import type { LessonSubcommand } from "./types.ts";
import { localized } from "./types.ts";

/** `/lesson today`: this channel's lesson of the day (shown to the asker; the daily post is for everyone). */
export const today: LessonSubcommand = {
  name: "today",
  define(builder) {
    const description = { en: "Today's lesson for this channel", zh: "本频道今天的一课", zhTW: "本頻道今天的一課" };
    builder.addSubcommand((sub) => sub.setName("today").setDescription(description.en).setDescriptionLocalizations(localized(description)));
  },
  invocation: () => ({ name: "today" }),
  ephemeral: () => true,
};
