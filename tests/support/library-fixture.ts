/**
 * A small library written by the tests (never the shared texts): `n` Markdown articles with titles,
 * authors, dates and links, enough for `/lesson sources` to need several pages.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function writeLibrary(dir: string, n: number): void {
  for (let i = 0; i < n; i++) {
    const folder = dir;
    mkdirSync(folder, { recursive: true });
    const day = String((i % 28) + 1).padStart(2, "0");
    writeFileSync(
      join(folder, `note-${String(i).padStart(2, "0")}.md`),
      [
        "---",
        `title: "Field note ${i}: keeping *watch* [${i % 3}]"`,
        `author: "${i % 4 === 0 ? "@everyone" : `Writer ${i % 5}`}"`,
        `date: 2024-01-${day}`,
        `url: https://notes.example.com/field_${i}`,
        "lang: en",
        "lessons:",
        "  add:",
        `    - title: Keep watch in pairs (${i})`,
        `      text: Field note ${i} says a night watch is kept by two people, because one tired person misses the signal.`,
        "---",
        "",
        "## Watch",
        "",
        `Field note ${i} says a night watch is kept by two people, because one tired person misses the signal.`,
        "",
      ].join("\n"),
    );
  }
}
