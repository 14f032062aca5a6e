/**
 * Shared by the snapshot and reload tests: a logger whose JSON lines can be read back, and a temp copy
 * of (part of) the bundled corpus to change freely.
 */
import { Writable } from "node:stream";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLogger, type Logger } from "../../src/log/logger.ts";
import type { SearchEngine } from "../../src/search/types.ts";
import { decodeSnapshot, encodeSnapshot, type SnapshotEnvelope } from "../../src/index-cache/snapshot-file.ts";

export const CORPUS = fileURLToPath(new URL("../../corpus/", import.meta.url));

/** The index snapshot files in `dir`. */
export const snapshotFiles = (dir: string) => readdirSync(dir).filter((name) => name.startsWith("index-") && name.endsWith(".snap"));
/** The path of the one snapshot file in `dir`. */
export const snapshotPath = (dir: string) => join(dir, snapshotFiles(dir)[0]!);
/** A snapshot file's envelope, to edit and write back. */
export const readEnvelope = <T>(path: string) => decodeSnapshot<T>(readFileSync(path));
export const writeEnvelope = <T>(path: string, envelope: SnapshotEnvelope<T>) => writeFileSync(path, Buffer.concat(encodeSnapshot(envelope)));

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

const QUERIES = ["职业倦怠", "什么时候应该考虑开源治理?", "burnout", "service mesh", "雲原生", "Envoy 为什么开源", "kubernets", "云", "今天天气怎么样", ""];

/** Everything a caller can observe of an engine, for whole-engine comparison. */
export function observe(engine: SearchEngine): unknown {
  const passages = engine.passages();
  return {
    articles: engine.articles().map((a) => [a.meta.id, a.hash, a.sections.length]),
    passages,
    searches: QUERIES.map((q) => [engine.search(q, { limit: 10 }), engine.search(q, { limit: 3, offset: 2 })]),
    suggest: ["kub", "开源", ""].map((p) => engine.suggest(p)),
    quotes: passages.slice(0, 20).map((p) => [engine.quoteOf(p.id), engine.quoteOf(p.id, "开源 社区")]),
  };
}

/** Polls `check` until it holds (bounded): a watcher's timing is not under a test's control. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
