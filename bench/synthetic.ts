/**
 * A large corpus made from the bundled one, for benchmarks at scale: seeded, so the same seed always
 * gives byte-identical files. Each synthetic article takes real section headings, real paragraphs and
 * new paragraphs recombined from real sentences of other articles, under a new id and title, and is
 * written as an ordinary `corpus/*.md` file (front matter + Markdown) so it goes through the real loader.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Article } from "../src/corpus/types.ts";
import { writeBody, writeFrontMatter } from "../src/ingest/frontmatter-writer.ts";
import type { DraftBlock } from "../src/ingest/structure.ts";
import { splitSentences } from "../src/text/sentences.ts";

export const DEFAULT_SEED = 20_240_601;

export interface SyntheticOptions {
  /** Articles to make (default 1,000). */
  count?: number;
  seed?: number;
}

export interface SyntheticFile {
  /** File name in the corpus folder, e.g. `synthetic-0001.md`. */
  name: string;
  text: string;
}

/** mulberry32: small, fast, and the same sequence on every platform for a given seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Material {
  headings: string[];
  paragraphs: string[];
  lists: string[][];
  sentences: string[];
  speakers: string[];
  tags: string[];
}

function gather(sources: readonly Article[]): Material {
  const material: Material = { headings: [], paragraphs: [], lists: [], sentences: [], speakers: [], tags: [] };
  for (const article of sources) {
    material.speakers.push(...article.meta.speakers);
    material.tags.push(...article.meta.tags);
    for (const section of article.sections) {
      if (section.heading) material.headings.push(section.heading);
      for (const block of section.blocks) {
        if (block.kind === "list") {
          material.lists.push(block.items);
          continue;
        }
        material.paragraphs.push(block.text);
        for (const span of splitSentences(block.text)) material.sentences.push(block.text.slice(span.start, span.end));
      }
    }
  }
  if (material.headings.length === 0 || material.paragraphs.length === 0) throw new Error("the source corpus has no headings or paragraphs");
  material.speakers = [...new Set(material.speakers)];
  material.tags = [...new Set(material.tags)];
  return material;
}

/** `count` synthetic corpus files (default 1,000), deterministic for a seed. */
export function syntheticCorpus(sources: readonly Article[], options: SyntheticOptions = {}): SyntheticFile[] {
  const count = options.count ?? 1_000;
  const random = prng(options.seed ?? DEFAULT_SEED);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const material = gather(sources);
  const width = String(count).length;

  const files: SyntheticFile[] = [];
  for (let n = 1; n <= count; n++) {
    const id = `synthetic-${String(n).padStart(Math.max(4, width), "0")}`;
    const blocks: DraftBlock[] = [];
    const sectionCount = int(2, 4);
    for (let s = 0; s < sectionCount; s++) {
      blocks.push({ kind: "heading", level: 2, text: pick(material.headings) });
      const blockCount = int(1, 3);
      for (let b = 0; b < blockCount; b++) blocks.push(syntheticBlock(material, random, pick, int));
    }
    const speaker = material.speakers.length ? pick(material.speakers) : undefined;
    const tags = [...new Set([pick(material.tags), pick(material.tags)])].filter(Boolean);
    const front = writeFrontMatter({
      title: `${pick(material.headings)}:札记 ${n}`,
      ...(speaker !== undefined && { author: speaker, speakers: [speaker] }),
      date: `20${20 + (n % 5)}-${String(1 + (n % 12)).padStart(2, "0")}-${String(1 + (n % 28)).padStart(2, "0")}`,
      lang: "zh",
      tags,
    });
    files.push({ name: `${id}.md`, text: `${front}\n${writeBody(blocks)}` });
  }
  return files;
}

function syntheticBlock(
  material: Material,
  random: () => number,
  pick: <T>(items: readonly T[]) => T,
  int: (min: number, max: number) => number,
): DraftBlock {
  const roll = random();
  if (roll < 0.1 && material.lists.length) return { kind: "list", items: pick(material.lists) };
  if (roll < 0.55) return { kind: "paragraph", text: pick(material.paragraphs) };
  // A new paragraph: a few real sentences from anywhere in the corpus, in a new order.
  const sentences = Array.from({ length: int(2, 4) }, () => pick(material.sentences));
  return { kind: "paragraph", text: sentences.reduce((text, next) => (/[\x21-\x7e]$/.test(text) ? `${text} ${next}` : text + next)) };
}

/** Writes the files (and, when given, a glossary) into `dir`, creating it. */
export async function writeSyntheticCorpus(dir: string, files: readonly SyntheticFile[], glossary?: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all(files.map((file) => writeFile(join(dir, file.name), file.text)));
  if (glossary !== undefined) await writeFile(join(dir, "glossary.yml"), glossary);
}
