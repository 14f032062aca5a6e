/**
 * Shared by the snapshot and reload tests: a logger whose JSON lines can be read back, and a temp copy
 * of (part of) the bundled corpus to change freely.
 */
import { Writable } from "node:stream";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLogger, type Logger } from "../../src/log/logger.ts";

export const CORPUS = fileURLToPath(new URL("../../corpus/", import.meta.url));

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface CapturedLog {
  log: Logger;
  lines: LogLine[];
  /** Lines with this message (optionally only from `since` on). */
  find(msg: string, since?: number): LogLine[];
}

export function captureLog(): CapturedLog {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return {
    log: createLogger({ level: "debug", destination: sink }),
    lines,
    find: (msg, since = 0) => lines.slice(since).filter((line) => line.msg === msg),
  };
}

/** A temp folder holding a copy of the glossary and the first `articles` bundled articles (all by default). */
export function corpusCopy(articles?: number): { root: string; corpus: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), "lessonbot-corpus-"));
  const corpus = join(root, "corpus");
  const names = readdirSync(CORPUS).filter((name) => name.endsWith(".md")).sort();
  const chosen = new Set(articles === undefined ? names : names.slice(0, articles));
  cpSync(CORPUS, corpus, { recursive: true, filter: (src) => !src.endsWith(".md") || chosen.has(src.split(/[\\/]/).pop()!) });
  return { root, corpus, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A minimal valid article with `word` in its text. */
export function articleText(title: string, body: string): string {
  return `---\ntitle: ${title}\nauthor: 测试作者\nlang: zh\n---\n\n## 小节\n\n${body}\n`;
}
