/**
 * Channel Q&A: decides whether a message deserves an answer and finds one. Staying quiet is the default
 * for anything not addressed to the bot; an unrelated quote is worse than none.
 */
import type { CommandDeps } from "./command.ts";
import type { CommandContext, IncomingMessage } from "./types.ts";
import type { Reply } from "../reply/types.ts";
import { reply } from "../reply/build.ts";
import { looksLikeQuestion } from "./question.ts";
import { toCard, quoteActions, suggestionsFor } from "./cards.ts";
import { logQuestion } from "./log-question.ts";
import { translator } from "../i18n/index.ts";
import { coreMessages } from "../i18n/core.ts";

const t = translator(coreMessages);

/** Quotes in a thread answer: enough to answer, few enough not to flood the channel. */
const MAX_QA_QUOTES = 2;

export async function answerMessage(message: IncomingMessage, ctx: CommandContext, deps: CommandDeps): Promise<Reply | null> {
  const locale = deps.locale(ctx);
  const text = message.text.trim();
  const addressed = message.mentioned || message.direct;
  if (!addressed) {
    const { respondMode } = await deps.store.getChannelSettings({ platform: ctx.platform, channelId: ctx.channelId });
    if (respondMode === "mentions") return null;
    if (respondMode === "questions" && !looksLikeQuestion(text)) return null;
  }
  if (text === "") return addressed ? reply("help", "thread", { body: [t(locale, "qa.emptyMention")] }) : null;

  const result = deps.engine().search(text, { limit: 5 });
  const strong = result.hits.filter((hit) => hit.strong).slice(0, MAX_QA_QUOTES);
  // Chatter that `all` mode reads is not a question the library failed: only questions are logged.
  if (addressed || looksLikeQuestion(text)) await logQuestion("message", result, strong.length, ctx, deps);
  if (strong.length === 0) {
    if (!addressed) return null;
    return reply("no_match", "thread", { body: [t(locale, "qa.noMatch")], suggestions: suggestionsFor(result, deps, locale) });
  }
  const queryId = await deps.store.rememberQuery(result.query);
  return reply("quotes", "thread", {
    quotes: strong.map((hit) => toCard(hit, quoteActions(hit.passageId, queryId, locale, false))),
  });
}
