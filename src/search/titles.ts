/**
 * Article titles as a ranking field, scored once per article and query instead of once per passage:
 * every passage of an article shares its title, so indexing the title per passage made a common title
 * word ("开源" is in most titles) touch every passage of the corpus. The score is the BM25+ MiniSearch
 * would give the title field, with the title counted as one field of every passage.
 */
import type { Article } from "../corpus/types.ts";
import type { Passage } from "./types.ts";

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

export class TitleScorer {
  private readonly titles = new Map<string, { tf: Map<string, number>; length: number; passages: number }>();
  private readonly passageCount: number;
  private readonly averageLength: number;

  constructor(
    articles: readonly Article[],
    passages: readonly Passage[],
    tokenize: (text: string) => string[],
    private readonly boost: number,
  ) {
    const perArticle = new Map<string, number>();
    for (const p of passages) perArticle.set(p.articleId, (perArticle.get(p.articleId) ?? 0) + 1);
    let total = 0;
    for (const article of articles) {
      const terms = tokenize(titleText(article));
      const tf = new Map<string, number>();
      for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
      const count = perArticle.get(article.meta.id) ?? 0;
      this.titles.set(article.meta.id, { tf, length: terms.length, passages: count });
      total += terms.length * count;
    }
    this.passageCount = passages.length;
    this.averageLength = passages.length > 0 ? total / passages.length : 0;
  }

  /** Title scores by article id for weighted search terms (articles whose title has none are absent). */
  score(weights: ReadonlyMap<string, number>): Map<string, TitleMatch> {
    const out = new Map<string, TitleMatch>();
    for (const [term, weight] of weights) {
      // Passages whose title field has the term: all passages of the articles with it in their title.
      let df = 0;
      for (const title of this.titles.values()) if (title.tf.has(term)) df += title.passages;
      if (df === 0) continue;
      const idf = Math.log(1 + (this.passageCount - df + 0.5) / (df + 0.5));
      for (const [id, title] of this.titles) {
        const tf = title.tf.get(term);
        if (!tf) continue;
        const norm = 1 - B + (B * title.length) / (this.averageLength || 1);
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
