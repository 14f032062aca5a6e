/**
 * The articles' passages in a snapshot, so a start does not split every article again (a third of a
 * start from a snapshot on a library): texts as one string blob, and per passage its section path
 * (an index into the distinct paths) and per article how many passages it has — ids and positions follow
 * from those. Restored passages equal the split ones (tests/snapshot/saved-passages.test.ts).
 */
import type { Article } from "../corpus/types.ts";
import type { Passage } from "../search/types.ts";
import { decodeStrings, encodeStrings } from "./saved-strings.ts";

/** The JSON part; the arrays are the `SECTIONS` sections that follow the index's in the snapshot. */
export interface SavedPassagesHead {
  count: number;
  /** Distinct section paths, in first-use order. */
  paths: string[][];
}

/** Text blob, text ends, path index per passage, passage count per article. */
export const PASSAGE_SECTIONS = 4;

export function encodePassages(articles: readonly Article[], passages: readonly Passage[]): { head: SavedPassagesHead; sections: Uint8Array[] } {
  // One path array per section is shared by its passages: the same array object, one entry.
  const pathIds = new Map<string[], number>();
  const byText = new Map<string, number>();
  const paths: string[][] = [];
  const pathOf = new Uint32Array(passages.length);
  passages.forEach((passage, i) => {
    let id = pathIds.get(passage.sectionPath);
    if (id === undefined) {
      const key = JSON.stringify(passage.sectionPath);
      id = byText.get(key);
      if (id === undefined) byText.set(key, (id = paths.push(passage.sectionPath) - 1));
      pathIds.set(passage.sectionPath, id);
    }
    pathOf[i] = id;
  });
  const perArticle = new Uint32Array(articles.length);
  let at = 0;
  articles.forEach((article, a) => {
    while (at < passages.length && passages[at]!.articleId === article.meta.id) {
      perArticle[a]!++;
      at++;
    }
  });
  if (at !== passages.length) throw new Error("passages are not in their articles' order");
  const bytes = (array: Uint32Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  return { head: { count: passages.length, paths }, sections: [...encodeStrings(passages.map((p) => p.text)), bytes(pathOf), bytes(perArticle)] };
}

/** The passages `encodePassages` saved, for the same articles; throws when the parts do not fit together. */
export function decodePassages(head: SavedPassagesHead, sections: readonly Uint8Array[], articles: readonly Article[]): Passage[] {
  if (!head || !Number.isInteger(head.count) || !Array.isArray(head.paths) || sections.length !== PASSAGE_SECTIONS) throw new Error("saved passages are incomplete");
  const texts = decodeStrings(sections.slice(0, 2));
  const pathOf = u32(sections[2]!);
  const perArticle = u32(sections[3]!);
  if (texts.count !== head.count || pathOf.length !== head.count || perArticle.length !== articles.length) throw new Error("saved passages do not match their count");
  const passages: Passage[] = [];
  articles.forEach((article, a) => {
    const articleId = article.meta.id;
    for (let position = 0; position < perArticle[a]!; position++) {
      const i = passages.length;
      const sectionPath = head.paths[pathOf[i]!];
      if (i >= head.count || !Array.isArray(sectionPath)) throw new Error("saved passages are out of range");
      passages.push({ id: `${articleId}:${position}`, articleId, sectionPath, position, text: texts.at(i) });
    }
  });
  if (passages.length !== head.count) throw new Error("saved passages do not match their count");
  return passages;
}

function u32(section: Uint8Array): Uint32Array {
  if (section.byteLength % 4 !== 0) throw new Error("saved passages section has the wrong size");
  const aligned = section.byteOffset % 4 === 0 ? section : section.slice();
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
}
