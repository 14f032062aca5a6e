import type { LessonSubcommand } from "./types.ts";
import { localized } from "./types.ts";

/** `/lesson help`: how to use the bot and what the library holds. */
export const help: LessonSubcommand = {
  name: "help",
  define(builder) {
    const description = { en: "How to use lessonbot", zh: "lessonbot 用法", zhTW: "lessonbot 用法" };
    builder.addSubcommand((sub) => sub.setName("help").setDescription(description.en).setDescriptionLocalizations(localized(description)));
  },
  invocation: () => ({ name: "help" }),
  ephemeral: () => true,
};
