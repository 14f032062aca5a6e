/**
 * English stemming with the Snowball English (Porter 2) algorithm from `snowball-stemmers`, so "policies",
 * "policy" and "requests"/"request" meet in the index. Only plain alphabetic words of 3+ letters are
 * stemmed: names with digits or joiners (v1.31, kube-ovn, c++) stay as written.
 */
import { createRequire } from "node:module";
import type Snowball from "snowball-stemmers";

// A UMD module that flags itself as transpiled ESM without a default export: `require` gives its exports.
const snowball = createRequire(import.meta.url)("snowball-stemmers") as typeof Snowball;
const stemmer = snowball.newStemmer("english");
const STEMMABLE = /^[a-z]{3,}$/;
/** Stems are looked up for every indexed word: a cache keeps that to one call per distinct word. */
const cache = new Map<string, string>();
const MAX_CACHED = 200_000;

/** The stem of a folded (lower-case) Latin word; the word itself when it is not a plain word. */
export function stem(word: string): string {
  if (!STEMMABLE.test(word)) return word;
  let out = cache.get(word);
  if (out === undefined) {
    out = stemmer.stem(word);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(word, out);
  }
  return out;
}
