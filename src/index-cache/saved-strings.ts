/**
 * Many strings as two snapshot sections: their UTF-16 code units end to end, and where each ends. UTF-16,
 * not UTF-8: decoding it is a copy (~10× faster on a library's text), it keeps any string exactly (a lone
 * surrogate too), and each string is then a cheap substring of the one decoded blob.
 */

/** The sections of `strings`: the blob, then the end offsets (u32, in code units). */
export function encodeStrings(strings: readonly string[]): Uint8Array[] {
  const ends = new Uint32Array(strings.length);
  let at = 0;
  strings.forEach((text, i) => (ends[i] = at += text.length));
  const blob = Buffer.from(strings.join(""), "utf16le");
  return [new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength), new Uint8Array(ends.buffer)];
}

/** Reads back what `encodeStrings` wrote: `count` and the string at an index. Throws on a malformed pair. */
export function decodeStrings(sections: readonly Uint8Array[]): { count: number; at(index: number): string } {
  const [blob, endBytes] = sections;
  if (!blob || !endBytes || blob.byteLength % 2 !== 0 || endBytes.byteLength % 4 !== 0) throw new Error("saved strings are incomplete");
  const text = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength).toString("utf16le");
  const aligned = endBytes.byteOffset % 4 === 0 ? endBytes : endBytes.slice();
  const ends = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
  for (let i = 0; i < ends.length; i++) if (ends[i]! < (ends[i - 1] ?? 0) || ends[i]! > text.length) throw new Error("saved strings are out of range");
  if (ends.length > 0 && ends[ends.length - 1] !== text.length) throw new Error("saved strings do not fill their blob");
  return { count: ends.length, at: (index) => text.substring(ends[index - 1] ?? 0, ends[index]) };
}
