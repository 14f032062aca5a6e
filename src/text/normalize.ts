/**
 * Text folding shared by indexing and querying: NFKC, lower case, Traditional → Simplified Chinese.
 * Both sides go through the same function, so a query in any of those forms meets the same terms.
 */
import { Converter } from "opencc-js/t2cn";

let converter: ((text: string) => string) | undefined;
/** Character → Simplified character; conversion is per character so folding stays cheap and length-stable. */
const simplified = new Map<string, string>();

/**
 * Traditional → Simplified with OpenCC's generic `t` → `cn` tables (Taiwan and Hong Kong characters convert
 * too), one character at a time. Phrase tables are avoided on purpose: the Taiwan ones (`twp`) rewrite
 * Simplified text (建立 → 创建, 核心 → 内核). The converter is built on first use (~15 ms).
 */
export function toSimplified(char: string): string {
  const known = simplified.get(char);
  if (known !== undefined) return known;
  const convert = (converter ??= Converter({ from: "t", to: "cn" }));
  const out = convert(char);
  simplified.set(char, out);
  return out;
}

/** Folded text plus, for every folded UTF-16 unit, the index in the original it came from. */
export interface Folded {
  text: string;
  /** `map[i]` = original index of `text[i]`; `map[text.length]` = original length. */
  map: number[];
}

const A = 0x41;
const Z = 0x5a;

/** CJK ideographs: NFKC and lower-casing leave them alone, only Traditional → Simplified applies. */
function isIdeograph(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2ffff);
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
    else if (isIdeograph(cp)) piece = toSimplified(text.slice(i, i + width));
    else piece = text.slice(i, i + width).normalize("NFKC").toLowerCase();
    parts.push(piece);
    for (let k = 0; k < piece.length; k++) map.push(i);
    i += width;
  }
  map.push(text.length);
  return { text: parts.join(""), map };
}

/** The folded form of `text` (what the index and the query analyzer see). */
export function fold(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (cp < 0x80) out += cp >= A && cp <= Z ? String.fromCharCode(cp + 32) : text[i]!;
    else if (isIdeograph(cp)) out += toSimplified(text.slice(i, i + width));
    else out += text.slice(i, i + width).normalize("NFKC").toLowerCase();
    i += width;
  }
  return out;
}
