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
