/**
 * What one line typed at the console means. Pure, so the REPL only has to act on the result.
 */
export type ConsoleInput =
  | { kind: "empty" }
  | { kind: "command"; text: string }
  | { kind: "mention"; text: string }
  | { kind: "choice"; n: number }
  | { kind: "quit" }
  | { kind: "unknown"; command: string }
  /** Plain text: searched as `/lesson <text>`, with a hint. */
  | { kind: "plain"; text: string };

const LESSON = /^\/lesson(?:\s+|$)/i;
const MENTION = /^@lessonbot\b[:,]?\s*/i;

export function parseInput(line: string): ConsoleInput {
  const text = line.trim();
  if (!text) return { kind: "empty" };
  if (LESSON.test(text)) return { kind: "command", text: text.replace(LESSON, "") };
  if (MENTION.test(text)) return { kind: "mention", text: text.replace(MENTION, "") };
  if (/^\d{1,3}$/.test(text)) return { kind: "choice", n: Number(text) };
  if (/^\/(quit|exit|q)$/i.test(text)) return { kind: "quit" };
  if (/^\/(help|\?)$/i.test(text)) return { kind: "command", text: "help" };
  if (text.startsWith("/")) return { kind: "unknown", command: text.split(/\s/)[0]! };
  return { kind: "plain", text };
}
