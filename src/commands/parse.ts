/**
 * `/lesson …` text → Invocation, for platforms that deliver commands as text (Slack, console).
 * Discord builds Invocations from its typed options instead.
 */
import type { Invocation } from "./types.ts";

const HELP = new Set(["help", "帮助", "-h", "--help", "?", "？"]);
const RANDOM = new Set(["random", "随机"]);
const TODAY = new Set(["today", "今天", "今日"]);
const SOURCES = new Set(["sources", "articles", "来源", "文章"]);
const STATS = new Set(["stats", "统计"]);

export function parseCommandText(input: string): Invocation {
  const text = input.trim().replace(/^\/lesson(?=\s|$)/i, "").trim();
  if (text === "") return { name: "help" };
  const [head = "", ...rest] = text.split(/\s+/);
  const word = head.toLowerCase();
  const args = text.slice(head.length).trim();
  if (HELP.has(word) && rest.length === 0) return { name: "help" };
  if (RANDOM.has(word) && rest.length === 0) return { name: "random" };
  if (TODAY.has(word) && rest.length === 0) return { name: "today" };
  if (word === "daily") return parseDaily(args);
  if (SOURCES.has(word)) return parseSources(args);
  if (STATS.has(word) && rest.length <= 1) return { name: "stats", since: args };
  if (word === "config") {
    const [key = "", value = ""] = args.split(/\s+/);
    return { name: "config", key: key.toLowerCase(), value: value.toLowerCase() };
  }
  // `search` lets a query start with a reserved word: `/lesson search help`.
  if (word === "search") return { name: "search", query: args };
  return { name: "search", query: text };
}

function parseDaily(args: string): Invocation {
  const words = args.split(/\s+/).filter(Boolean);
  const first = words[0]?.toLowerCase();
  if (words.length === 1 && (first === "off" || first === "stop")) return { name: "daily", action: "off" };
  if (words.length <= 1 && (first === undefined || first === "status")) return { name: "daily", action: "status" };
  const [time = "", timezone = "", ...flags] = words;
  const weekdays = flags.some((f) => f.toLowerCase() === "weekdays");
  const unknown = flags.filter((f) => f.toLowerCase() !== "weekdays");
  if (unknown.length > 0) return { name: "daily", action: "invalid", input: args };
  return { name: "daily", action: "set", time, timezone, weekdays };
}

/** `sources` → page 1; `sources 3` → page 3; `sources envoy` → articles matching "envoy"; `sources envoy 2`. */
function parseSources(args: string): Invocation {
  const words = args.split(/\s+/).filter(Boolean);
  const last = words.at(-1);
  const page = last !== undefined && /^\d{1,6}$/.test(last) ? Number(last) : undefined;
  const filter = (page === undefined ? words : words.slice(0, -1)).join(" ");
  return { name: "sources", page: Math.max(0, (page ?? 1) - 1), filter };
}
