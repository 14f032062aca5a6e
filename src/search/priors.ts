/**
 * Per-passage priors for a library nobody curated: text that is not an answer wherever it appears.
 * - Boilerplate: sentences that many articles repeat word for word (a weekly's "这里记录每周值得分享的科技
 *   内容…", a handbook's "This page is maintained by…"): a passage made of them says nothing of its own.
 * - Navigation: lines that are the titles or headings of articles (a README's issue list, "往年回顾" links to
 *   past issues, an index page's table of contents): they repeat other articles' words, not answers.
 * - Editorial sections: an editor's or translator's note, past issues, references: about the article, not
 *   its content.
 * Computed once per engine in one pass over the passages.
 */
import type { Article } from "../corpus/types.ts";
import { fold } from "../text/normalize.ts";
import type { Passage } from "./types.ts";
import { passagesByArticle } from "./passages.ts";

/** A sentence repeated by this many articles is boilerplate. */
export const BOILERPLATE_ARTICLES = 5;
/** Score factor of a passage that is all boilerplate / all navigation (partly: in proportion). */
export const BOILERPLATE_FACTOR = 0.1;
export const NAVIGATION_FACTOR = 0.25;
/** Score factor of a passage under an editorial heading (editor's note, past issues, references). */
export const EDITORIAL_FACTOR = 0.3;
const EDITORIAL_HEADING =
  /^(编者|编辑的话|译者|往年回顾|往期回顾|参考|相关阅读|相关文章|推荐阅读|延伸阅读|了解更多|致谢|版权|editor'?s note|translator'?s note|references|further reading|related (articles|reading)|see also|past issues|acknowledg)/i;
/** A passage is navigation only when it has at least this many lines. */
const NAVIGATION_MIN_LINES = 3;
const MIN_SENTENCE_CHARS = 8;

const SENTENCE = /[^。！？!?\n]+[。！？!?]*/g;

function sentencesOf(text: string): string[] {
  return (fold(text).match(SENTENCE) ?? []).map((s) => s.replace(/^[•\s]+/, "").trim()).filter((s) => s.length >= MIN_SENTENCE_CHARS);
}

/** A line as a title: bullet, trailing "(2023 #253)" and edge punctuation off. */
function titleKey(line: string): string {
  return fold(line)
    .replace(/^[•*\-\s]+/, "")
    .replace(/[（(][^）)]*[）)]\s*$/, "")
    .replace(/^[\s"“《「]+|[\s"”》」:：.。]+$/g, "")
    .trim();
}

/** What the priors need of one article, from it alone: a reload reuses it for every unchanged article. */
export interface ArticlePriorParts {
  /** Title keys of its title and headings. */
  titles: string[];
  /** Per passage (in order): its folded sentences. */
  sentences: string[][];
  /** Per passage: each non-empty line's title key and the key of what follows its last colon. */
  lines: [string, string][][];
  /** Per passage: under an editorial heading. */
  editorial: boolean[];
}

/** Per-article prior parts, kept by whoever builds engines one after another (see ArticleWordsCache). */
export type ArticlePriorsCache = WeakMap<Article, ArticlePriorParts>;

/** One article's parts, from its passages (in order). */
export function articlePriorParts(article: Article, passages: readonly Passage[]): ArticlePriorParts {
  const titles = new Set<string>();
  const addTitle = (text: string) => {
    const key = titleKey(text);
    if (key.length >= 2) titles.add(key);
    const core = /[:：]\s*([^:：]+)$/.exec(text)?.[1];
    if (core && titleKey(core).length >= 4) titles.add(titleKey(core));
  };
  addTitle(article.meta.title);
  for (const section of article.sections) if (section.heading) addTitle(section.heading);
  return {
    titles: [...titles],
    sentences: passages.map((p) => sentencesOf(p.text)),
    lines: passages.map((p) =>
      p.text
        .split("\n")
        .filter((line) => line.trim())
        .map((line): [string, string] => [titleKey(line), titleKey(/[:：]\s*([^:：]+)$/.exec(line)?.[1] ?? "")]),
    ),
    editorial: passages.map((p) => p.sectionPath.some((heading) => EDITORIAL_HEADING.test(heading.trim()))),
  };
}

/**
 * Score factor per passage (1 = plain content), in the order of `passages` (each article's passages
 * together, in the order of `articles`). `cache` keeps each article's parts.
 */
export function passagePriors(articles: readonly Article[], passages: readonly Passage[], cache?: ArticlePriorsCache): Float32Array {
  const byArticle = passagesByArticle(passages);
  const parts = new Map<string, ArticlePriorParts>();
  for (const article of articles) {
    let share = cache?.get(article);
    if (!share) {
      share = articlePriorParts(article, byArticle.get(article.meta.id) ?? []);
      cache?.set(article, share);
    }
    parts.set(article.meta.id, share);
  }
  const titles = new Set<string>();
  for (const share of parts.values()) for (const key of share.titles) titles.add(key);
  // Each passage's parts, by its position within its article.
  const seen = new Map<string, number>();
  const at = passages.map((p) => {
    const i = seen.get(p.articleId) ?? 0;
    seen.set(p.articleId, i + 1);
    return i;
  });
  const partOf = (i: number) => parts.get(passages[i]!.articleId);

  const sentenceArticles = new Map<string, { count: number; last: string }>();
  passages.forEach((passage, i) => {
    for (const sentence of partOf(i)?.sentences[at[i]!] ?? []) {
      const known = sentenceArticles.get(sentence);
      if (!known) sentenceArticles.set(sentence, { count: 1, last: passage.articleId });
      else if (known.last !== passage.articleId) {
        known.count++;
        known.last = passage.articleId;
      }
    }
  });
  const judge: PriorJudge = { boilerplate: (sentence) => sentenceArticles.get(sentence)!.count >= BOILERPLATE_ARTICLES, title: (key) => titles.has(key) };
  const priors = new Float32Array(passages.length).fill(1);
  passages.forEach((_passage, i) => {
    const share = partOf(i);
    if (share) priors[i] = priorOf(share, at[i]!, judge, priors, i);
  });
  return priors;
}

/** What a passage's prior depends on beyond its own article: the corpus's boilerplate and titles. */
interface PriorJudge {
  boilerplate(sentence: string): boolean;
  title(key: string): boolean;
}

/**
 * The prior of passage `k` of an article, multiplied into `into[at]` (1 to start with) so that each
 * factor is rounded to 32 bits as it is applied, as the table stores it.
 */
function priorOf(share: ArticlePriorParts, k: number, judge: PriorJudge, into: Float32Array, at: number): number {
  const sentences = share.sentences[k] ?? [];
  const total = sentences.reduce((n, s) => n + s.length, 0);
  if (total > 0) {
    const repeated = sentences.filter((s) => judge.boilerplate(s)).reduce((n, s) => n + s.length, 0);
    into[at]! *= 1 - (1 - BOILERPLATE_FACTOR) * (repeated / total);
  }
  if (share.editorial[k]) into[at]! *= EDITORIAL_FACTOR;
  const lines = share.lines[k] ?? [];
  if (lines.length >= NAVIGATION_MIN_LINES) {
    const named = lines.filter(([whole, core]) => judge.title(whole) || judge.title(core)).length;
    const part = named / lines.length;
    if (part >= 0.5) into[at]! *= 1 - (1 - NAVIGATION_FACTOR) * part;
  }
  return into[at]!;
}

/**
 * Passage priors kept from engine to engine (the reload worker's): how many articles have each sentence
 * and each title, and each article's priors. A reload counts the changed articles in and out; when no
 * sentence crosses the boilerplate line and no title appears or disappears, every other article's priors
 * stand and only the changed articles' are computed; otherwise all are, as `passagePriors` does. The
 * result is the same table either way.
 */
export class KeptPriors {
  readonly parts: ArticlePriorsCache = new WeakMap();
  private readonly sentenceArticles = new Map<string, number>();
  private readonly titleArticles = new Map<string, number>();
  /** The articles counted in, with their priors. */
  private byArticle = new Map<Article, Float32Array>();

  /** Priors of `passages` (each article's together, in the order of `articles`), as `passagePriors` gives them. */
  priors(articles: readonly Article[], passages: readonly Passage[]): Float32Array {
    const byId = passagesByArticle(passages);
    // Duplicate ids or passages out of article order: the plain computation, which handles them.
    if (new Set(articles.map((a) => a.meta.id)).size !== articles.length || !groupedInOrder(articles, passages)) {
      this.byArticle = new Map();
      this.sentenceArticles.clear();
      this.titleArticles.clear();
      return passagePriors(articles, passages, this.parts);
    }
    const next = new Set(articles);
    const touched: Touched = { sentences: new Map(), titles: new Map() };
    for (const article of this.byArticle.keys()) if (!next.has(article)) this.count(this.parts.get(article)!, -1, touched);
    const kept = new Map<Article, Float32Array>();
    for (const article of articles) {
      const known = this.byArticle.get(article);
      if (known) kept.set(article, known);
      else this.count(this.partsOf(article, byId.get(article.meta.id) ?? []), 1, touched);
    }
    // What other articles' priors depend on: whether a sentence is boilerplate, whether a key is a title.
    const flipped =
      [...touched.sentences].some(([sentence, before]) => before !== (this.sentenceArticles.get(sentence) ?? 0) >= BOILERPLATE_ARTICLES) ||
      [...touched.titles].some(([key, before]) => before !== this.titleArticles.has(key));
    const judge: PriorJudge = {
      boilerplate: (sentence) => (this.sentenceArticles.get(sentence) ?? 0) >= BOILERPLATE_ARTICLES,
      title: (key) => this.titleArticles.has(key),
    };
    const priors = new Float32Array(passages.length).fill(1);
    this.byArticle = new Map();
    let at = 0;
    for (const article of articles) {
      const share = this.parts.get(article)!;
      const count = share.sentences.length;
      let own = flipped ? undefined : kept.get(article);
      if (!own) {
        own = new Float32Array(count).fill(1);
        for (let k = 0; k < count; k++) priorOf(share, k, judge, own, k);
      }
      priors.set(own, at);
      at += count;
      this.byArticle.set(article, own);
    }
    return priors;
  }

  private partsOf(article: Article, passages: readonly Passage[]): ArticlePriorParts {
    let share = this.parts.get(article);
    if (!share) this.parts.set(article, (share = articlePriorParts(article, passages)));
    return share;
  }

  /** Counts an article in (+1) or out (-1), noting in `touched` the status each key had before it was first touched. */
  private count(share: ArticlePriorParts, delta: 1 | -1, touched: Touched): void {
    for (const sentence of new Set(share.sentences.flat())) {
      const before = this.sentenceArticles.get(sentence) ?? 0;
      if (!touched.sentences.has(sentence)) touched.sentences.set(sentence, before >= BOILERPLATE_ARTICLES);
      if (before + delta === 0) this.sentenceArticles.delete(sentence);
      else this.sentenceArticles.set(sentence, before + delta);
    }
    for (const key of share.titles) {
      const before = this.titleArticles.get(key) ?? 0;
      if (!touched.titles.has(key)) touched.titles.set(key, before > 0);
      if (before + delta === 0) this.titleArticles.delete(key);
      else this.titleArticles.set(key, before + delta);
    }
  }
}

/** Keys a reload counted in or out, with their status before: boilerplate (sentences), a title (keys). */
interface Touched {
  sentences: Map<string, boolean>;
  titles: Map<string, boolean>;
}

/** Each article's passages together, in the articles' order (the engine's layout). */
function groupedInOrder(articles: readonly Article[], passages: readonly Passage[]): boolean {
  let at = 0;
  for (const article of articles) {
    while (at < passages.length && passages[at]!.articleId === article.meta.id) at++;
  }
  return at === passages.length;
}
