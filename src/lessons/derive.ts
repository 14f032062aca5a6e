/**
 * Lesson units from the corpus, for the daily posts:
 * 1. every section whose heading states a lesson ("不要忽视职业倦怠"), with the sentences of its body
 *    that best explain it;
 * 2. other strong, self-contained quotes (general claims and advice) from every article;
 * 3. front matter `lessons.add` / `lessons.exclude` to add or remove lessons by hand.
 * Every lesson is whole sentences that read on their own, from the passages the search engine built,
 * so its attribution and link are the same as a search hit's.
 */
import { createHash } from "node:crypto";
import type { Article, LessonSpec } from "../corpus/types.ts";
import type { Hit, Passage, SearchEngine } from "../search/types.ts";
import { passagesByArticle } from "../search/passages.ts";
import type { Lesson } from "../scheduler/types.ts";
import { splitSentences } from "../text/sentences.ts";
import { cleanHeading, isMetaHeading, lessonSections } from "./headings.ts";
import { headingOverlap, lessonScore } from "./score.ts";
import { notStandalone, trimLeadIn } from "./standalone.ts";

/** Quote lessons need at least this score (see score.ts) to be worth a day. */
const QUOTE_THRESHOLD = 5;
/** …and an article without any lesson offers its best sentence from this score on. */
const QUOTE_FLOOR = 2;
const QUOTES_PER_ARTICLE = 6;
const QUOTES_PER_SECTION = 2;
/** A lesson's second sentence is added only while the whole stays this short. */
const EXPLAIN_MAX_CHARS = 150;
const TITLE_MAX_CHARS = 40;

/** One sentence of a passage, as it could be quoted. */
interface Candidate {
  passage: Passage;
  /** The sentence with any speaker label or reporting lead-in removed. */
  text: string;
  /** Offsets of `text` in the passage. */
  start: number;
  end: number;
  /** The next sentence of the passage, if any. */
  next?: { start: number; end: number };
  /** Order within its section. */
  index: number;
  /** The sentence is a paragraph of its own: authors set their conclusions apart like that. */
  alone: boolean;
}

/** Stable across restarts while the article and the text are unchanged. */
export function lessonId(articleId: string, text: string): string {
  return createHash("sha256").update(`${articleId}\u0000${text}`).digest("base64url").slice(0, 12);
}

const chars = (text: string) => [...text].length;
const sectionKey = (path: readonly string[]) => path.join("\u0000");

function candidatesOf(passages: readonly Passage[], paragraphs: ReadonlySet<string>): Candidate[] {
  const out: Candidate[] = [];
  for (const passage of passages) {
    const spans = splitSentences(passage.text);
    spans.forEach((span, i) => {
      const raw = passage.text.slice(span.start, span.end);
      let text = trimLeadIn(raw);
      // "我不打算对这一话题做大量的评论,但我的主要建议是…": when only the part before 但 leans on
      // its context, the clause after it still stands as a sentence of its own.
      const but = /[,，]\s*但(是)?[,，]?\s*/.exec(text);
      if (notStandalone(text) && but) text = text.slice(but.index + but[0].length);
      const offset = raw.indexOf(text);
      if (offset < 0) return;
      const next = spans[i + 1];
      out.push({
        passage,
        text,
        start: span.start + offset,
        end: span.start + offset + text.length,
        ...(next ? { next: { start: next.start, end: next.end } } : {}),
        index: out.length,
        alone: paragraphs.has(raw.trim()),
      });
    });
  }
  return out;
}

/** The candidate's sentence, plus the next one when it completes the thought and the whole stays short. */
function explanation(candidate: Candidate): string {
  const { passage, text, next } = candidate;
  // A closing quote after the sentence means it was cut out of a longer quotation: keep it alone.
  const closedByQuote = /^[”"」』]/.test(passage.text.slice(candidate.end));
  if (!next || chars(text) >= 60 || closedByQuote) return text;
  const following = passage.text.slice(next.start, next.end);
  // The next sentence must carry the thought on, not start an example or a story.
  if (notStandalone(following, { continues: true }) || /^(例如|比如|譬如|举个例子)/.test(following) || lessonScore(following) < 1) {
    return text;
  }
  const both = passage.text.slice(candidate.start, next.end);
  return chars(both) <= EXPLAIN_MAX_CHARS ? both : text;
}

const CONTRAST_START = /(不是|不仅|不只|并非)/;
const CONTRAST_END = /(而是|而在于|更是|而且|也是)/;
/** A clause that only sets up what follows: a condition, a concession, a topic, "…就会明白". */
const SETUP = /^(如果|假如|假设|虽然|尽管|即使|当|因为|由于|对于|经历)|(而言|来说|来看|之后|之前|时候|的话|明白|发现|知道|看到|认为|觉得|说|是)$/;
/** Clauses that are the second half of something: never the start of a title. */
const CONNECTIVE = /^(而是|而且|而|但是|但|就|也|并且|并|则|同时|以及|更)/;
/** "那么/所以/因此 …" introduces the main clause: the title may start after it. */
const RESULT = /^\s*(那么|所以|因此)[,，]?\s*/;

/** Clauses of a sentence, each with its trailing comma, never split inside brackets. */
function clausesOf(sentence: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < sentence.length; i++) {
    const ch = sentence[i]!;
    if ("（(【[「“".includes(ch)) depth++;
    else if ("）)】]」”".includes(ch) && depth > 0) depth--;
    else if (depth === 0 && ",，;；:：".includes(ch)) {
      out.push(sentence.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < sentence.length) out.push(sentence.slice(start));
  return out;
}

const stripComma = (text: string) => text.replace(/[,，;；:：]$/, "").trim();

/**
 * A short title for a quote lesson: the sentence if short, else its most lesson-like run of whole
 * clauses that makes a statement on its own (not a bare condition, not half of a "不是…而是…").
 */
function titleOf(sentence: string): string {
  const bare = sentence.replace(/[。！!…]+["”’」』]*$/, "").trim();
  if (chars(bare) <= TITLE_MAX_CHARS) return bare;
  const clauses = clausesOf(bare);
  let best: { title: string; rank: number } | undefined;
  for (let i = 0; i < clauses.length; i++) {
    if (CONNECTIVE.test(clauses[i]!.trim())) continue;
    for (let j = i; j < clauses.length; j++) {
      const title = stripComma(clauses.slice(i, j + 1).join("")).replace(RESULT, "");
      if (chars(title) > TITLE_MAX_CHARS) break;
      const before = clauses.slice(0, i).join("");
      const after = clauses.slice(j + 1).join("");
      const half =
        (CONTRAST_START.test(title) && !CONTRAST_END.test(title) && CONTRAST_END.test(after)) ||
        (CONTRAST_END.test(title) && !CONTRAST_START.test(title) && CONTRAST_START.test(before));
      if (half || SETUP.test(stripComma(clauses[j]!)) || chars(title) < 6) continue;
      const rank = lessonScore(title) + (i === 0 ? 1 : 0) + chars(title) / TITLE_MAX_CHARS;
      if (!best || rank > best.rank) best = { title, rank };
    }
  }
  return best?.title ?? [...bare].slice(0, TITLE_MAX_CHARS - 1).join("") + "…";
}

/** A lesson as the article alone decides it: which passage, its title and quote (`lessonOf` makes it a `Lesson`). */
interface LessonPick {
  id: string;
  passageId: string;
  title: string;
  quote: string;
  origin: Lesson["origin"];
}

/** One article's lessons: what it picks (from the article alone), and the lessons made of them. */
export interface ArticleLessons {
  readonly picks: readonly LessonPick[];
  /** Made on first use by an engine; a lesson's attribution and link depend on its article alone. */
  lessons?: readonly Lesson[];
}

/**
 * Each article's lessons, kept by whoever derives lessons for engine after engine (the reload worker):
 * an `Article` object is one version of a file (the loader hands back the same object while the file is
 * unchanged), so an entry is never stale, and goes when the article does.
 */
export type LessonCache = WeakMap<Article, ArticleLessons>;

function pick(passage: Passage, title: string, quote: string, origin: Lesson["origin"]): LessonPick {
  return { id: lessonId(passage.articleId, quote), passageId: passage.id, title, quote, origin };
}

function lessonOf(engine: SearchEngine, { id, passageId, title, quote, origin }: LessonPick): Lesson | undefined {
  const base: Hit | undefined = engine.quoteOf(passageId);
  if (!base) return undefined;
  return { id, title, quote: { ...base, quote, quoteSegments: [{ text: quote }], score: 0, coverage: 0, strong: true }, origin };
}

function headingLessons(article: Article, bySection: Map<string, Candidate[]>): LessonPick[] {
  const out: LessonPick[] = [];
  for (const { section, title } of lessonSections(article.sections)) {
    const candidates = (bySection.get(sectionKey(section.path)) ?? []).filter((c) => !notStandalone(c.text));
    const rank = (c: Candidate) => lessonScore(c.text) + 8 * headingOverlap(c.text, title) + (c.alone ? 2 : 0) - c.index * 0.2;
    const best = candidates.sort((a, b) => rank(b) - rank(a))[0];
    if (best) out.push(pick(best.passage, title, explanation(best), "heading"));
  }
  return out;
}

function quoteLessons(bySection: Map<string, Candidate[]>, taken: readonly LessonPick[]): LessonPick[] {
  const scored: { candidate: Candidate; score: number }[][] = [];
  for (const candidates of bySection.values()) {
    const heading = cleanHeading(candidates[0]?.passage.sectionPath.at(-1) ?? "");
    // The preamble of an article is the writer's or editor's framing, not the speaker's lessons.
    if (heading === "" || isMetaHeading(heading)) continue;
    scored.push(
      candidates
        .filter((c) => !notStandalone(c.text))
        .map((candidate) => ({ candidate, score: lessonScore(candidate.text) + (candidate.alone ? 2 : 0) }))
        .sort((a, b) => b.score - a.score),
    );
  }
  let picks = scored.flatMap((section) => section.filter(({ score }) => score >= QUOTE_THRESHOLD).slice(0, QUOTES_PER_SECTION));
  // Every article has something to teach: one without a lesson yet offers its best passable sentence.
  if (picks.length === 0 && taken.length === 0) {
    picks = scored.flat().filter(({ score }) => score >= QUOTE_FLOOR).sort((a, b) => b.score - a.score).slice(0, 1);
  }
  const quotes = taken.map((l) => l.quote);
  const out: LessonPick[] = [];
  for (const { candidate } of picks.sort((a, b) => b.score - a.score)) {
    if (out.length >= QUOTES_PER_ARTICLE) break;
    const text = explanation(candidate);
    // Skip what another lesson already says (a heading lesson may have taken this very sentence).
    if (quotes.some((quote) => quote.includes(candidate.text) || text.includes(quote))) continue;
    quotes.push(text);
    out.push(pick(candidate.passage, titleOf(candidate.text), text, "quote"));
  }
  return out;
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function addedLesson(passages: readonly Passage[], spec: LessonSpec): LessonPick | undefined {
  const text = normalizeSpace(spec.text);
  const title = normalizeSpace(spec.title);
  if (!text || !title) return undefined;
  const passage =
    passages.find((p) => normalizeSpace(p.text).includes(text)) ??
    (spec.section ? passages.find((p) => p.sectionPath.some((h) => h === spec.section || cleanHeading(h) === spec.section)) : undefined) ??
    passages[0];
  return passage ? pick(passage, title, text, "front-matter") : undefined;
}

function excluded(lesson: LessonPick, entries: readonly string[]): boolean {
  return entries.some((raw) => {
    const entry = raw.trim();
    return entry !== "" && (entry === lesson.id || entry === lesson.title || (chars(entry) >= 4 && lesson.quote.includes(entry)));
  });
}

/**
 * All lessons of the corpus the engine was built from, in corpus order, without duplicates. `cache`
 * keeps each article's lessons, so an engine that differs by one article derives that article's only.
 */
export function deriveLessons(engine: SearchEngine, cache?: LessonCache): Lesson[] {
  const passagesOf = passagesByArticle(engine.passages());
  const out: Lesson[] = [];
  const seen = new Set<string>();
  for (const article of engine.articles()) {
    let entry = cache?.get(article);
    if (!entry) {
      entry = articleLessons(article, passagesOf.get(article.meta.id) ?? []);
      cache?.set(article, entry);
    }
    entry.lessons ??= entry.picks.flatMap((item) => lessonOf(engine, item) ?? []);
    for (const item of entry.lessons) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      out.push(item);
    }
  }
  return out;
}

/** One article's lesson picks (its passages in any order), hand-made ones last, excluded ones left out. */
export function articleLessons(article: Article, articlePassages: readonly Passage[]): ArticleLessons {
  const passages = [...articlePassages].sort((a, b) => a.position - b.position);
  const paragraphs = new Set(
    article.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text.trim()] : []))),
  );
  const bySection = new Map<string, Candidate[]>();
  for (const passage of passages) {
    const key = sectionKey(passage.sectionPath);
    if (!bySection.has(key)) {
      const inSection = passages.filter((p) => sectionKey(p.sectionPath) === key);
      bySection.set(key, candidatesOf(inSection, paragraphs));
    }
  }
  const fromHeadings = headingLessons(article, bySection);
  const derived = [...fromHeadings, ...quoteLessons(bySection, fromHeadings)];
  const added = article.meta.lessons.add.flatMap((spec) => addedLesson(passages, spec) ?? []);
  return { picks: [...derived.filter((l) => !excluded(l, article.meta.lessons.exclude)), ...added] };
}
