/**
 * Text folding shared by indexing and querying: NFKC, lower case, Traditional → Simplified Chinese.
 * Both sides go through the same function, so a query in any of those forms meets the same terms.
 */
import { Converter } from "opencc-js/t2cn";

let convert: ((text: string) => string) | undefined;

/**
 * Traditional → Simplified with OpenCC's generic `t` → `cn` tables (Taiwan and Hong Kong characters convert too).
 * The Taiwan phrase tables (`twp`) are avoided on purpose: run over Simplified text they rewrite it
 * (建立 → 创建, 核心 → 内核). Built on first use (~15 ms).
 */
export function toSimplified(text: string): string {
  const run = (convert ??= Converter({ from: "t", to: "cn" }));
  return run(text);
}

/** Folded text plus, for every folded UTF-16 unit, the index in the original it came from. */
export interface Folded {
  text: string;
  /** `map[i]` = original index of `text[i]`; `map[text.length]` = original length. */
  map: number[];
}

const A = 0x41;
const Z = 0x5a;

/** Code points NFKC and lower-casing leave alone: ASCII is handled inline, CJK ideographs pass. */
function passesUnchanged(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf);
}

/**
 * Folds `text` one code point at a time so every output unit can point back to its source — quotes mark
 * matched terms in the original text through this map.
 */
export function foldWithMap(text: string): Folded {
  const parts: string[] = [];
  const map: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    let piece: string;
    if (cp < 0x80) piece = cp >= A && cp <= Z ? String.fromCharCode(cp + 32) : text[i]!;
    else if (passesUnchanged(cp)) piece = text[i]!;
    else piece = text.slice(i, i + width).normalize("NFKC").toLowerCase();
    parts.push(piece);
    for (let k = 0; k < piece.length; k++) map.push(i);
    i += width;
  }
  map.push(text.length);
  const folded = parts.join("");
  const simplified = toSimplified(folded);
  if (simplified.length === folded.length) return { text: simplified, map };
  // A phrase changed length (記憶體 → 内存): convert piecewise so the map stays exact.
  return { text: parts.map((p) => toSimplified(p)).join(""), map: rebuildMap(parts, map) };
}

function rebuildMap(parts: string[], oldMap: number[]): number[] {
  const map: number[] = [];
  let at = 0;
  for (const part of parts) {
    const origin = oldMap[at]!;
    const converted = toSimplified(part);
    for (let k = 0; k < converted.length; k++) map.push(origin);
    at += part.length;
  }
  map.push(oldMap[oldMap.length - 1]!);
  return map;
}

/** The folded form of `text` (what the index and the query analyzer see). */
export function fold(text: string): string {
  return foldWithMap(text).text;
}
