/**
 * What every message the bot sends to Slack must satisfy, whatever the input: Slack's limits, and no
 * markup that could ping (`<!channel>`, `<@U…>`), link or format from user or corpus text.
 * Returns the list of violations (empty = fine), so a failing fuzz case says what broke.
 */
import { LIMITS } from "../../adapters/slack/render/limits.ts";

type Json = Record<string, unknown>;

/** Our own links: `<http(s)://…|label>`; the URL has no `|`, `<`, `>` or spaces, the label no `<`/`>`. */
const OWN_LINK = /<https?:\/\/[^|<>\s]+\|[^<>]*>/g;
const BROADCAST = /@(?:channel|here|everyone)(?![A-Za-z0-9_])/i;
const BARE_AMPERSAND = /&(?!amp;|lt;|gt;)/;

export function violations(message: Json): string[] {
  const problems: string[] = [];
  const text = message.text;
  if (typeof text !== "string" || text === "") problems.push("no fallback text");
  else {
    if (text.length > LIMITS.messageText) problems.push(`text ${text.length} > ${LIMITS.messageText}`);
    problems.push(...markupProblems("text", text));
  }
  const blocks = (message.blocks ?? []) as Json[];
  if (blocks.length > LIMITS.blocks) problems.push(`${blocks.length} blocks > ${LIMITS.blocks}`);
  const actionIds = new Set<string>();
  blocks.forEach((block, i) => {
    const where = `block ${i} (${String(block.type)})`;
    if (block.type === "section") {
      const t = (block.text as Json | undefined)?.text;
      if (typeof t !== "string") problems.push(`${where}: no text`);
      else {
        if (t.length > LIMITS.sectionText) problems.push(`${where}: ${t.length} chars > ${LIMITS.sectionText}`);
        if (t.trim() === "") problems.push(`${where}: empty text`);
        problems.push(...markupProblems(where, t));
      }
    } else if (block.type === "context") {
      const elements = (block.elements ?? []) as Json[];
      if (elements.length === 0 || elements.length > LIMITS.contextElements) problems.push(`${where}: ${elements.length} elements`);
      for (const element of elements) {
        const t = element.text;
        if (typeof t !== "string" || t.length === 0) problems.push(`${where}: empty element`);
        else {
          if (t.length > LIMITS.contextText) problems.push(`${where}: ${t.length} chars > ${LIMITS.contextText}`);
          problems.push(...markupProblems(where, t));
        }
      }
    } else if (block.type === "actions") {
      const elements = (block.elements ?? []) as Json[];
      if (elements.length === 0 || elements.length > LIMITS.actionElements) problems.push(`${where}: ${elements.length} buttons`);
      for (const button of elements) {
        const label = (button.text as Json | undefined)?.text;
        const value = button.value;
        const id = button.action_id;
        if (typeof label !== "string" || label.length === 0 || label.length > LIMITS.buttonText) problems.push(`${where}: label ${JSON.stringify(label)}`);
        if (typeof value !== "string" || value.length > LIMITS.buttonValue) problems.push(`${where}: value length`);
        if (typeof id !== "string" || id.length > LIMITS.actionId) problems.push(`${where}: action_id`);
        else if (actionIds.has(id)) problems.push(`${where}: duplicate action_id ${id}`);
        else actionIds.add(id);
      }
    } else {
      problems.push(`${where}: unexpected block type`);
    }
  });
  return problems;
}

/** Any `<`/`>` outside our own links, a bare `&`, or a broadcast word Slack could act on. */
function markupProblems(where: string, mrkdwn: string): string[] {
  const problems: string[] = [];
  // Our own markup: links, and the `>` that starts each line of a block quote.
  const outsideLinks = mrkdwn.replace(OWN_LINK, "").replace(/^>/gm, "");
  if (/<[!@#]/.test(mrkdwn)) problems.push(`${where}: unescaped mention ${JSON.stringify(mrkdwn.slice(0, 120))}`);
  if (/[<>]/.test(outsideLinks)) problems.push(`${where}: raw angle bracket ${JSON.stringify(outsideLinks.slice(0, 120))}`);
  if (BARE_AMPERSAND.test(mrkdwn)) problems.push(`${where}: bare & ${JSON.stringify(mrkdwn.slice(0, 120))}`);
  // A link's URL is not read for mentions; its label is.
  const labelsOnly = mrkdwn.replace(OWN_LINK, (whole) => whole.slice(whole.indexOf("|") + 1, -1));
  if (BROADCAST.test(labelsOnly)) problems.push(`${where}: broadcast word ${JSON.stringify(mrkdwn.slice(0, 120))}`);
  return problems;
}

/** Hostile pieces the fuzzers mix into their strings. */
export const HOSTILE = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<@U123>",
  "<@U123|bob>",
  "<#C123|general>",
  "<!subteam^S123|@team>",
  "<https://evil.example|click>",
  "@everyone",
  "@here",
  "@channel",
  "@HERE",
  "＠here",
  "&lt;!channel&gt;",
  "&amp;",
  "&",
  "<",
  ">",
  "*bold*",
  "_it_",
  "~strike~",
  "`code`",
  "```block```",
  "> quote",
  "\n",
  "\r\n",
  "\t",
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\u007f",
  "\u200b",
  "\u200d",
  "\u2060",
  "\u202e",
  "\ufeff",
  "👩‍👩‍👧‍👦",
  "🇨🇳",
  "é",
  "e\u0301",
  "\ud83d",
  "职业倦怠",
  "開源",
  "Kubernetes",
  "|",
  "%7C",
  "javascript:alert(1)",
] as const;
