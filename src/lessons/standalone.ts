/**
 * Can a sentence be read on its own, out of its article? A daily lesson arrives with no context, so
 * it must not lean on what came before ("这也许是…", "上述", "因此…"), introduce what comes after
 * ("以下是…:"), ask a question, or be a fragment.
 */

/** Openers that point back at earlier text or continue an argument. */
const DANGLING_OPENER = new RegExp(
  "^(" +
    [
      "这", "那", "此", "该", "其(?!实)", "它", "他", "她", "上述", "以上", "如上", "前者", "后者",
      "同时", "此外", "另外", "另一方面", "一方面", "因此", "所以", "于是", "但", "然而", "而", "并且", "而且",
      "不过", "当然", "反过来", "反之", "综上", "总之", "总的来说", "例如", "比如", "譬如", "举个例子",
      "首先", "其次", "然后", "最后", "最终", "第[一二三四五六七八九十]", "[一二三四五六七八九十]是",
      "也(?!许)", "还", "又", "再", "即(?!使|便)", "就此", "就这", "对此", "话虽如此", "相反", "在当时", "如此", "为此", "除此", "与此同时",
      "接着", "随后", "后来", "目前", "现在", "今天", "如今", "当时", "那时",
    ].join("|") +
    ")",
);

/** English openers that point back at earlier text or continue an argument ("This is why…", "However, …"). */
const ENGLISH_DANGLING_OPENER =
  /^(?:this|that|these|those|it|they|he|she|such|however|but|and|or|so|also|therefore|thus|hence|then|otherwise|instead|moreover|furthermore|besides|still|yet|for example|for instance|in addition|in contrast|in that case|as a result|as such|because of this|on the other hand|as mentioned|as above|the above|the former|the latter|here|there)\b/i;

/** A point named by its number or as "this point" early in the sentence ("为了解决第一点,…"). */
const EARLY_REFERENCE = /^.{0,10}(第[一二三四五六七八九十\d]+[点个条]|这一点|这两点|上述|以上几|前面提到|the (?:first|second|third|last) (?:point|one))/i;

/**
 * Openers that refer to an earlier sentence (a pronoun, a connective), the subset of DANGLING_OPENER a
 * search quote must resolve; time words (今天, 后来) and enumerations only make a poor lesson.
 */
const REFERRING_OPENER = new RegExp(
  "^(" +
    [
      "这(?!里|儿)", "那(?!里|儿|么)", "此", "该", "其(?!实|他|中)", "它", "上述", "以上", "如上", "前者", "后者", "因此", "所以",
      "于是", "但", "然而", "而(?!且)", "并且", "而且", "不过", "反之", "综上", "总之", "此外", "另外", "对此", "为此", "除此",
      "相反", "如此",
    ].join("|") +
    ")",
);

/** The sentence points back at what came before it (a quote starting here needs its predecessor). */
export function leansOnEarlier(sentence: string): boolean {
  const text = sentence.trim().replace(/^[•*\-\s"“「]+/, "");
  return REFERRING_OPENER.test(text) || ENGLISH_DANGLING_OPENER.test(text) || EARLY_REFERENCE.test(text);
}

/** The sentence announces what follows it ("…4个方面:", "The steps are:"). */
export function introducesNext(sentence: string): boolean {
  return /[:：]["”’」』)）]*\s*$/.test(sentence.trim());
}

/** References to the surrounding page anywhere in the sentence. */
const CONTEXT_REFERENCE =
  /(上述|以上|上面|下面|如下|以下|下图|上图|前面|后面|前文|后文|本文|本篇|这里|此处|如图|见图|参考《|前一个|后一个|上一个|下一个|这一话题|这个话题|这一点|这个问题|这件事)/;

/** Lead-ins that only say who speaks or that something is about to be said: dropped, the rest kept. */
const LEAD_IN = [
  // A speaker label: "李响:…", "Q:…".
  /^[^\s,，。:：]{1,12}[:：]\s*/,
  // A reporting clause: "他认为,…", "陈恺说,“…”", "李响提到,…".
  /^[^,，。:：“”]{1,12}?(认为|说|提到|表示|指出|强调|坦言|补充说)[,，:：]\s*/,
  // A discourse lead-in ending in a colon: "这很明显,但我还是要说:…".
  /^[^。:：]{1,16}(要说|就是说|换句话说|简而言之|一句话)[:：,，]\s*/,
];

const TERMINATED = /[。！？!?….]["”’」』)）]*$/;
const MIN_CHARS = 10;
const MAX_CHARS = 160;

/** Removes a speaker label or reporting lead-in, and quote marks that then wrap the whole sentence. */
export function trimLeadIn(sentence: string): string {
  let text = sentence.trim();
  for (const pattern of LEAD_IN) {
    const match = pattern.exec(text);
    if (match && text.length - match[0].length >= MIN_CHARS) {
      text = text.slice(match[0].length).trim();
      break;
    }
  }
  const quoted = /^[“"「](.*)[”"」]$/.exec(text);
  if (quoted && !/[“”"「」]/.test(quoted[1]!)) return quoted[1]!.trim();
  // A sentence cut from the start or end of a longer quotation keeps an unmatched mark: drop it.
  if (/^[“「]/.test(text) && !/[”」]/.test(text)) text = text.slice(1).trim();
  if (/[”」]$/.test(text) && !/[“「]/.test(text)) text = text.slice(0, -1).trim();
  return text;
}

function balanced(text: string): boolean {
  const pairs: [string, string][] = [
    ["“", "”"],
    ["（", "）"],
    ["(", ")"],
    ["「", "」"],
    ["《", "》"],
  ];
  if (pairs.some(([open, close]) => text.split(open).length !== text.split(close).length)) return false;
  return (text.match(/"/g)?.length ?? 0) % 2 === 0;
}

export interface StandaloneOptions {
  /** The sentence follows its own referent (a second sentence of a lesson): openers are fine. */
  continues?: boolean;
  maxChars?: number;
}

/** Why `sentence` cannot stand alone, or `undefined` if it can. */
export function notStandalone(sentence: string, options: StandaloneOptions = {}): string | undefined {
  const text = sentence.trim();
  const chars = [...text].length;
  if (chars < MIN_CHARS) return "too short";
  if (chars > (options.maxChars ?? MAX_CHARS)) return "too long";
  if (!TERMINATED.test(text)) return "not a whole sentence";
  if (/[?？]/.test(text)) return "a question";
  if (introducesNext(text) || /[:：]$/.test(text.replace(TERMINATED, ""))) return "introduces what follows";
  if (!options.continues && (DANGLING_OPENER.test(text) || leansOnEarlier(text))) return "leans on earlier text";
  if (CONTEXT_REFERENCE.test(text)) return "refers to the page";
  if (!balanced(text)) return "unbalanced quotes or brackets";
  return undefined;
}
