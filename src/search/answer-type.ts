/**
 * What kind of answer a question asks for, from its question words: a span of time ("how long", 多久), a
 * quantity ("how much", 多少, 几), a reason ("why", 为什么) or a time ("when", 何时, 哪一天). The sentence
 * that answers usually carries the matching form (4 weeks, a number, "because", a date) even when it
 * repeats few of the question's words, so it is a mild hint for ranking and quoting, never a filter.
 */

export type AnswerKind = "duration" | "quantity" | "reason" | "time";

export interface AnswerCue {
  kind: AnswerKind;
  /** Finds the form of that answer in folded text (lower case, NFKC). */
  form: RegExp;
}

const ASKS: [AnswerKind, RegExp][] = [
  // Before quantity: "how long" and 多久 ask for a span of time, a number with its unit.
  ["duration", /多久|多长时间|多少年|多少天|几年|几天|几个月|几周|几小时|\bhow long\b|\bhow many (years|months|weeks|days|hours|minutes)\b/],
  ["quantity", /多少|几[个年天次月周岁名位倍成分小]|多久|多长|多大|多高|多远|多重|\bhow (much|many|long|large|big|old|often|far)\b|\bwhat percentage\b/],
  ["reason", /为什么|为何|什么原因|怎么会|\bwhy\b/],
  ["time", /什么时候|何时|哪一?天|哪一?年|哪个月|几点|\bwhen\b|\bwhat time\b|\bwhat day\b/],
];

const NUMERAL = "[零一二两三四五六七八九十百千万亿半]";
const DURATION_UNITS = "(?:years?|months?|weeks?|days?|hours?|minutes?|yrs?|hrs?)";
const FORMS: Record<AnswerKind, RegExp> = {
  // A count of units, not a date: 15年 and 3个月 but not 2020年 or 1月13日.
  duration: new RegExp(
    `(?<![\\d.])(?:\\d{1,3}(?:\\.\\d+)?|${NUMERAL}+)\\s*(?:个月|个星期|年|周|天|小时|分钟)|\\b(?:\\d+(?:\\.\\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve)[\\s-]+${DURATION_UNITS}\\b`,
  ),
  quantity: new RegExp(`\\d|${NUMERAL}+[个年天次月周岁名位倍成元块分秒小]|\\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|twice|half|dozen|hundred|thousand|percent)\\b`),
  reason: /因为|由于|原因|所以|为了|导致|因此|\b(because|since|due to|reasons?|so that|in order to|otherwise)\b/,
  time: new RegExp(
    `\\d{4}年|\\d{1,2}月|\\d{1,2}[日号]|${NUMERAL}+[年月日号]|星期|周[一二三四五六日末]|每[年月周天]|\\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|daily|weekly|monthly|quarterly|annually|yearly|twice|every|before|after|within)\\b|\\b\\d{4}\\b`,
  ),
};

/** The kind of answer `foldedQuery` asks for, when its question words say so. */
export function answerCue(foldedQuery: string): AnswerCue | undefined {
  for (const [kind, asks] of ASKS) if (asks.test(foldedQuery)) return { kind, form: FORMS[kind] };
  return undefined;
}

/**
 * A stated cause, narrower than the "reason" form (no 为了/"in order to", "since"): what a passage must say
 * to count as the answer to a why-question in place of the one that restates it.
 */
export const STATED_CAUSE = /因为|由于|原因|所以|因此|导致|之所以|\b(because|due to|the reasons? (is|are|was|were)|caused by|as a result)\b/;
