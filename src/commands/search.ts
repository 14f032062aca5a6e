import type { Command, CommandDeps } from "./command.ts";
import type { CommandContext } from "./types.ts";
import type { Reply } from "../reply/types.ts";
import { reply, notice } from "../reply/build.ts";
import { toCard, quoteActions, suggestionsFor, topicSuggestions } from "./cards.ts";
import { encodeToken } from "./tokens.ts";
import { logQuestion } from "./log-question.ts";
import { translator } from "../i18n/index.ts";
import { coreMessages } from "../i18n/core.ts";

const t = translator(coreMessages);

/** Quotes per page: three fit a phone screen and stay inside every platform's message limits. */
export const PAGE_SIZE = 3;

/** One page of results for a query; `/lesson <query>` is page 0, the "More" button asks for the next. */
export async function searchPage(query: string, page: number, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const locale = deps.locale(ctx);
  if (query.trim() === "") {
    const suggestions = topicSuggestions(deps, locale);
    return reply("notice", "ephemeral", { body: [t(locale, "search.empty")], suggestions });
  }
  const result = deps.engine().search(query, { limit: PAGE_SIZE, offset: page * PAGE_SIZE });
  const shown = result.query;
  // A question is logged once, when asked: paging through its answers is not asking again.
  if (page === 0) await logQuestion("search", result, result.hits.filter((hit) => hit.strong).length, ctx, deps);
  if (result.hits.length === 0) {
    if (page > 0) return notice(t(locale, "search.noMorePages"));
    return reply("no_match", "ephemeral", {
      body: [t(locale, "search.noMatch", { query: shown })],
      suggestions: suggestionsFor(result, deps, locale),
    });
  }
  const queryId = await deps.store.rememberQuery(shown);
  const from = page * PAGE_SIZE + 1;
  const to = page * PAGE_SIZE + result.hits.length;
  const hasMore = to < result.total;
  return reply("quotes", "ephemeral", {
    heading: t(locale, "search.heading", { query: shown, from, to, total: result.total }),
    body: result.truncated ? [t(locale, "search.truncated", { max: shown.length })] : [],
    quotes: result.hits.map((hit) => toCard(hit, quoteActions(hit.passageId, queryId, locale))),
    suggestions: result.hits.length < PAGE_SIZE && page === 0 ? result.suggestions : [],
    actions: hasMore
      ? [{ kind: "more", label: t(locale, "action.more"), token: encodeToken({ kind: "more", queryId, page: page + 1 }) }]
      : [],
  });
}

export const searchCommand: Command<"search"> = {
  name: "search",
  handle: (invocation, ctx, deps) => searchPage(invocation.query, 0, ctx, deps),
};
