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
import { isoDay, parseByline, type Byline } from "./byline.ts";
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

/** Page chrome by element, ARIA role, or a class/id that names it: navigation, sidebars, comments, "related". */
const CHROME = [
  "nav", "aside", "footer", "form", "script", "style", "noscript", "template",
  '[role="navigation"]', '[role="complementary"]', '[role="contentinfo"]', '[role="banner"]', '[aria-hidden="true"]',
  ...["related", "comment", "comments", "share", "social", "sidebar", "breadcrumb", "breadcrumbs", "recommend", "newsletter", "subscribe"].flatMap((word) => [
    `[class~="${word}"]`, `[id="${word}"]`, `[class*="${word}-"]`, `[class*="-${word}"]`,
  ]),
].join(", ");

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
  // Readability changes the tree it reads: give it its own copy, without the parts of a page that are
  // never the article (on a short page Readability falls back to keeping them).
  const copy = parseHTML(html).document;
  for (const element of Array.from(copy.querySelectorAll(CHROME)) as Array<{ remove(): void }>) element.remove();
  const article = new Readability(copy as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 100 }).parse();
  const extracted = article?.content ? htmlToSections(article.content) : htmlToSections(document.body?.innerHTML ?? "");
  const { sections, byline: lead } = takeLeadByline(extracted);
  // Readability may take a profile link for the byline: an address is not an author.
  const readabilityByline = article?.byline && !/https?:\/\/|^@/.test(article.byline) ? parseByline(article.byline) : {};
  // Lowest priority: a byline element anywhere on the page (often outside what Readability keeps).
  const byline = { ...pageByline(document), ...lead, ...readabilityByline };

  // Title: what the page declares for sharing, else its one main heading (never a menu line), else
  // Readability's reading of <title> (site name cut off).
  const h1 = mainHeading(document, extracted);
  const title = meta.title ?? h1 ?? meta.documentTitle ?? (article?.title?.trim() || undefined);
  const result: HtmlArticle = { sections: dropTitleHeading(sections, title) };
  if (title) result.title = title;
  const author = meta.author ?? byline.author;
  if (author) result.author = author;
  const date = meta.date ?? byline.date ?? (article?.publishedTime ? isoDay(article.publishedTime) : undefined);
  if (date) result.date = date;
  const site = meta.site ?? byline.source ?? (article?.siteName?.trim() || undefined);
  if (site) result.site = site;
  if (meta.url) result.url = meta.url;
  if (meta.lang) result.lang = meta.lang;
  // Only a description the page declares: Readability's excerpt is just the first paragraph again.
  if (meta.summary && !startsSections(sections, meta.summary)) result.summary = meta.summary;
  return result;
}

/** The article's first heading repeating its title (Readability turns that `<h1>` into an `<h2>`) is not a section. */
function dropTitleHeading(sections: Section[], title: string | undefined): Section[] {
  const first = sections[0];
  if (!title || !first || first.level === 0 || normalise(first.heading) !== normalise(title)) return sections;
  // Lift the sections under the title's heading one level up in their paths.
  return sections.flatMap((s, i) => (i === 0 && !s.blocks.length ? [] : [{ ...s, path: s.path[0] === first.heading ? s.path.slice(1) : s.path, heading: i === 0 ? "" : s.heading, level: i === 0 ? 0 : s.level }]));
}

/** Elements that carry bylines by their class, id or microdata. */
const BYLINE_ELEMENTS = ["byline", "author", "meta", "info", "date", "time", "publish", "source"]
  .flatMap((word) => [`[class*="${word}"]`, `[id*="${word}"]`])
  .concat(['[rel="author"]', '[itemprop="author"]', '[itemprop="datePublished"]'])
  .join(", ");

/** Author, date and source from the page's byline elements (short text only; never a whole block of prose). */
function pageByline(document: Doc): Byline {
  const out: Byline = {};
  const elements = Array.from(document.querySelectorAll(BYLINE_ELEMENTS)) as Array<{ textContent: string | null }>;
  for (const element of elements.slice(0, 50)) {
    const text = (element.textContent ?? "").replace(/\s+/g, " ").trim();
    if (!text || text.length > 120) continue;
    const parts = parseByline(text);
    // A lone name counts only from an element that says it is the author's.
    if (!parts.date && !parts.source && !/author|byline/i.test(JSON.stringify(attributesOf(element)))) continue;
    Object.assign(out, { ...parts, ...out });
    if (out.author && out.date) break;
  }
  return out;
}

function attributesOf(element: unknown): Record<string, string> {
  const e = element as { getAttribute?(name: string): string | null };
  return { class: e.getAttribute?.("class") ?? "", id: e.getAttribute?.("id") ?? "", rel: e.getAttribute?.("rel") ?? "", itemprop: e.getAttribute?.("itemprop") ?? "" };
}

/** The page's one main heading: the first `<h1>` of the extracted article, or the only `<h1>` of the page. */
function mainHeading(document: Doc, sections: Section[]): string | undefined {
  const inArticle = sections.find((s) => s.level === 1)?.heading;
  if (inArticle) return inArticle;
  const all = Array.from(document.querySelectorAll("h1")) as Array<{ textContent: string | null }>;
  const only = all.length === 1 ? all[0]!.textContent?.replace(/\s+/g, " ").trim() : undefined;
  return only || undefined;
}

/**
 * A byline or date line at the top of the article ("张三 · 来源：开源中国 · 2023-05-12", "2016-10-16
 * 11:15:34") is metadata, not the article's words: taken out, its parts kept.
 */
function takeLeadByline(sections: Section[]): { sections: Section[]; byline: Byline } {
  const byline: Byline = {};
  const out = sections.map((s) => ({ ...s, blocks: [...s.blocks] }));
  let looked = 0;
  for (const section of out) {
    while (section.blocks.length && looked < 3) {
      const block = section.blocks[0]!;
      if (block.kind !== "paragraph" || block.text.length > 80) return { sections: out, byline };
      const parts = parseByline(block.text);
      if (!parts.date && !/^(?:by|作者|文)\s*[:：|｜]?\s/i.test(block.text)) return { sections: out, byline };
      Object.assign(byline, { ...parts, ...byline });
      section.blocks.shift();
      looked += 1;
    }
    if (section.blocks.length || looked >= 3) break;
  }
  return { sections: out.filter((s) => s.level > 0 || s.blocks.length), byline };
}

function startsSections(sections: Section[], text: string): boolean {
  const firstBlock = sections.flatMap((s) => s.blocks)[0];
  const firstText = firstBlock?.kind === "paragraph" ? firstBlock.text : firstBlock?.items[0];
  return !!firstText && normalise(firstText).startsWith(normalise(text).slice(0, 40));
}

const normalise = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();

interface PageMeta extends Omit<HtmlArticle, "sections"> {
  /** `<title>`, with the site's name cut off when it can be told apart. */
  documentTitle?: string;
}

/** Title, author, date, site, address and language the page declares about itself. */
function pageMetadata(document: Doc): PageMeta {
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
  const title = metaContent("og:title", "twitter:title", "citation_title") ?? ld.headline;
  if (title) out.title = cleanTitle(title, metaContent("og:site_name"));
  const documentTitle = document.querySelector("title")?.textContent?.trim();
  if (documentTitle) out.documentTitle = cleanTitle(documentTitle, metaContent("og:site_name"));
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
    // The site's name is the last part, and shorter than the article's.
    const last = parts.at(-1)!;
    const rest = parts.slice(0, -1).join(" - ").trim();
    if ((site && last.toLowerCase() === site.toLowerCase()) || last.length < rest.length) return rest;
    // "Site – Article", when the page names its site.
    if (site && parts[0]!.toLowerCase() === site.toLowerCase()) return parts.slice(1).join(" - ").trim();
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
