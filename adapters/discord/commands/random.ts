import type { LessonSubcommand } from "./types.ts";
import { localized } from "./types.ts";

/** `/lesson random`: one passage picked at random. */
export const random: LessonSubcommand = {
  name: "random",
  define(builder) {
    const description = { en: "A random passage from the library", zh: "随机来一段", zhTW: "隨機來一段" };
    builder.addSubcommand((sub) => sub.setName("random").setDescription(description.en).setDescriptionLocalizations(localized(description)));
  },
  invocation: () => ({ name: "random" }),
  ephemeral: () => true,
};
