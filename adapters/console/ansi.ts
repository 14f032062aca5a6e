/**
 * Terminal styling: a few SGR styles, switched off entirely when colour is off, and the rule for
 * when it is (https://no-color.org).
 */
export type Style = "bold" | "dim" | "mark" | "error" | "accent";

const CODES: Record<Style, [string, string]> = {
  bold: ["\x1b[1m", "\x1b[22m"],
  dim: ["\x1b[2m", "\x1b[22m"],
  // Matched terms: bold yellow, readable on dark and light backgrounds.
  mark: ["\x1b[1;33m", "\x1b[22;39m"],
  error: ["\x1b[31m", "\x1b[39m"],
  accent: ["\x1b[36m", "\x1b[39m"],
};

export type Paint = (style: Style, text: string) => string;

export function painter(color: boolean): Paint {
  if (!color) return (_style, text) => text;
  return (style, text) => (text ? CODES[style][0] + text + CODES[style][1] : text);
}

/** Colour only on a terminal, never with NO_COLOR set; FORCE_COLOR turns it on for pipes. */
export function wantsColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined> = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true;
}
