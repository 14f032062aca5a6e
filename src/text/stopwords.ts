import { phraseSet } from "./phrases.ts";

/**
 * Words that carry the shape of a question, not its topic. They are dropped from queries (and from the
 * index, for English) so "为什么"/"how" never decide a ranking, and they split Chinese phrases into the
 * runs whose character bigrams are searched. All entries are in folded form (Simplified, lower case).
 */

/** Chinese question words, particles, pronouns and light function words. */
export const CHINESE_STOPWORDS: ReadonlySet<string> = new Set([
  // question words
  "什么", "什么样", "什么时候", "为什么", "为何", "怎么", "怎么样", "怎样", "怎么办", "如何", "哪些", "哪个",
  "哪里", "哪儿", "哪", "何时", "是否", "是不是", "有没有", "多少", "几", "啥", "到底", "究竟", "请问",
  // sentence particles
  "吗", "呢", "吧", "啊", "呀", "嘛", "哦", "么", "的", "地", "得", "了", "着", "过",
  // copula, prepositions, conjunctions, adverbs
  "是", "有", "在", "和", "与", "及", "或", "或者", "还是", "跟", "同", "对", "对于", "关于", "把", "被", "给",
  "从", "向", "为", "于", "以", "而", "也", "都", "就", "还", "又", "很", "更", "最", "太", "比", "之",
  // pronouns and determiners
  "这", "那", "这个", "那个", "这些", "那些", "这样", "那样", "这种", "那种", "一个", "一些",
  "我", "你", "您", "他", "她", "它", "我们", "你们", "他们", "她们", "它们", "咱们", "大家",
  // modal verbs
  "应该", "应当", "可以", "能", "能够", "会", "要", "想", "该", "需", "一下",
  // chat fillers: greetings and requests around a question, never its topic
  "你好", "您好", "谢谢", "多谢", "在吗", "有人", "谁", "帮我", "帮忙", "麻烦", "看下", "看看", "各位", "大佬", "请教",
  // conjunctions
  "而不是", "不是", "而是", "但是", "因为", "所以", "如果", "虽然", "然后", "以及", "并且", "还有",
]);

/**
 * Particles that ICU glues to the end of a word (赢了, 真的, 好吗); they are cut off before a word is used.
 * 着/过 are not here: they end real words (意味着, 通过).
 */
export const TRAILING_PARTICLES = "了的吗呢吧啊呀嘛";

/** Words that end in a particle character but are words (目的 = purpose). */
export const PARTICLE_WORDS: ReadonlySet<string> = new Set(["目的", "的的"]);

/**
 * Multi-character stopwords found by longest match before ICU segmentation, because ICU segments a
 * short query differently from running text (为什么用 may come back as 为什|么用).
 */
export const CHINESE_STOP_PHRASES = phraseSet([...CHINESE_STOPWORDS].filter((w) => w.length >= 2));

/**
 * English function words, question words and chat fillers (folded; contractions are cut before the
 * lookup, so "don't" is "do" and "it's" is "it").
 */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set([
  // articles, copula and auxiliaries
  "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "doing", "done",
  "have", "has", "had", "having", "can", "could", "should", "would", "will", "shall", "may", "might", "must",
  "ought", "cannot", "can't", "won't", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't",
  "shouldn't", "wouldn't", "couldn't", "haven't", "hasn't", "hadn't", "there's", "what's", "whats", "dont",
  "let's", "i'm", "it's", "that's",
  // question words
  "how", "what", "why", "when", "where", "who", "whom", "which", "whose", "whether", "whatever",
  // pronouns and determiners
  "i", "me", "my", "mine", "myself", "we", "our", "ours", "us", "ourselves", "you", "your", "yours",
  "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its",
  "itself", "they", "them", "their", "theirs", "themselves", "this", "that", "these", "those", "there", "here",
  "any", "some", "all", "each", "every", "either", "neither", "both", "few", "other", "another", "such", "own",
  "same", "one's", "someone", "somebody", "anyone", "anybody", "something", "anything", "everything",
  // prepositions and conjunctions
  "of", "to", "in", "on", "at", "by", "for", "from", "with", "without", "about", "as", "into", "onto", "upon",
  "and", "or", "but", "nor", "if", "so", "than", "then", "else", "not", "no", "yes", "between", "over", "under",
  "through", "during", "before", "after", "above", "below", "up", "down", "out", "off", "again", "further",
  "once", "while", "because", "since", "until", "against", "among", "per", "via", "vs", "versus", "instead",
  // adverbs and quantifiers
  "just", "too", "very", "also", "only", "even", "still", "ever", "really", "quite", "rather", "more", "most",
  "much", "many", "less", "least", "lot", "lots", "often", "now", "already", "yet", "again", "anyway",
  // chat fillers around a question, never its topic
  "please", "pls", "tell", "hi", "hello", "hey", "thanks", "thank", "ok", "okay", "get", "got", "s", "t", "d",
  "ll", "m", "re", "ve", "does't", "should't", "know", "anyone", "guys", "folks",
]);

/**
 * Single characters too common to search as the start of a word when they stand alone in a query
 * (用 would pull in 用户, 用于, 用来 …): light verbs and measure words.
 */
export const LIGHT_CHARACTERS: ReadonlySet<string> = new Set([
  "用", "来", "去", "做", "说", "看", "让", "使", "办", "样", "到", "上", "下", "中", "里", "出", "起", "好", "多",
  "少", "大", "小", "人", "事", "时", "年", "个", "种", "点", "些", "后", "前", "才", "再", "已", "没", "不", "无",
]);

export function isStopword(word: string): boolean {
  return CHINESE_STOPWORDS.has(word) || ENGLISH_STOPWORDS.has(word);
}
