/**
 * `/lesson sources [words] [page]`: what the library holds, a page at a time: each article's title
 * (linked to its source), author, date, and how many passages and lessons it gives. A library may have
 * thousands of articles, so pages are short, the filter narrows by title, author or path, and buttons
 * move between pages (the filter rides in the button as a remembered-query id).
 */
import type { Command, CommandDeps } from "./command.ts";
import type { CommandContext, Locale } from "./types.ts";
import type { Reply, ReplyAction, ReplyEntry } from "../reply/types.ts";
import type { SearchEngine } from "../search/types.ts";
import { notice, reply } from "../reply/build.ts";
import { lessonsOf } from "../lessons/index.ts";
import { fold } from "../text/normalize.ts";
import { encodeToken } from "./tokens.ts";
import { translator } from "../i18n/index.ts";
import { libraryMessages } from "../i18n/library.ts";

const t = translator(libraryMessages);

/** Articles per page: ten short entries fit every platform's message and a phone screen. */
export const SOURCES_PAGE_SIZE = 10;
/** A filter longer than this is cut (it has to match inside a title or a path). */
const MAX_FILTER = 100;

export interface SourceEntry {
  id: string;
  title: string;
  author?: string;
  date?: string;
  path: string;
  passages: number;
  lessons: number;
  /** A passage of the article, to ask the engine for the article's link as its quotes show it. */
  firstPassageId?: string;
  url?: string;
  /** Title, author, speakers, path and tags, folded for matching a filter. */
  haystack: string;
}

const catalogs = new WeakMap<SearchEngine, readonly SourceEntry[]>();

/** The library's articles, newest first (undated last, then by title), built once per engine. */
function catalogOf(engine: SearchEngine): readonly SourceEntry[] {
  let catalog = catalogs.get(engine);
  if (catalog) return catalog;
  const passages = new Map<string, { count: number; first?: string }>();
  for (const passage of engine.passages()) {
    const entry = passages.get(passage.articleId) ?? { count: 0 };
    entry.count += 1;
    entry.first ??= passage.id;
    passages.set(passage.articleId, entry);
  }
  const lessons = new Map<string, number>();
  for (const lesson of lessonsOf(engine)) lessons.set(lesson.quote.articleId, (lessons.get(lesson.quote.articleId) ?? 0) + 1);
  catalog = engine
    .articles()
    .map(({ meta, path }): SourceEntry => {
      const p = passages.get(meta.id);
      return {
        id: meta.id,
        title: meta.title,
        ...(meta.author ? { author: meta.author } : meta.speakers[0] ? { author: meta.speakers[0] } : {}),
        ...(meta.date ? { date: meta.date } : {}),
        path,
        passages: p?.count ?? 0,
        lessons: lessons.get(meta.id) ?? 0,
        ...(p?.first ? { firstPassageId: p.first } : {}),
        ...(meta.url ? { url: meta.url } : {}),
        haystack: fold([meta.title, meta.author, ...meta.speakers, path, meta.id, ...meta.tags].filter(Boolean).join("\n")),
      };
    })
    .sort((a, b) => (b.date ?? "").localeCompare(a.date ?? "") || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  catalogs.set(engine, catalog);
  return catalog;
}

/** Articles whose title, author, path or tags contain every word of `filter`. */
function filterCatalog(catalog: readonly SourceEntry[], filter: string): readonly SourceEntry[] {
  const words = fold(filter).split(/\s+/).filter(Boolean);
  return words.length === 0 ? catalog : catalog.filter((entry) => words.every((word) => entry.haystack.includes(word)));
}

/** The article's link: what its quotes link to (the engine may map paths to a site), else its front matter's. */
function linkOf(entry: SourceEntry, engine: SearchEngine): string | undefined {
  const fromQuote = entry.firstPassageId ? engine.quoteOf(entry.firstPassageId)?.url : undefined;
  return fromQuote ?? entry.url;
}

function describeSource(entry: SourceEntry, locale: Locale): string {
  return [
    // No "author unknown" on every line of a handbook: what is missing is left out.
    entry.author,
    entry.date,
    t(locale, entry.passages === 1 ? "sources.passages.one" : "sources.passages", { n: entry.passages }),
    t(locale, entry.lessons === 1 ? "sources.lessons.one" : "sources.lessons", { n: entry.lessons }),
  ]
    .filter(Boolean)
    .join(" · ");
}

export async function sourcesPage(filterText: string, page: number, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const locale = deps.locale(ctx);
  const engine = deps.engine();
  const filter = filterText.trim().slice(0, MAX_FILTER);
  const all = catalogOf(engine);
  if (all.length === 0) return notice(t(locale, "sources.none"));
  const matching = filterCatalog(all, filter);
  if (matching.length === 0) return notice(t(locale, "sources.noMatch", { filter }));
  const pages = Math.ceil(matching.length / SOURCES_PAGE_SIZE);
  if (page >= pages) return notice(t(locale, "sources.pastEnd", { page: page + 1, pages }));

  const start = page * SOURCES_PAGE_SIZE;
  const shown = matching.slice(start, start + SOURCES_PAGE_SIZE);
  const entries: ReplyEntry[] = shown.map((entry) => {
    const url = linkOf(entry, engine);
    return { title: entry.title, details: describeSource(entry, locale), ...(url ? { url } : {}) };
  });
  const queryId = filter ? await deps.store.rememberQuery(filter) : "";
  const actions: ReplyAction[] = [];
  if (page > 0) {
    actions.push({ kind: "more", label: t(locale, "action.previous"), token: encodeToken({ kind: "sources", queryId, page: page - 1 }) });
  }
  if (page + 1 < pages) {
    actions.push({ kind: "more", label: t(locale, "action.next"), token: encodeToken({ kind: "sources", queryId, page: page + 1 }) });
  }
  const range = { total: matching.length, from: start + 1, to: start + shown.length, filter };
  return reply("notice", "ephemeral", {
    heading: t(locale, !filter ? "sources.heading" : matching.length === 1 ? "sources.headingFiltered.one" : "sources.headingFiltered", range),
    entries,
    actions,
    // Buttons page on; the hint says how to jump or narrow, which a library of thousands needs.
    ...(pages > 1 ? { footer: t(locale, "sources.hint") } : {}),
  });
}

export const sourcesCommand: Command<"sources"> = {
  name: "sources",
  handle: (invocation, ctx, deps) => sourcesPage(invocation.filter, invocation.page, ctx, deps),
};
