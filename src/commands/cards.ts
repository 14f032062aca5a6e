import type { Hit, SearchResult } from "../search/types.ts";
import type { CommandDeps } from "./command.ts";
import type { QuoteCard, ReplyAction } from "../reply/types.ts";
import type { Locale } from "./types.ts";
import { encodeToken } from "./tokens.ts";
import { translator } from "../i18n/index.ts";
import { coreMessages } from "../i18n/core.ts";

const t = translator(coreMessages);

/** A hit as a quote card with its attribution. */
export function toCard(hit: Hit, actions?: ReplyAction[]): QuoteCard {
  return {
    passageId: hit.passageId,
    segments: hit.quoteSegments,
    speaker: hit.speaker,
    title: hit.title,
    section: hit.section,
    url: hit.url,
    ...(actions && actions.length > 0 ? { actions } : {}),
  };
}

/**
 * Buttons under a quote: feedback always, "share to channel" only where the asker alone sees it
 * (a quote already in a thread needs no sharing).
 */
export function quoteActions(passageId: string, queryId: string, locale: Locale, share = true): ReplyAction[] {
  const shareAction: ReplyAction[] = share
    ? [{ kind: "share", label: t(locale, "action.share"), token: encodeToken({ kind: "share", passageId, queryId }) }]
    : [];
  return [
    ...shareAction,
    { kind: "helpful", label: t(locale, "action.helpful"), token: encodeToken({ kind: "helpful", passageId, queryId }) },
    {
      kind: "not_helpful",
      label: t(locale, "action.notHelpful"),
      token: encodeToken({ kind: "not_helpful", passageId, queryId }),
    },
  ];
}

/**
 * The library's main topics to try, for a user reading `locale`. Every command asks here (never the engine
 * directly), so suggestions in the user's language plug in at this one place once the engine offers them.
 */
export function topicSuggestions(deps: CommandDeps, _locale: Locale): string[] {
  return deps.engine().search("").suggestions;
}

/** What to try instead: the engine's close terms for this query, else the corpus's main topics. */
export function suggestionsFor(result: SearchResult, deps: CommandDeps, locale: Locale): string[] {
  return result.suggestions.length > 0 ? result.suggestions : topicSuggestions(deps, locale);
}
