/**
 * The inline Markdown the corpus accepts, and its inverse.
 *
 * Quotes must be the article's exact words, so `stripInline` removes only syntax (emphasis,
 * links, code spans, escapes) and keeps every other character as written. `escapeInline` is what
 * the importer uses to write text that `stripInline` gives back unchanged.
 */

const ASCII_PUNCT = /[!-\/:-@\[-`{-~]/;
const AUTOLINK = /^<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>/;
const WORD = /[\p{L}\p{N}]/u;

/** Plain text of one line or paragraph of inline Markdown. */
export function stripInline(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === "\\" && next !== undefined && ASCII_PUNCT.test(next)) {
      out += next;
      i += 2;
      continue;
    }
    if (c === "`") {
      const span = matchCodeSpan(text, i);
      out += span.text;
      i = span.end;
      continue;
    }
    if (c === "[" || (c === "!" && next === "[")) {
      const link = matchLink(text, c === "!" ? i + 1 : i);
      if (link) {
        out += stripInline(link.label);
        i = link.end;
        continue;
      }
    }
    if (c === "<") {
      const auto = AUTOLINK.exec(text.slice(i));
      if (auto) {
        out += auto[1];
        i += auto[0].length;
        continue;
      }
    }
    if (c === "*" || c === "_" || c === "~") {
      const emphasis = matchEmphasis(text, i);
      if (emphasis) {
        out += stripInline(emphasis.inner);
        i = emphasis.end;
        continue;
      }
    }
    out += c;
    i += 1;
  }
  return out;
}

/** Escapes every character `stripInline` could read as syntax, so the text survives a round trip. */
export function escapeInline(text: string): string {
  // `~` only matters doubled and `_` only where it can open emphasis, so `1~2` and `snake_case` stay readable.
  return text.replace(/[\\`*\[]|~(?=~)|(?<![\p{L}\p{N}])_|<(?=[a-zA-Z])/gu, (m) => `\\${m}`);
}

/**
 * Escapes a line start that the block parser would read as a heading, list item, quote or rule.
 * Apply to text already passed through `escapeInline`.
 */
export function escapeLineStart(line: string): string {
  const ordered = /^(\d{1,9})([.)])(\s)/.exec(line);
  if (ordered) return `${ordered[1]}\\${ordered[2]}${line.slice(ordered[1]!.length + 1)}`;
  if (/^(#{1,6}(\s|$)|[-+](\s|$)|>|-{3,}\s*$)/.test(line)) return `\\${line}`;
  return line;
}

function matchCodeSpan(text: string, start: number): { text: string; end: number } {
  let n = 0;
  while (text[start + n] === "`") n += 1;
  const fence = "`".repeat(n);
  let search = start + n;
  while (search <= text.length) {
    const close = text.indexOf(fence, search);
    if (close < 0) break;
    let after = close + n;
    if (text[after] === "`") {
      // A longer backtick run is not this span's closer.
      while (text[after] === "`") after += 1;
      search = after;
      continue;
    }
    let body = text.slice(start + n, close);
    if (body.length > 2 && body.startsWith(" ") && body.endsWith(" ") && body.trim() !== "") body = body.slice(1, -1);
    return { text: body, end: after };
  }
  return { text: fence, end: start + n };
}

/** `[label](destination)` starting at `[`; brackets and parentheses may nest; escapes are skipped. */
function matchLink(text: string, open: number): { label: string; end: number } | undefined {
  const closeLabel = findClosing(text, open, "[", "]");
  if (closeLabel < 0 || text[closeLabel + 1] !== "(") return undefined;
  const closeDest = findClosing(text, closeLabel + 1, "(", ")");
  if (closeDest < 0) return undefined;
  return { label: text.slice(open + 1, closeLabel), end: closeDest + 1 };
}

function findClosing(text: string, open: number, opener: string, closer: string): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    const c = text[i];
    if (c === "\\") {
      i += 1;
    } else if (c === opener) {
      depth += 1;
    } else if (c === closer) {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * `**x**`, `__x__`, `*x*`, `_x_`, `~~x~~`: the opener must be followed by a non-space, the closer
 * preceded by one, and `_` must not sit inside a word (`snake_case` stays as written).
 */
function matchEmphasis(text: string, start: number): { inner: string; end: number } | undefined {
  const mark = text[start]!;
  let run = 0;
  while (text[start + run] === mark) run += 1;
  const width = mark === "~" ? 2 : Math.min(run, 2);
  if (mark === "~" && run < 2) return undefined;
  const delimiter = mark.repeat(width);
  const first = text[start + width];
  if (first === undefined || /\s/.test(first)) return undefined;
  if (mark === "_" && start > 0 && WORD.test(text[start - 1]!)) return undefined;
  for (let i = start + width + 1; i < text.length; i += 1) {
    if (text[i] === "\\") {
      i += 1;
      continue;
    }
    if (!text.startsWith(delimiter, i)) continue;
    if (width === 1 && text[i + 1] === mark) {
      i += 1;
      continue;
    }
    if (/\s/.test(text[i - 1]!)) continue;
    const after = text[i + width];
    if (mark === "_" && after !== undefined && WORD.test(after)) continue;
    return { inner: text.slice(start + width, i), end: i + width };
  }
  return undefined;
}
