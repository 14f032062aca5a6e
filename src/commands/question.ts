/**
 * Does a channel message read as a question? Used only for channels in "questions" respond mode,
 * so it errs on the side of staying quiet: chatter without a question mark or question word is left alone.
 */
const QUESTION_MARK = /[?？]\s*$/;
const ZH_QUESTION = /(吗|呢|什么|为什么|为何|怎么|怎样|如何|哪些|哪个|哪里|谁|是否|能否|可否|有没有|是不是|要不要|多少|几)/;
const EN_QUESTION = /^(what|why|how|who|when|where|which|is|are|do|does|did|can|could|should|would|will|any)\b/i;

export function looksLikeQuestion(text: string): boolean {
  const t = text.trim();
  if (t.length < 2) return false;
  return QUESTION_MARK.test(t) || ZH_QUESTION.test(t) || EN_QUESTION.test(t);
}
