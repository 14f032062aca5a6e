/**
 * What a reload's result changes in the two big lists the main thread already has — the index's sorted
 * terms (a library's are ~230,000) and the suggestion vocabulary (~50,000 entries) — sent as edits of the
 * lists of the engine it serves, so that thread does not decode or parse them whole (hundreds of ms of
 * its CPU on a library). The worker knows which lists those are: the baseline's, then each result the
 * main thread says it swapped in.
 */
import type { VocabularyEntry } from "../search/suggest.ts";
import { runSteps } from "../util/steps.ts";

/** Sorted terms as edits of a sorted base: positions of the base dropped, terms added (sorted). */
export interface TermsPatch {
  baseCount: number;
  removed: number[];
  added: string[];
}

/** The edits that turn `base` into `next` (both sorted by code unit, no duplicates). */
export function termsPatch(base: readonly string[], next: readonly string[]): TermsPatch {
  const removed: number[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < base.length || j < next.length) {
    const a = base[i];
    const b = next[j];
    if (a !== undefined && a === b) {
      i++;
      j++;
    } else if (b === undefined || (a !== undefined && a < b)) removed.push(i++);
    else {
      added.push(b);
      j++;
    }
  }
  return { baseCount: base.length, removed, added };
}

/** Items of a list gone through between two yields of an `applying…` step (~1 ms). */
const PATCH_SLICE = 16_384;

/** `next` of `termsPatch(base, next)`; undefined when `base` is not the list the patch was made from. */
export function applyTermsPatch(base: readonly string[], patch: TermsPatch): string[] | undefined {
  return runSteps(applyingTermsPatch(base, patch));
}

/** `applyTermsPatch` a slice at a time (the serving thread applies a library's ~230,000 terms). */
export function* applyingTermsPatch(base: readonly string[], patch: TermsPatch): Generator<void, string[] | undefined> {
  if (base.length !== patch.baseCount) return undefined;
  const out: string[] = [];
  let r = 0;
  let a = 0;
  for (let i = 0; i < base.length; i++) {
    if (i % PATCH_SLICE === PATCH_SLICE - 1) yield;
    if (r < patch.removed.length && patch.removed[r] === i) {
      r++;
      continue;
    }
    const term = base[i]!;
    while (a < patch.added.length && patch.added[a]! < term) out.push(patch.added[a++]!);
    out.push(term);
  }
  while (a < patch.added.length) out.push(patch.added[a++]!);
  return out;
}

/** A run of the base's entries (`from`, `count`) or new entries, by their index in the chunked literals. */
export type VocabularyOp = { from: number; count: number } | { literals: number };

/** Digest of the base: `vocabularyDigest`. */
export type VocabularyPatch = ListPatch;

/**
 * The edits that turn `base` into `next`: runs of unchanged entries by position, the rest as literals
 * (returned apart: they travel as chunks, parsed a turn at a time).
 */
export function vocabularyPatch(base: readonly VocabularyEntry[], baseDigest: number, next: readonly VocabularyEntry[]): { patch: VocabularyPatch; literals: VocabularyEntry[] } {
  return listPatch(base, baseDigest, next, (entry) => entry.folded, sameEntry);
}

/** `next` of `vocabularyPatch`; undefined when `base` is not the list the patch was made from. */
export function applyVocabularyPatch(base: readonly VocabularyEntry[], baseDigest: number, patch: VocabularyPatch, literals: readonly VocabularyEntry[]): VocabularyEntry[] | undefined {
  return applyListPatch(base, baseDigest, patch, literals);
}

/** `next` of `listPatch` (or `vocabularyPatch`); undefined when `base` is not the list the patch was made from. */
export function applyListPatch<T>(base: readonly T[], baseDigest: number, patch: ListPatch, literals: readonly T[]): T[] | undefined {
  return runSteps(applyingListPatch(base, baseDigest, patch, literals));
}

/** `applyListPatch` a slice at a time (the serving thread applies a library's vocabulary and lessons). */
export function* applyingListPatch<T>(base: readonly T[], baseDigest: number, patch: ListPatch, literals: readonly T[]): Generator<void, T[] | undefined> {
  if (base.length !== patch.baseCount || baseDigest !== patch.baseDigest) return undefined;
  const out: T[] = [];
  let next = 0;
  for (const op of patch.ops) {
    if ("from" in op) {
      if (op.from + op.count > base.length) return undefined;
      for (let i = op.from; i < op.from + op.count; i++) {
        out.push(base[i]!);
        if (out.length % PATCH_SLICE === 0) yield;
      }
    } else {
      if (next + op.literals > literals.length) return undefined;
      for (let i = 0; i < op.literals; i++) out.push(literals[next++]!);
    }
  }
  return next === literals.length ? out : undefined;
}

function sameEntry(a: VocabularyEntry, b: VocabularyEntry): boolean {
  return a.label === b.label && a.folded === b.folded && a.kind === b.kind && a.weight === b.weight && a.topic === b.topic;
}

/** A 32-bit FNV-1a digest of every field of every entry, in order: both threads compute it alike. */
export function vocabularyDigest(entries: readonly VocabularyEntry[]): number {
  return new VocabularyDigest().add(entries).value;
}

/**
 * A 32-bit FNV-1a digest of strings in order, each closed by a separator byte, fed a part at a time (the
 * serving thread digests a library's lists in slices): both threads compute it alike.
 */
export class StringsDigest {
  private hash = 0x811c9dc5;

  get value(): number {
    return this.hash >>> 0;
  }

  add(strings: Iterable<string>): this {
    let hash = this.hash;
    for (const text of strings) {
      for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
      hash = Math.imul(hash ^ 0xff, 0x01000193);
    }
    this.hash = hash;
    return this;
  }
}

/** `vocabularyDigest` fed a part at a time. */
export class VocabularyDigest {
  private readonly digest = new StringsDigest();

  get value(): number {
    return this.digest.value;
  }

  add(entries: readonly VocabularyEntry[]): this {
    for (const entry of entries) this.digest.add([entry.label, entry.folded, entry.kind, String(entry.weight), String(entry.topic)]);
    return this;
  }
}

/** A list as runs of a base list's items (by position) and new items (see `listPatch`). */
export interface ListPatch {
  baseCount: number;
  /** Digest of the base's keys (see keysDigest): an edit applies only to the very list it was made from. */
  baseDigest: number;
  ops: VocabularyOp[];
}

/**
 * The edits that turn `base` into `next` for items with a key (lessons by id), an item being unchanged when
 * `same` says so; the new and changed items are returned apart (they travel as chunks).
 */
export function listPatch<T>(base: readonly T[], baseDigest: number, next: readonly T[], keyOf: (item: T) => string, same: (a: T, b: T) => boolean): { patch: ListPatch; literals: T[] } {
  const at = new Map<string, number>();
  base.forEach((item, i) => at.set(keyOf(item), i));
  const ops: VocabularyOp[] = [];
  const literals: T[] = [];
  for (const item of next) {
    const i = at.get(keyOf(item));
    const last = ops[ops.length - 1];
    if (i !== undefined && same(base[i]!, item)) {
      if (last && "from" in last && last.from + last.count === i) last.count++;
      else ops.push({ from: i, count: 1 });
    } else {
      literals.push(item);
      if (last && "literals" in last) last.literals++;
      else ops.push({ literals: 1 });
    }
  }
  return { patch: { baseCount: base.length, baseDigest, ops }, literals };
}

/** The digest of some strings in order (lessons' ids): `StringsDigest` fed at once. */
export function keysDigest(keys: Iterable<string>): number {
  return new StringsDigest().add(keys).value;
}
