/**
 * Article titles as a ranking field, scored once per article and query instead of once per passage:
 * every passage of an article shares its title, so indexing the title per passage made a common title
 * word ("开源" is in most titles) touch every passage of the corpus. The score is the BM25+ MiniSearch
 * would give the title field, with the title counted as one field of every passage.
 */
import type { Article } from "../corpus/types.ts";
import type { Passage } from "./types.ts";
import { runSteps } from "../util/steps.ts";

/** What the query terms found in an article's title. */
export interface TitleMatch {
  score: number;
  /** Search terms found in the title. */
  terms: string[];
}

/** The text of the title field: the title plus who is quoted and who wrote it. */
export function titleText(article: Article): string {
  return [article.meta.title, ...article.meta.speakers, article.meta.author ?? ""].join(" ");
}

// MiniSearch's BM25+ defaults, so title scores add up with its field scores.
const K = 1.2;
const B = 0.7;
const D = 0.5;

/** An article's title as scored: its term counts, length and passage count. */
interface Title {
  id: string;
  tf: Map<string, number>;
  length: number;
  passages: number;
}

/** Per term: the titles that have it (in article order) and how many passages those titles stand for. */
interface TitlePostings {
  titles: { id: string; tf: number; norm: number }[];
  df: number;
}

/** Articles whose titles are tokenized between two yields of `TitleScorer.building`. */
const TITLE_SLICE = 128;
/** Passages counted between two yields (a library has ~33,000). */
const PASSAGE_SLICE = 4_096;

export class TitleScorer {
  private constructor(
    /** Looked up per query term: a query touches the titles that have its terms, not every title. */
    private readonly postings: ReadonlyMap<string, TitlePostings>,
    private readonly passageCount: number,
    private readonly boost: number,
  ) {}

  static build(articles: readonly Article[], passages: readonly Passage[], tokenize: (text: string) => string[], boost: number): TitleScorer {
    return runSteps(TitleScorer.building(articles, passages, tokenize, boost));
  }

  /** `build` a slice of articles at a time, yielding in between (a reload's sliced engine build). */
  static *building(
    articles: readonly Article[],
    passages: readonly Passage[],
    tokenize: (text: string) => string[],
    boost: number,
  ): Generator<void, TitleScorer> {
    const perArticle = new Map<string, number>();
    for (let i = 0; i < passages.length; i++) {
      if (i % PASSAGE_SLICE === PASSAGE_SLICE - 1) yield;
      const { articleId } = passages[i]!;
      perArticle.set(articleId, (perArticle.get(articleId) ?? 0) + 1);
    }
    const titles = new Map<string, Title>();
    let total = 0;
    for (let i = 0; i < articles.length; i++) {
      if (i % TITLE_SLICE === TITLE_SLICE - 1) yield;
      const article = articles[i]!;
      const terms = tokenize(titleText(article));
      const tf = new Map<string, number>();
      for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
      const count = perArticle.get(article.meta.id) ?? 0;
      titles.set(article.meta.id, { id: article.meta.id, tf, length: terms.length, passages: count });
      total += terms.length * count;
    }
    yield;
    const averageLength = passages.length > 0 ? total / passages.length : 0;
    const postings = new Map<string, TitlePostings>();
    let done = 0;
    for (const title of titles.values()) {
      if (++done % TITLE_SLICE === 0) yield;
      const norm = 1 - B + (B * title.length) / (averageLength || 1);
      for (const [term, tf] of title.tf) {
        let list = postings.get(term);
        if (!list) postings.set(term, (list = { titles: [], df: 0 }));
        list.titles.push({ id: title.id, tf, norm });
        list.df += title.passages;
      }
    }
    return new TitleScorer(postings, passages.length, boost);
  }

  /** Title scores by article id for weighted search terms (articles whose title has none are absent). */
  score(weights: ReadonlyMap<string, number>): Map<string, TitleMatch> {
    const out = new Map<string, TitleMatch>();
    for (const [term, weight] of weights) {
      // Passages whose title field has the term: all passages of the articles with it in their title.
      const postings = this.postings.get(term);
      if (!postings || postings.df === 0) continue;
      const { df } = postings;
      const idf = Math.log(1 + (this.passageCount - df + 0.5) / (df + 0.5));
      for (const { id, tf, norm } of postings.titles) {
        const score = weight * this.boost * idf * (D + (tf * (K + 1)) / (tf + K * norm));
        const match = out.get(id);
        if (match) {
          match.score += score;
          match.terms.push(term);
        } else out.set(id, { score, terms: [term] });
      }
    }
    return out;
  }
}
