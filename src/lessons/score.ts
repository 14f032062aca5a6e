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

export function lessonScore(sentence: string): number {
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
