/**
 * The suggestion vocabulary in a snapshot as binary sections instead of JSON (50,000 entries on a
 * library: parsing them was a tenth of a start): labels and folded forms as strings (a folded form equal
 * to its label is not stored twice), kinds, weights and topics as arrays.
 */
import type { VocabularyEntry } from "../search/suggest.ts";
import { decodeStrings, encodeStrings } from "./saved-strings.ts";

/** Labels (2), folded forms (2), then per entry: flags (u8), weight (f64), topic (f64). */
export const VOCABULARY_SECTIONS = 7;

/** Flag bits per entry. */
const TERM = 1;
const FOLDED_IS_LABEL = 2;

const bytes = (array: ArrayBufferView) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

export function encodeVocabulary(entries: readonly VocabularyEntry[]): Uint8Array[] {
  const flags = new Uint8Array(entries.length);
  const weights = new Float64Array(entries.length);
  const topics = new Float64Array(entries.length);
  const folded: string[] = [];
  entries.forEach((entry, i) => {
    flags[i] = (entry.kind === "term" ? TERM : 0) | (entry.folded === entry.label ? FOLDED_IS_LABEL : 0);
    if (entry.folded !== entry.label) folded.push(entry.folded);
    weights[i] = entry.weight;
    topics[i] = entry.topic;
  });
  return [...encodeStrings(entries.map((entry) => entry.label)), ...encodeStrings(folded), flags, bytes(weights), bytes(topics)];
}

/** The entries `encodeVocabulary` saved; throws when the sections do not fit together. */
export function decodeVocabulary(sections: readonly Uint8Array[]): VocabularyEntry[] {
  if (sections.length !== VOCABULARY_SECTIONS) throw new Error("saved vocabulary is incomplete");
  const labels = decodeStrings(sections.slice(0, 2));
  const folded = decodeStrings(sections.slice(2, 4));
  const flags = sections[4]!;
  const weights = f64(sections[5]!);
  const topics = f64(sections[6]!);
  const count = labels.count;
  if (flags.length !== count || weights.length !== count || topics.length !== count) throw new Error("saved vocabulary does not match its count");
  const entries: VocabularyEntry[] = new Array(count);
  let nextFolded = 0;
  for (let i = 0; i < count; i++) {
    const label = labels.at(i);
    const flag = flags[i]!;
    if (!(flag & FOLDED_IS_LABEL) && nextFolded >= folded.count) throw new Error("saved vocabulary is out of range");
    entries[i] = { label, folded: flag & FOLDED_IS_LABEL ? label : folded.at(nextFolded++), kind: flag & TERM ? "term" : "heading", weight: weights[i]!, topic: topics[i]! };
  }
  if (nextFolded !== folded.count) throw new Error("saved vocabulary does not match its count");
  return entries;
}

function f64(section: Uint8Array): Float64Array {
  if (section.byteLength % 8 !== 0) throw new Error("saved vocabulary section has the wrong size");
  const aligned = section.byteOffset % 8 === 0 ? section : section.slice();
  return new Float64Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 8);
}
