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

/** Titles (whole and after their last colon: "周刊（第 100 期）：康威定律") and section headings. */
function titleKeys(articles: readonly Article[]): Set<string> {
  const keys = new Set<string>();
  const add = (text: string) => {
    const key = titleKey(text);
    if (key.length >= 2) keys.add(key);
    const core = /[:：]\s*([^:：]+)$/.exec(text)?.[1];
    if (core && titleKey(core).length >= 4) keys.add(titleKey(core));
  };
  for (const article of articles) {
    add(article.meta.title);
    for (const section of article.sections) if (section.heading) add(section.heading);
  }
  return keys;
}

/** Score factor per passage (1 = plain content), in the order of `passages`. */
export function passagePriors(articles: readonly Article[], passages: readonly Passage[]): Float32Array {
  const sentenceArticles = new Map<string, { count: number; last: string }>();
  const split = passages.map((p) => sentencesOf(p.text));
  passages.forEach((passage, i) => {
    for (const sentence of split[i]!) {
      const seen = sentenceArticles.get(sentence);
      if (!seen) sentenceArticles.set(sentence, { count: 1, last: passage.articleId });
      else if (seen.last !== passage.articleId) {
        seen.count++;
        seen.last = passage.articleId;
      }
    }
  });
  const titles = titleKeys(articles);
  const priors = new Float32Array(passages.length).fill(1);
  passages.forEach((passage, i) => {
    const sentences = split[i]!;
    const total = sentences.reduce((n, s) => n + s.length, 0);
    if (total > 0) {
      const repeated = sentences.filter((s) => sentenceArticles.get(s)!.count >= BOILERPLATE_ARTICLES).reduce((n, s) => n + s.length, 0);
      priors[i]! *= 1 - (1 - BOILERPLATE_FACTOR) * (repeated / total);
    }
    if (passage.sectionPath.some((heading) => EDITORIAL_HEADING.test(heading.trim()))) priors[i]! *= EDITORIAL_FACTOR;
    const lines = passage.text.split("\n").filter((line) => line.trim());
    if (lines.length >= NAVIGATION_MIN_LINES) {
      const named = lines.filter((line) => titles.has(titleKey(line)) || titles.has(titleKey(/[:：]\s*([^:：]+)$/.exec(line)?.[1] ?? ""))).length;
      const share = named / lines.length;
      if (share >= 0.5) priors[i]! *= 1 - (1 - NAVIGATION_FACTOR) * share;
    }
  });
  return priors;
}
