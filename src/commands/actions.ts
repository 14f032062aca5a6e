/**
 * Button presses: next page, share to channel, helpful / not helpful.
 */
import type { CommandDeps } from "./command.ts";
import type { CommandContext } from "./types.ts";
import type { Reply } from "../reply/types.ts";
import { reply, notice } from "../reply/build.ts";
import { decodeToken } from "./tokens.ts";
import { searchPage } from "./search.ts";
import { sourcesPage } from "./sources.ts";
import { toCard } from "./cards.ts";
import { MAX_LIMIT } from "../search/engine.ts";
import { translator } from "../i18n/index.ts";
import { coreMessages } from "../i18n/core.ts";

const t = translator(coreMessages);

export async function handleAction(raw: string, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const locale = deps.locale(ctx);
  const token = decodeToken(raw);
  if (!token) return notice(t(locale, "search.expired"), "error");

  const query = token.queryId ? await deps.store.recallQuery(token.queryId) : "";
  if (query === undefined) return notice(t(locale, "search.expired"), "error");

  switch (token.kind) {
    case "more": {
      const page = await searchPage(query, token.page, ctx, deps);
      return { ...page, replaceOriginal: true };
    }
    case "sources": {
      const page = await sourcesPage(query, token.page, ctx, deps);
      return { ...page, replaceOriginal: true };
    }
    case "share": {
      const hit = deps.engine().quoteOf(token.passageId, query || undefined);
      if (!hit) return notice(t(locale, "share.missing"), "error");
      return reply("quotes", "channel", {
        quotes: [toCard(hit)],
        footer: t(locale, "share.footer", { name: ctx.actor.name ?? ctx.actor.id }),
      });
    }
    case "helpful":
    case "not_helpful": {
      // Feedback counts only for a quote the bot showed for that query: a forged or made-up passage id is not stored.
      if (!wasShown(token.passageId, query, deps)) {
        ctx.log.warn({ passageId: token.passageId.slice(0, 80) }, "feedback for a passage not shown for this query; not recorded");
        return notice(t(locale, "feedback.unknown"), "error");
      }
      const helpful = token.kind === "helpful";
      await deps.store.recordFeedback({
        platform: ctx.platform,
        channelId: ctx.channelId,
        userId: ctx.actor.id,
        passageId: token.passageId,
        query,
        helpful,
      });
      ctx.log.info({ passageId: token.passageId, helpful }, "feedback recorded");
      return notice(t(locale, helpful ? "feedback.thanks.up" : "feedback.thanks.down"));
    }
  }
}

/** Result pages searched to confirm a passage was shown: far past any page a person clicks through to. */
const MAX_PAGES_CHECKED = 20;

/**
 * Whether `passageId` is among the results the bot gives for `query` (a random quote has no query: then it
 * must at least be a passage in the library).
 */
function wasShown(passageId: string, query: string, deps: CommandDeps): boolean {
  if (query === "") return deps.engine().quoteOf(passageId) !== undefined;
  const engine = deps.engine();
  for (let page = 0; page < MAX_PAGES_CHECKED; page++) {
    const { hits } = engine.search(query, { limit: MAX_LIMIT, offset: page * MAX_LIMIT });
    if (hits.some((hit) => hit.passageId === passageId)) return true;
    if (hits.length < MAX_LIMIT) return false;
  }
  return false;
}
