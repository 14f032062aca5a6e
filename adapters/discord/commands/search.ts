import type { LessonSubcommand } from "./types.ts";
import { localized } from "./types.ts";

const QUERY = { en: "Words or a question, in Chinese or English", zh: "关键词或问题，中英文都可以", zhTW: "關鍵詞或問題，中英文都可以" };

/** `/lesson search query:<text>`: the best quotes, only for the asker, with suggestions as they type. */
export const search: LessonSubcommand = {
  name: "search",
  define(builder) {
    const description = { en: "Find the passages that answer a question", zh: "查找回答问题的原文段落", zhTW: "查找回答問題的原文段落" };
    builder.addSubcommand((sub) =>
      sub
        .setName("search")
        .setDescription(description.en)
        .setDescriptionLocalizations(localized(description))
        .addStringOption((option) =>
          option
            .setName("query")
            .setDescription(QUERY.en)
            .setDescriptionLocalizations(localized(QUERY))
            .setRequired(true)
            // The core searches the first 256 characters; a little slack lets it say so instead of Discord refusing.
            .setMaxLength(1000)
            .setAutocomplete(true),
        ),
    );
  },
  invocation: (options) => ({ name: "search", query: options.getString("query") ?? "" }),
  ephemeral: () => true,
  autocomplete(options, ctx, commands) {
    const focused = options.getFocused(true);
    return focused.name === "query" ? commands.autocomplete(String(focused.value), ctx) : [];
  },
};
