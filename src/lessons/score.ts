/**
 * How much a sentence reads like a lesson: a general claim or advice ("…是…的唯一途径", "不要…",
 * "只有…才…", "不是…而是…") rather than narration ("2015 年,我们…").
 */

/** [pattern, weight]: the words and shapes of advice and general claims. */
const MARKERS: [RegExp, number][] = [
  [/(唯一|根本原因|至关重要|本质|关键)/, 3],
  [/(不要|别再|切勿|千万|永远不要)/, 3],
  [/(只有|唯有).{1,40}(才|就)/, 4],
  [/(不是|并非|不仅仅是|不只是|并不意味着|不在于).{1,40}(而是|而在于|更是)/, 3],
  [/(并不意味着|并不是|不是)/, 1],
  [/而不是/, 2],
  [/(越).{1,20}(越)/, 2],
  [/(必须|应该|应当|需要|要学会|值得)/, 2],
  [/(重要|困难|难以|很难|最难|不容易|棘手|代价|优势|成功|失败)/, 2],
  [/(几乎总是|总是|从来|永远|往往|通常)/, 1],
  [/(如果|一旦).{1,40}(就|会|才|则)/, 1],
  [/(我认为|我相信|我坚信|我鼓励|我的建议)/, 1],
  [/(是|在于|意味着)/, 1],
];

/** Narration and detail that make a poor lesson: dates, figures, versions, one-off events. */
const NARRATION: [RegExp, number][] = [
  [/\d{4}\s*年/, 4],
  [/\d+(\.\d+)?\s*(%|％|万|亿|K|k|M|\+)/, 3],
  [/[A-Za-z]+\s*\d+\.\d+/, 2],
  [/(当时|那时|那年|后来|最初|那段时间)/, 3],
  [/(感到|觉得|惊讶)/, 1],
  [/(我|我们)[^,，。]{0,15}(了|过)/, 2],
  [/(了|过)[,，。]/, 1],
];

/** Capitalised names (Envoy, Lyft, GitHub): the more, the more it is about one product than a lesson. */
function names(text: string): number {
  return new Set(text.match(/\b[A-Z][a-z]+[A-Za-z]*\b/g) ?? []).size;
}

/** Share of Latin letters: a sentence full of product names is a fact sheet, not a lesson. */
function latinShare(text: string): number {
  const letters = text.match(/[A-Za-z]/g)?.length ?? 0;
  return letters / Math.max(1, [...text].length);
}

/** The same shapes in English: advice, general claims, contrasts. */
const ENGLISH_MARKERS: [RegExp, number][] = [
  [/\b(the only way|the key|the most important|essential|crucial|fundamental|the real reason)\b/i, 3],
  [/\b(never|don't|do not|avoid|stop)\b/i, 3],
  [/\bonly\b.{1,40}\b(if|when|by|then)\b/i, 3],
  [/\bnot\b.{1,40}\bbut\b/i, 3],
  [/\b(instead of|rather than)\b/i, 2],
  [/\bthe (more|less|better|earlier)\b.{1,30}\bthe (more|less|better)\b/i, 2],
  [/\b(should|must|need to|have to|worth)\b/i, 2],
  [/\b(important|hard|difficult|easy|matters?|success|succeed|fail|failure|trust)\b/i, 2],
  [/\b(always|usually|often|every)\b/i, 1],
  [/\bif\b.{1,40}\b(then|will|you)\b/i, 1],
  [/\b(I believe|I think|we believe|my advice)\b/i, 1],
  [/\b(is|are|means)\b/i, 1],
];

/** English narration and procedure: dates, figures, one-off events, click-by-click instructions. */
const ENGLISH_NARRATION: [RegExp, number][] = [
  [/\b(19|20)\d{2}\b/, 4],
  [/\d+(\.\d+)?\s*(%|k\b|m\b|\$)|\$\d/i, 3],
  [/\b(yesterday|last (week|year|month)|at the time|back then|later on)\b/i, 3],
  [/\b(I|we) (was|were|did|went|had)\b/i, 2],
  [/\b(click|go to|select|navigate|open the|log in|sign in|fill out|submit)\b/i, 3],
  [/https?:|@\w|#\w/, 2],
];

/** A sentence mostly in Latin letters is English and is scored with English markers. */
function englishScore(sentence: string): number {
  let score = 0;
  for (const [pattern, weight] of ENGLISH_MARKERS) if (pattern.test(sentence)) score += weight;
  for (const [pattern, weight] of ENGLISH_NARRATION) if (pattern.test(sentence)) score -= weight;
  // Capitalised names after the first word: product and people names make a fact sheet.
  score -= Math.min(2, Math.max(0, names(sentence) - 1));
  const words = sentence.split(/\s+/).filter(Boolean).length;
  if (words <= 20) score += 1;
  if (words > 32) score -= 1;
  if (words > 45) score -= 1;
  return score;
}

export function lessonScore(sentence: string): number {
  if (latinShare(sentence) > 0.6) return englishScore(sentence);
  let score = 0;
  for (const [pattern, weight] of MARKERS) if (pattern.test(sentence)) score += weight;
  for (const [pattern, weight] of NARRATION) if (pattern.test(sentence)) score -= weight;
  if (latinShare(sentence) > 0.25) score -= 3;
  score -= Math.min(2, names(sentence));
  const chars = [...sentence].length;
  // Short and pithy reads best in a channel; very long sentences lose the point.
  if (chars <= 40) score += 1;
  if (chars > 80) score -= 1;
  if (chars > 110) score -= 1;
  return score;
}

function bigrams(text: string): Set<string> {
  const chars = [...text.replace(/[^\p{L}\p{N}]/gu, "")];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** Share of the heading's character pairs that the sentence repeats (0–1): does it explain the heading? */
export function headingOverlap(sentence: string, heading: string): number {
  const wanted = bigrams(heading);
  if (wanted.size === 0) return 0;
  const have = bigrams(sentence);
  let hits = 0;
  for (const pair of wanted) if (have.has(pair)) hits++;
  return hits / wanted.size;
}
