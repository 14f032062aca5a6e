/**
 * The benchmark's query workload: the relevance scorer's dev queries (with their expected phrases, for
 * hit@3) plus a fixed list of other questions people ask — Chinese, English, mixed, Traditional,
 * misspelt, long, one character, and some the corpus cannot answer (they cost time too).
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface EvalCase {
  id: string;
  query: string;
  /** Phrases any one of which marks a hit as correct. */
  expect: string[];
}

/** `../shared/eval/dev.jsonl` seen from the project root (override with BENCH_DEV_FILE). */
export const DEV_FILE = process.env.BENCH_DEV_FILE ?? fileURLToPath(new URL("../../shared/eval/dev.jsonl", import.meta.url));

export const EXTRA_QUERIES: readonly string[] = [
  "开源项目怎么找到第一批用户",
  "how to avoid maintainer burnout",
  "Envoy 为什么用 C++ 写",
  "雲原生和容器的關係",
  "商业化和社区如何平衡",
  "KubeSphere 和 Rancher 有什么区别",
  "platform engineering",
  "Kusion 配置语言 KCL",
  "灵雀云 的客户是谁",
  "etcd raft 一致性",
  "开源基金会 CNCF 毕业",
  "open core business model",
  "Matt Klein Lyft",
  "如何建立一个健康的开源社区,让更多的外部贡献者愿意长期参与进来并且成为维护者?",
  "ToB 创业",
  "kubernets 发行版",
  "治理",
  "云",
  "OpenYurt 边缘",
  "为什么要开源",
  "技术选型的经验教训",
  "微服务 service mesh 落地",
  "今天天气怎么样",
  "how do I bake bread",
];

export function loadDevCases(file = DEV_FILE): EvalCase[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as EvalCase);
}

/** Every query of the workload, dev queries first. */
export function workload(dev: readonly EvalCase[]): string[] {
  return [...dev.map((c) => c.query), ...EXTRA_QUERIES];
}

/** Trailing punctuation that changes no engine's answer (no engine makes a term of it). */
const NEUTRAL_SUFFIXES = ["", "?", "!", "。", "？", "！"];

/** A timed spelling of a workload query. */
export interface Spelling {
  spelling: string;
  query: string;
}

/**
 * The queries as timed: each in a few spellings that differ only by trailing punctuation, so the timed
 * calls are ~300 distinct strings, more than any cache of recent queries holds (the engine keeps recent
 * rankings for paging). Every call then measures a real search, as a new question from a user would.
 */
export function timingWorkload(queries: readonly string[]): Spelling[] {
  return NEUTRAL_SUFFIXES.flatMap((suffix) => queries.map((query) => ({ spelling: query + suffix, query })));
}
