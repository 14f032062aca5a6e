/**
 * A saved web page → its article. Mozilla Readability (Firefox's Reader View) on linkedom finds the
 * article among the site's chrome (menus, sidebars, comments, "related" lists); the page's own metadata
 * (meta tags, JSON-LD, `<time>`, `<link rel=canonical>`) gives title, author, date, site and address;
 * what the metadata lacks is taken from a byline in the article. Used by the loader and by `import`.
 */
import { parseHTML } from "linkedom";
import { Readability } from "@mozilla/readability";
import type { DocumentParts } from "../load.ts";
import { readFrontMatter } from "../front-matter.ts";
import type { Section } from "../types.ts";
import { htmlToSections } from "./html-sections.ts";
import { isoDay, parseByline } from "./byline.ts";
import { httpUrl } from "../../reply/url.ts";

export interface HtmlArticle {
  title?: string;
  author?: string;
  date?: string;
  site?: string;
  url?: string;
  lang?: string;
  summary?: string;
  sections: Section[];
}

type Doc = ReturnType<typeof parseHTML>["document"];

export async function readHtmlDocument(html: string): Promise<DocumentParts> {
  const page = extractHtmlArticle(html);
  const front = readFrontMatter("", "none");
  if (page.title) front.title = page.title;
  if (page.author) front.author = page.author;
  if (page.date) front.date = page.date;
  if (page.site) front.source = page.site;
  if (page.url) front.url = page.url;
  if (page.summary) front.summary = page.summary;
  if (page.lang) front.lang = page.lang;
  return { front, sections: page.sections };
}

export function extractHtmlArticle(html: string): HtmlArticle {
  const { document } = parseHTML(html);
  const meta = pageMetadata(document);
  // Readability changes the tree it reads: give it its own copy.
  const article = new Readability(parseHTML(html).document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
  const sections = article?.content ? htmlToSections(article.content) : htmlToSections(document.body?.innerHTML ?? "");
  const byline = article?.byline ? parseByline(article.byline) : {};

  // The article's own first heading often repeats the title: it is not a section of its own.
  const title = meta.title ?? (article?.title?.trim() || undefined);
  const result: HtmlArticle = { sections: dropTitleHeading(sections, title) };
  if (title) result.title = title;
  const author = meta.author ?? byline.author;
  if (author) result.author = author;
  const date = meta.date ?? byline.date ?? (article?.publishedTime ? isoDay(article.publishedTime) : undefined);
  if (date) result.date = date;
  const site = meta.site ?? (article?.siteName?.trim() || undefined);
  if (site) result.site = site;
  if (meta.url) result.url = meta.url;
  if (meta.lang) result.lang = meta.lang;
  const summary = meta.summary ?? (article?.excerpt?.trim() || undefined);
  if (summary && !startsSections(sections, summary)) result.summary = summary;
  return result;
}

function dropTitleHeading(sections: Section[], title: string | undefined): Section[] {
  const first = sections[0];
  if (!title || !first || first.level !== 1 || normalise(first.heading) !== normalise(title)) return sections;
  // Lift the sections under the title's heading one level up in their paths.
  return sections.flatMap((s, i) => (i === 0 && !s.blocks.length ? [] : [{ ...s, path: s.path[0] === first.heading ? s.path.slice(1) : s.path, heading: i === 0 ? "" : s.heading, level: i === 0 ? 0 : s.level }]));
}

function startsSections(sections: Section[], text: string): boolean {
  const firstBlock = sections.flatMap((s) => s.blocks)[0];
  const firstText = firstBlock?.kind === "paragraph" ? firstBlock.text : firstBlock?.items[0];
  return !!firstText && normalise(firstText).startsWith(normalise(text).slice(0, 40));
}

const normalise = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();

interface PageMeta {
  title?: string;
  author?: string;
  date?: string;
  site?: string;
  url?: string;
  lang?: string;
  summary?: string;
}

/** Title, author, date, site, address and language the page declares about itself. */
export function pageMetadata(document: Doc): PageMeta {
  const metaContent = (...keys: string[]) => {
    for (const key of keys) {
      const element = document.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
      const value = element?.getAttribute("content")?.trim();
      if (value) return value;
    }
    return undefined;
  };
  const ld = jsonLd(document);
  const out: PageMeta = {};
  const title = metaContent("og:title", "twitter:title", "citation_title") ?? ld.headline ?? (document.querySelector("title")?.textContent?.trim() || undefined);
  if (title) out.title = cleanTitle(title, metaContent("og:site_name"));
  const author = ld.author ?? metaContent("author", "article:author", "citation_author", "dc.creator", "twitter:creator");
  if (author && !/^https?:/.test(author) && !author.startsWith("@")) out.author = author;
  const timeElement = document.querySelector("time[datetime]")?.getAttribute("datetime") ?? undefined;
  const date = [metaContent("article:published_time", "datePublished", "pubdate", "publish_date", "citation_publication_date", "dc.date", "date"), ld.datePublished, timeElement]
    .map((d) => (d ? isoDay(d) : undefined))
    .find(Boolean);
  if (date) out.date = date;
  const site = metaContent("og:site_name", "application-name") ?? ld.publisher;
  if (site) out.site = site;
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? metaContent("og:url") ?? ld.url;
  if (canonical && httpUrl(canonical)) out.url = httpUrl(canonical)!.href;
  const lang = document.documentElement?.getAttribute("lang")?.trim();
  if (lang && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(lang)) out.lang = lang.split("-")[0]!.toLowerCase();
  const summary = metaContent("description", "og:description");
  if (summary) out.summary = summary;
  return out;
}

/** A `<title>` usually carries the site: "Article – Site" → "Article". */
function cleanTitle(title: string, site: string | undefined): string {
  const text = title.replace(/\s+/g, " ").trim();
  const parts = text.split(/\s+[|–—-]\s+|\s*[|｜_]\s*/);
  if (parts.length > 1) {
    const last = parts.at(-1)!;
    if ((site && last.toLowerCase() === site.toLowerCase()) || last.length < parts[0]!.length / 2) return parts.slice(0, -1).join(" - ").trim();
  }
  return text;
}

interface LdFields {
  headline?: string;
  author?: string;
  datePublished?: string;
  publisher?: string;
  url?: string;
}

/** Fields of the page's schema.org Article (JSON-LD); malformed JSON is ignored. */
function jsonLd(document: Doc): LdFields {
  const out: LdFields = {};
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]')) as Array<{ textContent: string | null }>) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? "");
    } catch {
      continue;
    }
    const nodes = (Array.isArray(data) ? data : [data]).flatMap((d) => (isObject(d) && Array.isArray(d["@graph"]) ? d["@graph"] : [d]));
    for (const node of nodes) {
      if (!isObject(node)) continue;
      const type = String(node["@type"] ?? "");
      if (!/Article|Posting|Report|WebPage|Blog/i.test(type)) continue;
      out.headline ??= text(node.headline) ?? text(node.name);
      out.author ??= names(node.author);
      out.datePublished ??= text(node.datePublished) ?? text(node.dateCreated);
      out.publisher ??= names(node.publisher);
      out.url ??= text(node.url) ?? text(node.mainEntityOfPage);
    }
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : isObject(v) ? text(v["@id"]) : undefined);
function names(v: unknown): string | undefined {
  const list = (Array.isArray(v) ? v : [v]).map((x) => (typeof x === "string" ? x.trim() : isObject(x) ? text(x.name) : undefined)).filter(Boolean);
  return list.length ? list.join(", ") : undefined;
}
