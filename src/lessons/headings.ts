/**
 * Which section headings state a lesson. Two signals: the heading sits under (or after, at the same
 * level) a heading like "经验教训" / "一些…的思考", or it reads as a claim or advice on its own
 * ("不要忽视职业倦怠", "代理容易,API 难", "意愿大于技巧").
 */
import type { Section } from "../corpus/types.ts";

/** A heading that introduces a list of lessons. */
const INTRO = /(经验|教训|心得|启示|思考|体会|建议|反思|感悟|lessons?\b|takeaways?)/i;
/** Headings that close such a list or are never lessons. */
const NOT_A_LESSON = /^(感谢|致谢|谢谢|尾声|结语|结束语|总结|后记|参考|附录|前言|引言|简介|缘起|编者|相关|了解更多|推荐阅读|acknowledg|thanks|references)/i;
/** The words of a claim or advice. */
const STATEMENT = /(不要|别|要|应该|必须|靠|而不是|是|难|容易|至关重要|重要|关键|唯一|大于|胜于|优于|棘手|就像|才是)/;

const MIN_CHARS = 4;
const MAX_CHARS = 24;

/** Numbering and labels removed: "3.3 靠机制而不是靠人" → "靠机制而不是靠人", "PART. 2 …" → "…". */
export function cleanHeading(heading: string): string {
  return heading
    .replace(/^\s*(PART|Part|part|第)\s*[.．]?\s*[0-9一二三四五六七八九十]+\s*[.．、:：部章节]?\s*/, "")
    .replace(/^\s*[0-9]+(\.[0-9]+)*\s*[.．、)）]?\s+/, "")
    .replace(/^\s*[0-9]+[.．、]\s*/, "")
    .replace(/^\s*[一二三四五六七八九十]+[、.．]\s*/, "")
    .trim();
}

/** Editorial, closing or reference sections ("编者的话", "感谢", "参考"): never a source of lessons. */
export function isMetaHeading(title: string): boolean {
  return NOT_A_LESSON.test(title);
}

function plausible(title: string): boolean {
  const chars = [...title].length;
  return chars >= MIN_CHARS && chars <= MAX_CHARS && !/[?？]/.test(title) && !/^Q\s*[:：]/i.test(title) && !NOT_A_LESSON.test(title);
}

/** The sections of one article whose headings state a lesson, in order, with the heading cleaned. */
export function lessonSections(sections: readonly Section[]): { section: Section; title: string }[] {
  const found: { section: Section; title: string }[] = [];
  // An "经验教训"-like heading: its lessons are either its subsections (KubeSphere's layout) or the
  // headings that follow it at its own level until one like "感谢" (Envoy's layout).
  let intro: { level: number; siblings: boolean } | undefined;
  sections.forEach((section, i) => {
    const title = cleanHeading(section.heading);
    if (section.level === 0 || title === "") return;
    if (intro) {
      const ended = intro.siblings
        ? section.level < intro.level || (section.level === intro.level && NOT_A_LESSON.test(title))
        : section.level <= intro.level;
      if (ended) intro = undefined;
    }
    if (INTRO.test(title) && !STATEMENT.test(title.replace(INTRO, ""))) {
      const next = sections[i + 1];
      intro = { level: section.level, siblings: !next || next.level <= section.level };
      return;
    }
    if (plausible(title) && (intro !== undefined || STATEMENT.test(title))) found.push({ section, title });
  });
  return found;
}
