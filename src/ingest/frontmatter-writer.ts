/**
 * Front matter and body → the text of a `corpus/*.md` file, in the shape `loadCorpus` reads back
 * (the importer's tests parse its output with the real loader).
 */
import { stringify } from "yaml";
import { escapeInline, escapeLineStart } from "../corpus/inline.ts";
import type { DraftBlock } from "./structure.ts";

/** Front matter as written, with YAML key names (`original_url`). */
export interface FrontMatter {
  title?: string;
  author?: string;
  speakers?: string[];
  source?: string;
  url?: string;
  original_url?: string;
  date?: string;
  lang?: string;
  tags?: string[];
  summary?: string;
  todo?: string[];
}

const KEY_ORDER: Array<keyof FrontMatter> = ["title", "author", "speakers", "source", "url", "original_url", "date", "lang", "tags", "summary", "todo"];

export function writeFrontMatter(meta: FrontMatter): string {
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) {
    const value = meta[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    ordered[key] = value;
  }
  return `---\n${stringify(ordered, { lineWidth: 0 })}---\n`;
}

export function writeBody(blocks: DraftBlock[]): string {
  const parts = blocks.map((block) => {
    switch (block.kind) {
      case "heading":
        return `${"#".repeat(block.level)} ${escapeInline(block.text)}`;
      case "paragraph":
        return escapeLineStart(escapeInline(block.text));
      case "list":
        return block.items.map((item) => `- ${escapeInline(item)}`).join("\n");
    }
  });
  return `${parts.join("\n\n")}\n`;
}
