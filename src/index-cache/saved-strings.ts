/**
 * Many strings as two snapshot sections: their UTF-16 code units end to end, and where each ends. UTF-16,
 * not UTF-8: decoding it is a copy (~10× faster on a library's text) and it keeps any string exactly (a
 * lone surrogate too). Read back all at once (substrings of one decoded blob) or one at a time on demand.
 */

/** What was read back: how many strings, and the string at an index. */
export interface SavedStrings {
  count: number;
  at(index: number): string;
}

/** Sections one list of strings takes. */
export const STRINGS_SECTIONS = 2;

/** The sections of `strings`: the blob, then the end offsets (u32, in code units). */
export function encodeStrings(strings: readonly string[]): Uint8Array[] {
  const ends = new Uint32Array(strings.length);
  let at = 0;
  strings.forEach((text, i) => (ends[i] = at += text.length));
  const blob = Buffer.from(strings.join(""), "utf16le");
  return [new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength), new Uint8Array(ends.buffer)];
}

/** All the strings, decoded at once (each is then a cheap substring). Throws on a malformed pair. */
export function decodeStrings(sections: readonly Uint8Array[]): SavedStrings {
  const { blob, ends } = checked(sections);
  const text = blob.toString("utf16le");
  return { count: ends.length, at: (index) => text.substring(ends[index - 1] ?? 0, ends[index]) };
}

/** The strings decoded one at a time when asked for (the bytes stay as they are until then). */
export function stringReader(sections: readonly Uint8Array[]): SavedStrings {
  const { blob, ends } = checked(sections);
  return { count: ends.length, at: (index) => blob.toString("utf16le", 2 * (ends[index - 1] ?? 0), 2 * ends[index]!) };
}

function checked(sections: readonly Uint8Array[]): { blob: Buffer; ends: Uint32Array } {
  const [blobBytes, endBytes] = sections;
  if (!blobBytes || !endBytes || blobBytes.byteLength % 2 !== 0 || endBytes.byteLength % 4 !== 0) throw new Error("saved strings are incomplete");
  const aligned = endBytes.byteOffset % 4 === 0 ? endBytes : endBytes.slice();
  const ends = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
  const units = blobBytes.byteLength / 2;
  for (let i = 0; i < ends.length; i++) if (ends[i]! < (ends[i - 1] ?? 0) || ends[i]! > units) throw new Error("saved strings are out of range");
  if ((ends[ends.length - 1] ?? 0) !== units) throw new Error("saved strings do not fill their blob");
  return { blob: Buffer.from(blobBytes.buffer, blobBytes.byteOffset, blobBytes.byteLength), ends };
}
