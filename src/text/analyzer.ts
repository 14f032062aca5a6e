/**
 * The text pipeline, in the shape MiniSearch plugs in (`tokenize` for documents) plus a query analyzer
 * that turns a question into weighted search terms, the units that measure coverage, and the runs that
 * measure phrase proximity.
 *
 * Documents: folded text → Latin terms (with compound and camel-case parts) + CJK character bigrams
 * (a two-character word is a bigram; longer words are chains of bigrams, which phrase proximity checks).
 * Queries: ICU words (`Intl.Segmenter`) decide the shape — question words and particles (什么, 为什么, 的,
 * 吗 …) are cut out so they never become terms, bigrams spanning two words only count as proximity — and
 * the bigrams of what remains are searched, with glossary equivalents added at lower weight.
 */
import { runSteps } from "../util/steps.ts";
import { fold, foldWithMap } from "./normalize.ts";
import { bigrams, camelParts, cjkQueryWords, latinTerms, scan, type Piece } from "./tokenize.ts";
import { CHINESE_STOPWORDS, LIGHT_CHARACTERS, isStopword } from "./stopwords.ts";
import { EMPTY_GLOSSARY, type Glossary, type GlossaryEntry } from "./glossary.ts";
import { PhraseIndex } from "./phrases.ts";
import type { Dictionary, Translation } from "./cedict.ts";

/** One search term with its weight (MiniSearch `boostTerm`) and fuzzy/prefix settings. */
export interface QueryTerm {
  term: string;
  weight: number;
  /** Fraction of the term length allowed as edit distance, or false. */
  fuzzy: number | false;
  prefix: boolean;
  /** Only the other language's equivalent of what was typed (glossary or dictionary), never typed itself. */
  bridged?: boolean;
}

/**
 * A meaningful part of the query, for coverage: found in a passage when every term of one of its
 * alternatives matched (a bigram; a Latin word; a glossary group "burnout | 职业倦怠 | 倦怠"). The first
 * alternative is the form the query used.
 */
export interface QueryUnit {
  label: string;
  alternatives: string[][];
  /**
   * A bigram across an ICU word boundary next to a single character (考虑|开 → 虑开): kept because ICU
   * often splits real words (开|源), but it may be an artefact of segmentation, so it counts less.
   */
  soft?: boolean;
  /** A lone character searched as a prefix (捐 → 捐赠): its weight comes from character statistics. */
  single?: boolean;
  /** A glossary term: a topic of the corpus by definition. */
  glossary?: boolean;
  /** Alternatives from this index on are dictionary translations: finding one is weaker evidence. */
  translatedFrom?: number;
}

/** Terms that are adjacent in the query: CJK bigrams in order, or Latin words in order. */
export interface QueryRun {
  kind: "cjk" | "latin";
  terms: string[];
}

export interface QueryPlan {
  /** The query after folding (NFKC, lower case, Simplified). */
  folded: string;
  terms: QueryTerm[];
  units: QueryUnit[];
  runs: QueryRun[];
}

export interface TextAnalyzer {
  /** Index terms of a document field (MiniSearch `tokenize`; terms need no further `processTerm`). */
  indexTerms(text: string): string[];
  analyzeQuery(query: string): QueryPlan;
  /**
   * Prepares a step at a time what the first query would otherwise prepare (the mined aliases' tables:
   * a few hundred ms on a library), so that an engine built a slice at a time has it ready.
   */
  preparing?(): Generator<void, void>;
}

/** Relative term weights: what the query says counts fully; glossary expansions and lone characters less. */
export const TERM_WEIGHTS = {
  bigram: 1,
  latin: 1,
  /** Chinese equivalents of an English query term. */
  expansion: 0.7,
  /** English equivalents of a Chinese query term. */
  reverse: 0.5,
  /** A lone character between stopwords, searched as a prefix. */
  lone: 0.3,
  /** Dictionary (CC-CEDICT) translations, either way: below the words typed and the hand-made glossary. */
  dictionary: 0.4,
} as const;

/** Dictionary translations searched per query word: the best few the index holds. */
const MAX_TRANSLATIONS = 3;
/** …and, besides them, translations too common to search, looked for in the candidates. */
const MAX_COMMON_TRANSLATIONS = 2;
/** Two typed words still make one phrase for the dictionary with at most this many stopwords between. */
const MAX_PHRASE_GAP = 2;
/** Longest Chinese word looked up in the dictionary. */
const MAX_WORD_CHARS = 6;

export interface AnalyzerOptions {
  /** A bilingual dictionary: English query words also search Chinese words and the other way round. */
  dictionary?: Dictionary;
  /**
   * Passages that hold an index term (0 = none): translations the index does not hold are dropped, and
   * among the rest the ones the library uses more come first.
   */
  holds?: (term: string) => number;
  /**
   * Translations with a term more passages hold than this are left out: a common word says little and
   * costs a long posting list on every query that translates to it.
   */
  maxHolds?: number;
  /**
   * Equivalences the library defines itself (see aliases.ts), used like glossary entries below the
   * glossary; read on the first query that needs them.
   */
  aliases?: () => readonly GlossaryEntry[];
}

const LATIN_FUZZY = /^[a-z]{5,}$/;
const LATIN_PREFIX = /^[a-z][a-z0-9]{3,}$/;

function latinQueryTerm(term: string, weight: number): QueryTerm {
  return { term, weight, fuzzy: LATIN_FUZZY.test(term) ? 0.2 : false, prefix: LATIN_PREFIX.test(term) };
}

/** Search terms of a phrase (a glossary equivalent): all bigrams / Latin terms, no stopword splitting. */
function phraseTerms(folded: string): string[] {
  const out: string[] = [];
  for (const piece of scan(folded)) {
    if (piece.kind === "latin") out.push(...latinTerms(piece.text));
    else if (piece.text.length === 1) out.push(piece.text);
    else out.push(...bigrams(piece.text));
  }
  return [...new Set(out)];
}

interface PreparedEntry {
  entry: GlossaryEntry;
  /** Terms of the English side. */
  termTerms: string[];
  /** Terms of each equivalent, in order. */
  equivalentTerms: string[][];
}

function englishKey(words: string[]): string {
  return words.join(" ");
}

function singular(key: string): string | undefined {
  if (key.endsWith("ies")) return `${key.slice(0, -3)}y`;
  if (key.endsWith("s") && !key.endsWith("ss")) return key.slice(0, -1);
  return undefined;
}

interface GlossaryTables {
  byEnglish: Map<string, PreparedEntry>;
  /** Chinese glossary terms: found in queries (服务网格 → service mesh) and used as words when segmenting. */
  lexicon: PhraseIndex<PreparedEntry>;
  /** Most words of an English term. */
  maxWords: number;
}

/**
 * Glossary entries prepared for lookup. `extra` entries (mined aliases) fill in below `entries` (the hand
 * glossary): an English term both have keeps the glossary's meaning, and so does a Chinese one.
 */
/** Mined aliases prepared between two yields of `preparingGlossary` (each is stemmed: Snowball is slow). */
const PREPARE_SLICE = 64;

function* preparingGlossary(entries: readonly GlossaryEntry[], extra: readonly GlossaryEntry[] = []): Generator<void, GlossaryTables> {
  const byEnglish = new Map<string, PreparedEntry>();
  const byChinese: { folded: string; prepared: PreparedEntry }[] = [];
  const chinese = new Set<string>();
  let maxWords = 1;
  const add = (entry: GlossaryEntry, own: boolean) => {
    const foldedTerm = fold(entry.term);
    const words = scan(foldedTerm).flatMap((p) => (p.kind === "latin" ? p.text.split(/[-_]+/).filter(Boolean) : [p.text]));
    if (words.length === 0) return;
    const key = englishKey(words);
    if (!own && byEnglish.has(key)) return;
    const prepared: PreparedEntry = {
      entry,
      termTerms: phraseTerms(foldedTerm),
      equivalentTerms: entry.equivalents.map((e) => phraseTerms(fold(e))),
    };
    byEnglish.set(key, prepared);
    maxWords = Math.max(maxWords, words.length);
    for (const equivalent of entry.equivalents) {
      const folded = fold(equivalent);
      if (Array.from(folded).length < 2 || !/\p{Script=Han}/u.test(folded) || (!own && chinese.has(folded))) continue;
      chinese.add(folded);
      byChinese.push({ folded, prepared });
    }
  };
  for (const entry of entries) add(entry, true);
  for (const [i, entry] of extra.entries()) {
    if (i % PREPARE_SLICE === PREPARE_SLICE - 1) yield;
    add(entry, false);
  }
  // The glossary's own entries first: of two equal phrases, PhraseIndex finds the first.
  return { byEnglish, lexicon: new PhraseIndex(byChinese.map((c) => [c.folded, c.prepared] as const)), maxWords };
}

function prepareGlossary(entries: readonly GlossaryEntry[], extra: readonly GlossaryEntry[] = []): GlossaryTables {
  return runSteps(preparingGlossary(entries, extra));
}

/** Builds the analyzer; the glossary is prepared once here, mined aliases on the first query. */
export function createAnalyzer(glossary: Glossary = EMPTY_GLOSSARY, options: AnalyzerOptions = {}): TextAnalyzer {
  const own = prepareGlossary(glossary.entries);
  let merged: GlossaryTables | undefined;
  const tables = () => (merged ??= options.aliases ? prepareGlossary(glossary.entries, options.aliases()) : own);
  // Typos are forgiven only for the hand glossary's terms: mined aliases are many, and a scan per word costs.
  const singleWords = [...own.byEnglish.keys()].filter((key) => !key.includes(" ") && key.length >= 5);
  /** Exact, singular, or (for one word of 5+ letters) one typo away: "burnot" still means burnout. */
  const lookupEnglish = (key: string) => {
    const { byEnglish } = tables();
    const exact = byEnglish.get(key) ?? byEnglish.get(singular(key) ?? "");
    if (exact || key.includes(" ") || key.length < 5) return exact;
    const close = singleWords.find((word) => withinOneEdit(word, key));
    return close ? own.byEnglish.get(close) : undefined;
  };

  const translations = bridge(options);

  function indexTerms(text: string): string[] {
    const out: string[] = [];
    const folded = foldWithMap(text);
    for (const piece of scan(folded.text)) {
      if (piece.kind === "latin") {
        out.push(...latinTerms(piece.text));
        for (const part of camelParts(text.slice(folded.map[piece.start], folded.map[piece.end]))) {
          if (!isStopword(part)) out.push(part);
        }
        continue;
      }
      if (piece.text.length === 1) {
        out.push(piece.text);
        continue;
      }
      out.push(...bigrams(piece.text));
    }
    return out;
  }

  function analyzeQuery(query: string): QueryPlan {
    const folded = fold(query);
    // The plan keeps the whole question (its answer cue reads "how long"); only its topic is searched…
    const topic = withoutQuestionFrame(folded);
    const plan = planOf(folded, topic);
    // …unless the question is all frame ("how long?", 多久): then it is searched as typed.
    return topic !== folded && plan.terms.length === 0 ? planOf(folded, folded) : plan;
  }

  /** The plan of `folded`, searching the pieces of `searched` (the same text, or with parts blanked out). */
  function planOf(folded: string, searched: string): QueryPlan {
    const plan = new PlanBuilder(folded);
    const pieces = scan(searched);
    for (const group of adjacentLatin(folded, pieces)) addLatin(plan, group);
    const lone: string[] = [];
    for (const piece of pieces) if (piece.kind === "cjk") addCjk(plan, piece.text, lone);
    // A single character between stopwords (捐 in 为什么捐给) is searched as the start of a word (捐赠):
    // weakly next to other terms, fully when the query has nothing else (云).
    const alone = plan.isEmpty();
    for (const ch of lone) {
      if (!alone && LIGHT_CHARACTERS.has(ch)) continue;
      plan.addTerm({ term: ch, weight: alone ? 1 : TERM_WEIGHTS.lone, fuzzy: false, prefix: true });
      plan.addUnit({ label: ch, alternatives: [[ch]], single: true });
    }
    return plan.build();
  }

  /** Latin tokens, glossary phrases matched longest first ("crossing the chasm", "service mesh"). */
  function addLatin(plan: PlanBuilder, group: Piece[]): void {
    const words: { word: string; piece: number }[] = [];
    group.forEach((piece, index) => {
      for (const word of piece.text.split(/[-_]+/)) if (word) words.push({ word, piece: index });
    });
    const covered = new Set<number>();
    for (let i = 0; i < words.length; ) {
      let matched = 0;
      for (let n = Math.min(tables().maxWords, words.length - i); n >= 1 && !matched; n--) {
        const slice = words.slice(i, i + n);
        if (n === 1 && isStopword(slice[0]!.word)) break;
        const prepared = lookupEnglish(englishKey(slice.map((w) => w.word)));
        if (!prepared) continue;
        matched = n;
        addExpansion(plan, prepared, slice.map((w) => w.word).join(" "), "english");
        // A piece is covered by the glossary unit when all of its words are inside the match.
        for (const w of slice) {
          if (words.every((o) => o.piece !== w.piece || slice.includes(o))) covered.add(w.piece);
        }
      }
      i += matched || 1;
    }
    const runTerms: string[] = [];
    const pieceTerms = group.map((piece) => latinTerms(piece.text));
    // Two words the dictionary translates as one (time zone → 时区, root cause → 根本原因): the phrase's
    // translation stands for either word.
    const phrased: Bridged[][] = group.map(() => []);
    // Stopwords between the two are skipped, as the dictionary's keys skip them (save so much money → 存钱).
    const content = group.map((_, index) => index).filter((index) => pieceTerms[index]!.length > 0);
    for (let c = 0; c + 1 < content.length; c++) {
      const [i, j] = [content[c]!, content[c + 1]!];
      const [a, b] = [pieceTerms[i]!, pieceTerms[j]!];
      if (a.length !== 1 || b.length !== 1 || covered.has(i) || covered.has(j) || j - i - 1 > MAX_PHRASE_GAP) continue;
      const found = translations.chinese(`${a[0]} ${b[0]}`, `${surfaceOf(group[i]!.text)} ${surfaceOf(group[j]!.text)}`);
      shareTranslations(plan, found);
      phrased[i]!.push(...found);
      phrased[j]!.push(...found);
    }
    group.forEach((piece, index) => {
      const terms = pieceTerms[index]!;
      if (terms.length === 0) return;
      for (const term of terms) plan.addTerm(latinQueryTerm(term, TERM_WEIGHTS.latin));
      runTerms.push(terms[0]!);
      if (covered.has(index)) return;
      const [whole, ...parts] = terms;
      const chinese = [...translations.chinese(whole!, surfaceOf(piece.text)), ...phrased[index]!];
      shareTranslations(plan, chinese);
      const own = parts.length > 1 ? [[whole!], parts] : [[whole!]];
      plan.addUnit({ label: piece.text, alternatives: [...own, ...chinese.map((t) => t.terms)], ...(chinese.length > 0 ? { translatedFrom: own.length } : {}) });
    });
    if (runTerms.length >= 2) plan.addRun({ kind: "latin", terms: runTerms });
  }

  /**
   * Adds a glossary entry matched in the query: one unit whose first alternative is the form the user
   * typed, then the other side and the other equivalents.
   */
  function addExpansion(plan: PlanBuilder, prepared: PreparedEntry, typed: string, side: "english" | "chinese", translated: readonly Term[][] = []): void {
    const typedTerms = side === "english" ? prepared.termTerms : phraseTerms(typed);
    const others = side === "english" ? prepared.equivalentTerms : [prepared.termTerms, ...prepared.equivalentTerms];
    const alternatives = [typedTerms, ...others.filter((alt) => alt.join(" ") !== typedTerms.join(" "))].filter((a) => a.length > 0);
    const known = new Set(alternatives.map((a) => a.join(" ")));
    // Dictionary translations of the words it spans (each once), after the glossary's: weaker evidence.
    const extra: Term[][] = [];
    for (const terms of translated) {
      const key = terms.join(" ");
      if (!known.has(key)) known.add(key), extra.push(terms);
    }
    const bridged = extra.length > 0 ? { translatedFrom: alternatives.length } : {};
    plan.addUnit({ label: typed, alternatives: [...alternatives, ...extra], glossary: true, ...bridged });
    if (side === "english") for (const terms of prepared.equivalentTerms) share(plan, terms, TERM_WEIGHTS.expansion);
    else share(plan, prepared.termTerms, TERM_WEIGHTS.reverse);
  }

  /** A CJK run: ICU words, split at stopwords into runs whose bigrams are the terms. */
  function addCjk(plan: PlanBuilder, run: string, lone: string[]): void {
    let current: string[] = [];
    const flush = () => {
      const chars = current.join("");
      if (Array.from(chars).length === 1) lone.push(chars);
      else if (chars.length > 0) addSubrun(plan, current);
      current = [];
    };
    for (const word of cjkQueryWords(run, tables().lexicon)) {
      if (CHINESE_STOPWORDS.has(word)) flush();
      else current.push(word);
    }
    flush();
  }

  function addSubrun(plan: PlanBuilder, words: string[]): void {
    const text = words.join("");
    // Character offsets where one ICU word ends and the next begins; junctions have 2+ characters each side.
    const boundaries = new Set<number>();
    const junctions = new Set<number>();
    let at = 0;
    words.forEach((word, i) => {
      at += Array.from(word).length;
      const next = words[i + 1];
      if (!next) return;
      boundaries.add(at);
      if (Array.from(word).length >= 2 && Array.from(next).length >= 2) junctions.add(at);
    });
    const grams = bigrams(text);
    // Dictionary translations (股票 → stock) of the words of the run, found by longest match in the
    // dictionary rather than by ICU, which splits words the dictionary has whole (笔记本|电脑 → laptop).
    const english: Term[][][] = grams.map(() => []);
    const chars = Array.from(text);
    // …but a match must not take the head of the next word when the dictionary knows that word: 归|公司
    // is 归 + company, not 归公 (to go to the state) and 司.
    const spans: [number, number][] = [];
    for (const word of words) spans.push([spans.at(-1)?.[1] ?? 0, (spans.at(-1)?.[1] ?? 0) + Array.from(word).length]);
    const cutsWord = (start: number, end: number): boolean => {
      const cut = spans.find(([from, to]) => from < end && end < to);
      return cut !== undefined && cut[0] >= start && translations.english(chars.slice(cut[0], cut[1]).join("")).length > 0;
    };
    for (let k = 0; k < chars.length - 1; ) {
      let length = Math.min(MAX_WORD_CHARS, chars.length - k);
      let found: Bridged[] = [];
      for (; length >= 2; length--) {
        if (cutsWord(k, k + length)) continue;
        found = translations.english(chars.slice(k, k + length).join(""));
        if (found.length > 0) break;
      }
      if (found.length === 0) {
        k++;
        continue;
      }
      shareTranslations(plan, found);
      for (let g = k; g < k + length - 1; g++) english[g]!.push(...found.map((t) => t.terms));
      k += length;
    }
    // Glossary terms inside this run (服务网格 → service mesh), longest first, replace the bigram units they span.
    // The dictionary's translations of the words they span stay, below the glossary's: a name the library
    // defines for a common word (a mined alias, 公司 → some acronym) must not take "company" away.
    const claimed = new Array<boolean>(grams.length).fill(false);
    const found = tables().lexicon.occurrences(text).sort((a, b) => b.phrase.length - a.phrase.length || a.at - b.at);
    for (const { at, phrase, value } of found) {
      const first = Array.from(text.slice(0, at)).length;
      const last = first + Array.from(phrase).length - 2;
      if (claimed.slice(first, last + 1).some(Boolean)) continue;
      for (let k = first; k <= last; k++) claimed[k] = true;
      addExpansion(plan, value, phrase, "chinese", english.slice(first, last + 1).flat());
    }
    // A bigram spanning two real words (考虑|开源 → 虑开) says the words are adjacent, not what the query is
    // about: it is not searched, only kept in the run, where phrase proximity looks for it.
    grams.forEach((gram, k) => {
      if (junctions.has(k + 1)) return;
      plan.addTerm({ term: gram, weight: TERM_WEIGHTS.bigram, fuzzy: false, prefix: false });
      if (!claimed[k]) {
        const translated = english[k]!.length > 0 ? { translatedFrom: 1 } : {};
        plan.addUnit({ label: gram, alternatives: [[gram], ...english[k]!], soft: boundaries.has(k + 1) || undefined, ...translated });
      }
    });
    if (grams.length >= 2) plan.addRun({ kind: "cjk", terms: grams });
  }

  function* preparing(): Generator<void, void> {
    if (!merged && options.aliases) merged = yield* preparingGlossary(glossary.entries, options.aliases());
  }

  return { indexTerms, analyzeQuery, preparing };
}

type Term = string;

/**
 * Words that only frame a question for a span of time, not its topic: "long" of "how long", the "last" or
 * "take" that ends it ("how long does a rotation last?"), 多长时间 and 多久. As units they would count
 * against the passage that answers ("Rotations are 4 weeks" has neither). Not stopwords: "long" and
 * "last" are topics elsewhere ("long-term", "last mile").
 */
const HOW_LONG = /(?<=\bhow\s+)long\b/g;
const CHINESE_FRAMES = /多长时间|多少时间|多久|多长/g;
const FRAME_VERB = /\b(last|lasts|take|takes)(?=[\s?!.。？！]*$)/;

/** `folded` with the words of a question's frame blanked out (offsets kept: the plan maps back to them). */
function withoutQuestionFrame(folded: string): string {
  const blank = (match: string) => " ".repeat(match.length);
  const out = folded.replace(CHINESE_FRAMES, blank);
  return out.search(HOW_LONG) < 0 ? out : out.replace(HOW_LONG, blank).replace(FRAME_VERB, blank);
}

/**
 * An equivalent stands for one concept however many terms spell it: its terms share the weight. Only the
 * `searched` ones are looked up in the index (a translation's common terms are checked in the candidates).
 */
function share(plan: PlanBuilder, terms: readonly string[], weight: number, searched: readonly string[] = terms): void {
  for (const term of searched) plan.addTerm({ term, weight: weight / terms.length, fuzzy: false, prefix: false, bridged: true });
}

/** Dictionary translations as search terms: below the words typed and the hand-made glossary. */
function shareTranslations(plan: PlanBuilder, translations: readonly Bridged[]): void {
  for (const { terms, searched, weight } of translations) share(plan, terms, TERM_WEIGHTS.dictionary * weight, searched);
}

/**
 * A translation as index terms. A term in more passages than `maxHolds` is not searched — its posting
 * list would cost every query — but still found in the candidates the other terms bring: a phrase is as
 * cheap to search as its rarest word ("apply for reimbursement" by `reimburs`, not `appli`). A
 * translation with only such terms (none `searched`) is common.
 */
interface Bridged {
  terms: string[];
  /** The terms searched (those at most `maxHolds` passages hold). */
  searched: string[];
  weight: number;
}

interface Bridge {
  /** Chinese words for an English query term (stem, or stems of a phrase) as typed (`surface`, lower case). */
  chinese(stem: string, surface: string): Bridged[];
  /** English glosses of a Chinese query word. */
  english(word: string): Bridged[];
}

/**
 * Dictionary lookups kept to what the index holds: a translation whose terms are not all in the index
 * cannot match, and among the rest the dictionary's order counts first, how much the library uses the
 * word second ("direction" → 方向 rather than 执导). Cached per analyzer: queries repeat words.
 */
function bridge({ dictionary, holds, maxHolds = Infinity }: AnalyzerOptions): Bridge {
  if (!dictionary) return { chinese: () => [], english: () => [] };
  const df = holds ?? (() => 1);
  const pick = (candidates: readonly Translation[], termsOf: (label: string) => string[]) => {
    const out: (Bridged & { rank: number })[] = [];
    for (const { label, weight } of candidates) {
      const terms = termsOf(label);
      if (terms.length === 0) continue;
      const counts = terms.map(df);
      const least = Math.min(...counts);
      if (least > 0) {
        const searched = terms.filter((_, i) => counts[i]! <= maxHolds);
        out.push({ terms, searched, weight, rank: weight * Math.log(2 + least) });
      }
    }
    out.sort((a, b) => b.rank - a.rank);
    // Common translations are not searched, only looked for in the candidates: they must not take the
    // places of the rarer ones that are (goods → 产品 and 良好 had left 商品 out).
    const searched = out.filter((t) => t.searched.length > 0).slice(0, MAX_TRANSLATIONS);
    const common = out.filter((t) => t.searched.length === 0).slice(0, MAX_COMMON_TRANSLATIONS);
    return [...searched, ...common].map(({ terms, searched, weight }) => ({ terms, searched, weight }));
  };
  const chineseCache = new Map<string, Bridged[]>();
  const englishCache = new Map<string, Bridged[]>();
  const cached = <T>(cache: Map<string, T>, key: string, make: () => T) => {
    let value = cache.get(key);
    if (value === undefined) {
      // Nothing found while the dictionary is still being read is no answer to keep.
      if (dictionary?.pending?.()) return make();
      if (cache.size > 10_000) cache.clear();
      cache.set(key, (value = make()));
    }
    return value;
  };
  return {
    chinese: (stem, surface) =>
      cached(chineseCache, `${stem}\u0000${surface}`, () =>
        pick(dictionary.chinese(stem).map((t) => ({ ...t, weight: t.weight * glossFit(t.gloss, surface) })), bigrams),
      ),
    english: (word) => cached(englishCache, word, () => pick(dictionary.english(word), (label) => label.split(" "))),
  };
}

/** A typed Latin token as words for comparing with a gloss: apostrophes and 's gone, joiners as spaces. */
function surfaceOf(token: string): string {
  return token.replace(/’/g, "'").replace(/'s$/, "").replace(/'/g, "").split(/[-_/]+/).filter(Boolean).join(" ");
}

/** Particles that end a phrasal verb's gloss ("wake up"): without them the gloss is the verb itself. */
const PHRASAL_PARTICLES: ReadonlySet<string> = new Set(["up", "down", "out", "off", "on", "in", "over", "away", "back"]);
/** Weight factor of a gloss that only shares a stem with the query word or wraps it in other words. */
export const LOOSE_GLOSS = 0.5;

/**
 * How exactly a dictionary gloss says what was typed: 1 when it is the typed words ("import" for
 * 进口, "wake up" for wake), `LOOSE_GLOSS` when only the stems meet ("important" for import) or the
 * word sits inside a longer gloss whose other words are stopwords ("in the wake of" for wake).
 */
export function glossFit(gloss: string | undefined, surface: string): number {
  if (gloss === undefined) return 1;
  const words = gloss.split(" ");
  while (words.length > 1 && PHRASAL_PARTICLES.has(words[words.length - 1]!)) words.pop();
  const plain = (text: string) => text.split(" ").map((w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w)).join(" ");
  return plain(words.join(" ")) === plain(surface) ? 1 : LOOSE_GLOSS;
}

/** Levenshtein distance ≤ 1 (one insertion, deletion or substitution). */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Latin pieces separated only by white space form one group (a phrase to match in the glossary). */
function adjacentLatin(text: string, pieces: Piece[]): Piece[][] {
  const groups: Piece[][] = [];
  let current: Piece[] = [];
  let lastEnd = -1;
  for (const piece of pieces) {
    if (piece.kind !== "latin") {
      if (current.length) groups.push(current);
      current = [];
      continue;
    }
    if (current.length && !/^\s*$/.test(text.slice(lastEnd, piece.start))) {
      groups.push(current);
      current = [];
    }
    current.push(piece);
    lastEnd = piece.end;
  }
  if (current.length) groups.push(current);
  return groups;
}

/** Collects terms (deduplicated, strongest weight wins), units and runs. */
class PlanBuilder {
  private readonly terms = new Map<string, QueryTerm>();
  private readonly units = new Map<string, QueryUnit>();
  private readonly runs: QueryRun[] = [];

  constructor(private readonly folded: string) {}

  addTerm(term: QueryTerm): void {
    const known = this.terms.get(term.term);
    if (!known) {
      this.terms.set(term.term, term);
      return;
    }
    known.weight = Math.max(known.weight, term.weight);
    if (!term.bridged) delete known.bridged;
    known.prefix ||= term.prefix;
    if (term.fuzzy !== false) known.fuzzy = Math.max(known.fuzzy || 0, term.fuzzy);
  }

  addUnit(unit: QueryUnit): void {
    const key = JSON.stringify(unit.alternatives);
    if (!this.units.has(key)) this.units.set(key, unit);
  }

  addRun(run: QueryRun): void {
    this.runs.push(run);
  }

  isEmpty(): boolean {
    return this.terms.size === 0;
  }

  build(): QueryPlan {
    return { folded: this.folded, terms: [...this.terms.values()], units: [...this.units.values()], runs: this.runs };
  }
}
