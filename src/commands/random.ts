import { randomInt } from "node:crypto";
import type { Command } from "./command.ts";
import { reply, notice } from "../reply/build.ts";
import { toCard, quoteActions } from "./cards.ts";
import { translator } from "../i18n/index.ts";
import { coreMessages } from "../i18n/core.ts";

const t = translator(coreMessages);

export const randomCommand: Command<"random"> = {
  name: "random",
  async handle(_invocation, ctx, deps) {
    const locale = deps.locale(ctx);
    const passages = deps.engine().passages();
    if (passages.length === 0) return notice(t(locale, "random.empty"));
    const passage = passages[randomInt(passages.length)]!;
    const hit = deps.engine().quoteOf(passage.id);
    if (!hit) return notice(t(locale, "random.empty"));
    return reply("quotes", "ephemeral", {
      heading: t(locale, "random.heading"),
      quotes: [toCard(hit, quoteActions(hit.passageId, "", locale))],
    });
  },
};
