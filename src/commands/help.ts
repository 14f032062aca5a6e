import type { Command } from "./command.ts";
import { reply } from "../reply/build.ts";
import { topicSuggestions } from "./cards.ts";
import { translator } from "../i18n/index.ts";
import { coreMessages } from "../i18n/core.ts";

const t = translator(coreMessages);

export const helpCommand: Command<"help"> = {
  name: "help",
  async handle(_invocation, ctx, deps) {
    const locale = deps.locale(ctx);
    const engine = deps.engine();
    return reply("help", "ephemeral", {
      heading: t(locale, "help.heading"),
      body: [
        ...t(locale, "help.body").split("\n"),
        t(locale, "help.corpus", { articles: engine.articles().length, passages: engine.passages().length }),
      ],
      suggestions: topicSuggestions(deps, locale),
    });
  },
};
