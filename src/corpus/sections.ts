/**
 * Sections as a document's headings open them, whatever the format (Markdown, HTML and Word, PDF): a
 * heading closes the open sections at its level or deeper, and its path is the headings above it.
 */
import type { Block, Section } from "./types.ts";

export class SectionBuilder {
  private readonly sections: Section[] = [];
  private readonly stack: Section[] = [];
  /** Text before the first heading is a level-0 section, kept only if it has blocks. */
  private current: Section = { heading: "", path: [], level: 0, blocks: [] };

  open(level: number, heading: string): void {
    this.close();
    while (this.stack.length && this.stack.at(-1)!.level >= level) this.stack.pop();
    this.current = { heading, path: [...this.stack.map((s) => s.heading), heading], level, blocks: [] };
    this.stack.push(this.current);
  }

  push(...blocks: Block[]): void {
    this.current.blocks.push(...blocks);
  }

  /** The open section's blocks so far (the last one may be extended). */
  get blocks(): readonly Block[] {
    return this.current.blocks;
  }

  finish(): Section[] {
    this.close();
    return this.sections;
  }

  private close(): void {
    if (this.current.level > 0 || this.current.blocks.length) this.sections.push(this.current);
  }
}
